"""The Editorial API's problem handler: conflicts, locks and preconditions as RFC 7807."""

from cms.http.problems import Problem, answer
from cms.http.problems import problem_response as problem

__all__ = ["Problem", "problem", "register_problem_handler"]


def register_problem_handler(api):
    @api.exception_handler(Problem)
    def problem_handler(request, exc):
        return answer(exc)

    @api.exception_handler(KeyError)
    @api.exception_handler(TypeError)
    @api.exception_handler(AttributeError)
    def malformed_input_handler(request, exc):
        # Wagtail's form_data walks StreamField JSON assuming each block is a
        # {"type", "value"} object and a struct block's value an object
        # (``value.get``); a malformed body surfaces here. Reads never parse
        # client JSON, so on a read this is a bug and must stay a 500.
        if request.method in {"GET", "HEAD", "OPTIONS"}:
            raise exc
        return problem(
            400,
            "The request body is malformed: every StreamField block must be an "
            'object with "type" and "value".',
            errors=[{"msg": f"missing or invalid key: {exc}"}],
        )
