"""The Editorial API's problem handler: conflicts, locks and preconditions as RFC 7807."""

from cms.http.problems import Problem, answer
from cms.http.problems import problem_response as problem

__all__ = ["Problem", "problem", "register_problem_handler"]


def register_problem_handler(api):
    @api.exception_handler(Problem)
    def problem_handler(request, exc):
        return answer(exc)
