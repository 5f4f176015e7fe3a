"""The workflow's transitions check the permissions declared in submissions/rules.py.

django-fsm calls a transition's `permission` with (submission, user); `rule`
turns a permission name into such a callable.
"""

from collections.abc import Callable
from typing import Any


def rule(name: str) -> Callable[[Any, Any], bool]:
    def check(submission: Any, user: Any) -> bool:
        return bool(user is not None and user.has_perm(name, submission))

    check.__name__ = name.replace(".", "_")
    check.__qualname__ = check.__name__
    return check


def allowed(user: Any, name: str, obj: Any) -> bool:
    """`user.has_perm(name, obj)`, false for no user (tasks acting for nobody)."""
    return bool(user is not None and user.has_perm(name, obj))
