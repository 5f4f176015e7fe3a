"""Writes about journals, people and roles."""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .errors import DomainError, PermissionDenied
from .models import CallForPapers, Journal, JournalRole, Role, Section
from .selectors import user_has_role


def role_grant(
    *, journal: Journal, user, role: str, actor=None, sections=()
) -> JournalRole:
    """Give a person a role in a journal (idempotent).

    Raises PermissionDenied unless the actor manages the journal; actor=None is
    the system itself (self-registration as author, management commands).
    """
    if actor is not None and not user_has_role(actor, journal, Role.MANAGER):
        raise PermissionDenied(_("Only the journal's managers can grant roles."))
    with transaction.atomic():
        obj, _created = JournalRole.objects.get_or_create(
            journal=journal, user=user, role=role
        )
        if sections:
            obj.sections.set(sections)
    user.__dict__.pop("_journal_roles_cache", None)
    return obj


def role_revoke(*, journal: Journal, user, role: str, actor) -> None:
    if not user_has_role(actor, journal, Role.MANAGER):
        raise PermissionDenied(_("Only the journal's managers can remove roles."))
    JournalRole.objects.filter(journal=journal, user=user, role=role).delete()
    user.__dict__.pop("_journal_roles_cache", None)


def format_deadline(call: CallForPapers, language: str | None = None) -> str:
    """The call's deadline as the journal states it: local time with the zone name."""
    local = call.local_deadline
    with override(language) if language else _noop():
        text = formats.date_format(local, "DATETIME_FORMAT")
    return f"{text} ({call.journal.timezone})"


class _noop:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def call_check_open(
    *, call: CallForPapers, section: Section | None = None, now=None
) -> None:
    """Raise DomainError if the call no longer takes submissions (or not to this section)."""
    now = now or timezone.now()
    if not call.is_open(now):
        raise DomainError(
            _(
                "The call “%(title)s” closed on %(deadline)s; submissions to it are "
                "no longer accepted."
            )
            % {"title": call.title, "deadline": format_deadline(call)},
            code="call_closed",
        )
    if section is not None and call.sections.exists():
        if not call.sections.filter(pk=section.pk).exists():
            raise DomainError(
                _(
                    "The call “%(title)s” does not take submissions to the section “%(section)s”."
                )
                % {"title": call.title, "section": section.title},
                code="call_section",
            )
