"""Records brought over from another platform (a journal's back catalogue from
OJS) enter the published state through the `import_published` transitions of
Issue and Article, and through nothing else.

Only an import may run those transitions. The import service opens
`importing(...)` around its work; outside it the permission
`publishing.import` refuses (for a caller that asks first), and the same test
is the transitions' condition, which django-fsm applies to every call, so no
other code can publish a record by calling the method directly.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import rules

_source: ContextVar[str] = ContextVar("publishing_import_source", default="")


@contextmanager
def importing(source: str) -> Iterator[None]:
    """Run the block as an import from `source` (e.g. "OJS")."""
    token = _source.set(source)
    try:
        yield
    finally:
        _source.reset(token)


def import_source() -> str:
    """The platform being imported from, or "" outside an import."""
    return _source.get()


def import_running(instance: Any = None) -> bool:
    """The transitions' condition: an import is running."""
    return bool(_source.get())


@rules.predicate
def is_import_run(user: Any = None, obj: Any = None) -> bool:
    return import_running()


def may_import(instance: Any, user: Any) -> bool:
    """The transitions' permission (django-fsm passes instance and user); the
    system (user None) imports from the command line."""
    return bool(rules.has_perm("publishing.import", user, instance))
