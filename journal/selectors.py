"""Reads about journals, people and their roles, with permissions applied."""

from django.db.models import QuerySet
from django.utils import timezone

from .models import (
    EDITORIAL_ROLES,
    BoardMember,
    CallForPapers,
    Journal,
    JournalRole,
    Role,
    Section,
    User,
)


def journals_active() -> QuerySet[Journal]:
    return Journal.objects.filter(is_active=True)


def journal_by_slug(slug: str) -> Journal:
    """The active journal with this slug; raises Journal.DoesNotExist."""
    return journals_active().get(slug=slug)


def _cache_of(user, name: str) -> dict:
    """A per-request cache kept on the person (on the real user object, not on
    request.user's lazy wrapper, so permission checks see it too)."""
    from django.utils.functional import LazyObject, empty

    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user.__dict__.setdefault(name, {})


def user_roles(user, journal) -> set[str]:
    """The roles a person holds in a journal, cached on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = _cache_of(user, "_journal_roles_cache")
    if journal.pk not in cache:
        cache[journal.pk] = set(
            JournalRole.objects.filter(journal=journal, user=user).values_list(
                "role", flat=True
            )
        )
    return cache[journal.pk]


def user_has_role(user, journal, *roles: str) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return bool(user_roles(user, journal) & set(roles))


def user_section_ids(user, journal) -> set[int]:
    """The sections a section editor is limited to (empty: all), cached per request."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = _cache_of(user, "_journal_sections_cache")
    if journal.pk not in cache:
        cache[journal.pk] = set(
            JournalRole.sections.through.objects.filter(
                journalrole__journal=journal,
                journalrole__user=user,
                journalrole__role=Role.SECTION_EDITOR,
            ).values_list("section_id", flat=True)
        )
    return cache[journal.pk]


def journal_for(user, slug: str, perm: str) -> Journal:
    """The active journal with this slug if `perm` passes for this person, else 404.

    The one lookup every staff page of a journal uses; `perm` names a rule
    (`journal.office`, `issues.prepare`, ...) declared in an app's rules.py.
    """
    from django.http import Http404

    try:
        journal = journal_by_slug(slug)
    except (Journal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not user.has_perm(perm, journal):
        raise Http404
    return journal


def journals_edited_by(user) -> QuerySet[Journal]:
    if user.is_superuser:
        return journals_active()
    return (
        journals_active()
        .filter(roles__user=user, roles__role__in=list(EDITORIAL_ROLES))
        .distinct()
    )


def editors_of(journal, section: Section | None = None) -> list:
    """People to tell about a new submission: editors, managers, its section's editors."""
    roles = (
        JournalRole.objects.filter(journal=journal, role__in=list(EDITORIAL_ROLES))
        .select_related("user")
        .prefetch_related("sections")
    )
    people = {}
    for role in roles:
        if role.role == Role.SECTION_EDITOR and section is not None:
            limited = {s.pk for s in role.sections.all()}
            if limited and section.pk not in limited:
                continue
        people[role.user.pk] = role.user
    return list(people.values())


def sections_open(journal) -> QuerySet[Section]:
    return journal.sections.filter(open_for_submissions=True)


def calls_open(journal, now=None) -> QuerySet[CallForPapers]:

    return journal.calls.filter(deadline__gt=now or timezone.now())


STAFF_ROLES = (Role.EDITOR, Role.SECTION_EDITOR, Role.PRODUCTION_EDITOR, Role.MANAGER)
PRODUCTION_ROLES = (Role.PRODUCTION_EDITOR, Role.EDITOR, Role.MANAGER)


def user_is_journal_staff(user) -> bool:
    """Site staff, or an editor, section editor, production editor or manager
    of any journal: the people who may (and should) protect their account with
    a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return JournalRole.objects.filter(user=user, role__in=list(STAFF_ROLES)).exists()


def staff_two_factor_required(user, journal_slug: str = "") -> bool:
    """Whether this person must have an authenticator app before a staff page.

    On a journal's staff page (`journal_slug`), that journal's setting decides
    for its staff. Elsewhere (the admin, the site's staff pages) it is required
    of site staff when the site requires it, and of anyone who is staff of a
    journal that requires it.
    """
    from django.conf import settings

    if not getattr(user, "is_authenticated", False):
        return False
    site_staff = user.is_staff or user.is_superuser
    if journal_slug:
        journal = journals_active().filter(slug=journal_slug).first()
        if journal is None:
            return False
        return journal.requires_staff_two_factor and (
            site_staff
            or JournalRole.objects.filter(
                user=user, journal=journal, role__in=list(STAFF_ROLES)
            ).exists()
        )
    if site_staff and settings.STAFF_REQUIRE_TWO_FACTOR:
        return True
    journals = Journal.objects.filter(
        is_active=True,
        roles__user=user,
        roles__role__in=list(STAFF_ROLES),
    ).distinct()
    return any(j.requires_staff_two_factor for j in journals)


def roles_by_journal(user) -> dict[Journal, set[str]]:
    """Every active journal where the person holds a role, with those roles.

    One query; a superuser counts as editor and manager of every active journal.
    """
    result: dict[Journal, set[str]] = {}
    if not getattr(user, "is_authenticated", False):
        return result
    if user.is_superuser:
        for journal in journals_active():
            result[journal] = {Role.EDITOR, Role.MANAGER}
        return result
    rows = (
        JournalRole.objects.filter(user=user, journal__is_active=True)
        .select_related("journal")
        .order_by("journal__title", "role")
    )
    for row in rows:
        result.setdefault(row.journal, set()).add(row.role)
    # The permission rules read roles through user_roles: no query per journal.
    cache = _cache_of(user, "_journal_roles_cache")
    for journal, roles in result.items():
        cache.setdefault(journal.pk, set(roles))
    return result


def calls_open_everywhere(now=None) -> QuerySet[CallForPapers]:
    """Open calls for papers of every active journal, the soonest deadline first."""

    return (
        CallForPapers.objects.filter(
            journal__is_active=True, deadline__gt=now or timezone.now()
        )
        .select_related("journal")
        .order_by("deadline")
    )


def board_of(journal) -> QuerySet[BoardMember]:
    """The journal's editorial board, in its order (one query)."""
    return journal.board_members.order_by("order", "pk")


def board_member_for(user, journal, pk) -> BoardMember:
    """A member of this journal's board that the person may edit, else 404."""
    from django.http import Http404

    if not user.has_perm("journal.board", journal):
        raise Http404
    try:
        return BoardMember.objects.select_related("journal").get(pk=pk, journal=journal)
    except (BoardMember.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def call_of(journal, pk) -> CallForPapers:
    """One of the journal's calls for papers, else 404."""
    from django.http import Http404

    try:
        return journal.calls.get(pk=pk)
    except (CallForPapers.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def section_of(journal, pk) -> Section:
    """One of the journal's sections, else 404."""
    from django.http import Http404

    try:
        return journal.sections.get(pk=pk)
    except (Section.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def orcid_holders(orcid: str, *, confirmed_only: bool = False) -> QuerySet[User]:
    """Accounts that give this ORCID iD; with confirmed_only, those whose iD
    was confirmed by signing in with ORCID."""
    people = User.objects.filter(orcid=orcid)
    if confirmed_only:
        people = people.filter(orcid_authenticated=True)
    return people
