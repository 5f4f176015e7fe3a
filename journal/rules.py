"""Who may do what in a journal: the role predicates every app's rules build on,
and the journal-wide permissions.

A predicate takes (user, obj) where obj is a Journal or anything with a
`journal` attribute (a submission, an article, an issue); section-scoped
predicates also read `obj.section`. Roles are read once per request
(`journal.selectors.user_roles`). The permissions are checked everywhere with
`user.has_perm(name, obj)` or `rules.test_rule(name, user, obj)`: in services,
in views (`journal.selectors.journal_for`), in the FSM transitions and in the
templates (`{% has_perm name user obj as ok %}`).
"""

from __future__ import annotations

from typing import Any

import rules

from .models import Journal, Role
from .selectors import user_has_role, user_section_ids


def journal_of(obj: Any) -> Journal | None:
    if isinstance(obj, Journal):
        return obj
    return getattr(obj, "journal", None)


def _has(user: Any, obj: Any, *roles: str) -> bool:
    journal = journal_of(obj)
    if journal is None or not getattr(user, "is_authenticated", False):
        return False
    return user_has_role(user, journal, *roles)


@rules.predicate
def is_manager(user: Any, obj: Any) -> bool:
    return _has(user, obj, Role.MANAGER)


@rules.predicate
def is_chief_editor(user: Any, obj: Any) -> bool:
    """Editor or manager: journal-wide editorial authority."""
    return _has(user, obj, Role.EDITOR, Role.MANAGER)


@rules.predicate
def is_section_editor(user: Any, obj: Any) -> bool:
    """A section editor of the journal, for any of their sections."""
    return _has(user, obj, Role.SECTION_EDITOR)


@rules.predicate
def is_section_editor_here(user: Any, obj: Any) -> bool:
    """A section editor whose sections include obj's section (none listed: all)."""
    journal = journal_of(obj)
    if journal is None or not _has(user, journal, Role.SECTION_EDITOR):
        return False
    limited = user_section_ids(user, journal)
    section_id = getattr(obj, "section_id", None)
    return not limited or section_id in limited


@rules.predicate
def is_production_editor(user: Any, obj: Any) -> bool:
    return _has(user, obj, Role.PRODUCTION_EDITOR)


@rules.predicate
def is_reviewer(user: Any, obj: Any) -> bool:
    return _has(user, obj, Role.REVIEWER)


# Editors of one thing: journal-wide editors, or the section editor of its section.
is_editor_here = is_chief_editor | is_section_editor_here
# The editorial office: the submissions list and the review workflow. Production
# editors work from production and the issues instead, and see no review.
is_office_member = is_chief_editor | is_section_editor
# Production: copyediting, galleys, proofs, preparing and scheduling issues.
is_production_staff = is_chief_editor | is_production_editor

rules.add_perm("journal.office", is_office_member)
rules.add_perm("journal.manage", is_manager)
# The public editorial board: managers keep it.
rules.add_perm("journal.board", is_manager)


def check_perm(actor: Any, perm: str, obj: Any, message: str) -> None:
    """Raise ActionNotAllowed with `message` unless `perm` passes; for services."""
    from .errors import ActionNotAllowed

    if actor is None or not actor.has_perm(perm, obj):
        raise ActionNotAllowed(message)
