"""Writes about journals, people and roles."""

from contextlib import nullcontext

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .errors import ActionNotAllowed, DomainError
from .models import (
    BoardMember,
    CallForPapers,
    Journal,
    JournalRole,
    Section,
    StaffTwoFactor,
    split_keywords,
)
from .rules import check_perm
from .selectors import orcid_holders
from .validators import normalise_orcid, validate_orcid


def role_grant(
    *, journal: Journal, user, role: str, actor=None, sections=()
) -> JournalRole:
    """Give a person a role in a journal (idempotent).

    Raises ActionNotAllowed unless the actor manages the journal; actor=None is
    the system itself (self-registration as author, management commands).
    """
    if actor is not None:
        check_perm(
            actor,
            "journal.manage",
            journal,
            _("Only the journal's managers can grant roles."),
        )
    with transaction.atomic():
        obj, _created = JournalRole.objects.get_or_create(
            journal=journal, user=user, role=role
        )
        if sections:
            obj.sections.set(sections)
    user.__dict__.pop("_journal_roles_cache", None)
    user.__dict__.pop("_journal_sections_cache", None)
    return obj


def role_revoke(*, journal: Journal, user, role: str, actor) -> None:
    check_perm(
        actor,
        "journal.manage",
        journal,
        _("Only the journal's managers can remove roles."),
    )
    JournalRole.objects.filter(journal=journal, user=user, role=role).delete()
    user.__dict__.pop("_journal_roles_cache", None)
    user.__dict__.pop("_journal_sections_cache", None)


def format_deadline(call: CallForPapers, language: str | None = None) -> str:
    """The call's deadline as the journal states it: local time with the zone name."""
    local = call.local_deadline
    with override(language) if language else nullcontext():
        text = formats.date_format(local, "DATETIME_FORMAT")
    return f"{text} ({call.journal.timezone})"


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


PROFILE_FIELDS = (
    "given_name",
    "family_name",
    "name_translations",
    "affiliation",
    "country",
    "orcid",
    "preferred_language",
    "research_interests",
)


def user_set_language(*, user, language: str) -> None:
    """Keep the interface language a person chose on their account, so it is
    theirs again at the next sign-in, on any device. Unknown codes are ignored."""
    if language not in dict(settings.LANGUAGES) or user.preferred_language == language:
        return
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def _name_translations(value) -> dict[str, dict[str, str]]:
    """{language: {"given": .., "family": ..}} with blanks dropped."""
    if not isinstance(value, dict):
        raise DomainError(_("The name in other languages is not readable."))
    result = {}
    for language, names in value.items():
        if not isinstance(names, dict):
            raise DomainError(_("The name in other languages is not readable."))
        given = str(names.get("given") or "").strip()[:150]
        family = str(names.get("family") or "").strip()[:150]
        if given or family:
            result[str(language)[:16]] = {"given": given, "family": family}
    return result


