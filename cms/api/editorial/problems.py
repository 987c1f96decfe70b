"""The Editorial API's problem handlers: conflicts, locks, preconditions and unreadable bodies as RFC 7807."""

from cms.http.bodies import register_body_handlers
from cms.http.problems import Problem, answer
from cms.http.problems import problem_response as problem

__all__ = ["Problem", "problem", "register_problem_handler"]


def register_problem_handler(api):
    @api.exception_handler(Problem)
    def problem_handler(request, exc):
        return answer(exc)

    # Wagtail's own routes too (image and document uploads): its catch-all
    # would turn a multipart body without a boundary into a 500.
    register_body_handlers(api)