def user_update_profile(*, user, actor, **fields):
    """Change a person's own details (the fields in PROFILE_FIELDS).

    The ORCID iD is normalised (a pasted https://orcid.org/... URL becomes the
    bare iD) and its check digit verified; research interests are stored as one
    comma-separated line. Raises ActionNotAllowed unless the actor is the person
    or a superuser, and DomainError for an unknown field or an invalid value;
    nothing is saved then.
    """
    if actor is None or (actor.pk != user.pk and not actor.is_superuser):
        raise ActionNotAllowed(_("You can only change your own profile."))
    unknown = sorted(set(fields) - set(PROFILE_FIELDS))
    if unknown:
        raise DomainError(
            _("These details cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(unknown)},
            code="profile_field",
        )
    cleaned = {
        name: (value.strip() if isinstance(value, str) else value)
        for name, value in fields.items()
    }
    if "given_name" in cleaned and not cleaned["given_name"]:
        raise DomainError(_("Please give your given name."), code="given_name")
    if "orcid" in cleaned:
        cleaned["orcid"] = normalise_orcid(cleaned["orcid"] or "")
        if cleaned["orcid"]:
            try:
                validate_orcid(cleaned["orcid"])
            except ValidationError as exc:
                raise DomainError(" ".join(exc.messages), code="orcid") from exc
    if "preferred_language" in cleaned and cleaned["preferred_language"] not in dict(
        settings.LANGUAGES
    ):
        raise DomainError(_("This language is not offered."), code="language")
    if "research_interests" in cleaned:
        cleaned["research_interests"] = ", ".join(
            split_keywords(cleaned["research_interests"] or "")
        )
    if "country" in cleaned:
        cleaned["country"] = str(cleaned["country"] or "")
    if "name_translations" in cleaned:
        cleaned["name_translations"] = _name_translations(cleaned["name_translations"])

    previous = {name: getattr(user, name) for name in cleaned}
    for name, value in cleaned.items():
        setattr(user, name, value)
    try:
        user.full_clean(
            exclude=[f.name for f in user._meta.fields if f.name not in cleaned],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        for name, value in previous.items():
            setattr(user, name, value)
        raise DomainError(" ".join(exc.messages), code="profile_invalid") from exc
    update_fields = list(cleaned)
    if "orcid" in cleaned and cleaned["orcid"] != previous["orcid"]:
        # A typed iD is the person's word only, not an ORCID confirmation.
        user.orcid_authenticated = False
        update_fields.append("orcid_authenticated")
    user.save(update_fields=update_fields)
    return user


def user_confirm_orcid(*, user, orcid: str):
    """Record the ORCID iD that ORCID itself vouched for when this person signed
    in with ORCID or connected their ORCID record.

    The iD becomes the person's iD, marked as confirmed (JATS and Crossref then
    say it is authenticated). Raises DomainError for a malformed iD, or when
    another account's confirmed iD is this one.
    """
    orcid = normalise_orcid(orcid)
    try:
        validate_orcid(orcid)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="orcid") from exc
    if orcid_holders(orcid, confirmed_only=True).exclude(pk=user.pk).exists():
        raise DomainError(
            _("This ORCID iD is already connected to another account."),
            code="orcid_taken",
        )
    if user.orcid == orcid and user.orcid_authenticated:
        return user
    user.orcid = orcid
    user.orcid_authenticated = True
    user.save(update_fields=["orcid", "orcid_authenticated"])
    return user


# --- the journal's own texts and its editorial board ------------------------


def journal_settings_save(*, journal: Journal, actor) -> Journal:
    """Save a journal's texts as edited on its settings page (description,
    focus and scope, guidelines, abstract limit, and their translations).

    Raises ActionNotAllowed unless the actor manages the journal."""
    check_perm(
        actor,
        "journal.manage",
        journal,
        _("Only the journal's managers can change its settings."),
    )
    journal.full_clean()
    journal.save()
    return journal


def call_save(*, call: CallForPapers, actor, sections=None) -> CallForPapers:
    """Create or change a call for papers from the journal's settings page;
    `sections` (of the same journal), when given, replace the call's.

    Raises ActionNotAllowed unless the actor manages the journal, and
    ValidationError for a slug the journal already uses."""
    check_perm(
        actor,
        "journal.manage",
        call.journal,
        _("Only the journal's managers can change its calls for papers."),
    )
    call.full_clean(exclude=["sections"])
    if sections is not None and any(s.journal_id != call.journal_id for s in sections):
        raise DomainError(_("A call can name only the journal's own sections."))
    with transaction.atomic():
        call.save()
        if sections is not None:
            call.sections.set(sections)
    return call


def section_save(*, section: Section, actor) -> Section:
    """Save a section's title, policy and limits (and their translations).

    Raises ActionNotAllowed unless the actor manages the journal."""
    check_perm(
        actor,
        "journal.manage",
        section.journal,
        _("Only the journal's managers can change its sections."),
    )
    section.full_clean()
    section.save()
    return section


def _check_board(actor, journal: Journal) -> None:
    check_perm(
        actor,
        "journal.board",
        journal,
        _("Only the journal's managers can edit the editorial board."),
    )


def board_member_save(*, member: BoardMember, actor) -> BoardMember:
    """Add a person to the board (placed last) or save their changes.

    Raises ActionNotAllowed unless the actor manages the member's journal."""
    _check_board(actor, member.journal)
    member.full_clean()
    with transaction.atomic():
        if member.pk is None:
            last = (
                BoardMember.objects.select_for_update()
                .filter(journal=member.journal)
                .order_by("-order")
                .values_list("order", flat=True)
                .first()
            )
            member.order = (last or 0) + 1
        member.save()
    return member


def board_member_remove(*, member: BoardMember, actor) -> None:
    _check_board(actor, member.journal)
    member.delete()


def board_member_move(*, member: BoardMember, actor, direction: str) -> None:
    """Swap the member with the one above ("up") or below ("down")."""
    _check_board(actor, member.journal)
    if direction not in ("up", "down"):
        raise DomainError(_("Move a member up or down."))
    with transaction.atomic():
        members = list(
            BoardMember.objects.select_for_update()
            .filter(journal=member.journal)
            .order_by("order", "pk")
        )
        index = next(i for i, m in enumerate(members) if m.pk == member.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(members):
            return
        members[index], members[other] = members[other], members[index]
        for position, row in enumerate(members, start=1):
            if row.order != position:
                row.order = position
                row.save(update_fields=["order"])


def journal_staff_two_factor_set(*, journal: Journal, actor, policy: str) -> Journal:
    """Choose whether this journal's staff need an authenticator app: required,
    optional, or as the site decides. Managers only (ActionNotAllowed);
    DomainError for an unknown choice."""
    check_perm(
        actor,
        "journal.manage",
        journal,
        _("Only the journal's managers can change its security settings."),
    )
    if policy not in StaffTwoFactor.values:
        raise DomainError(_("Choose one of the options offered."), code="policy")
    journal.staff_two_factor = policy
    journal.save(update_fields=["staff_two_factor", "updated_at"])
    return journal
