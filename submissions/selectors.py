"""Reads of submissions with permissions applied.

Views take submissions only through these, so a person reaches only what is
theirs: an author their own, an editor their journal's (or section's).
"""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from journal.models import EDITORIAL_ROLES, Journal, JournalRole, Role
from journal.selectors import journal_by_slug, user_has_role

from .models import State, Submission, SubmissionEvent, SubmissionFile


def _base() -> QuerySet[Submission]:
    return Submission.objects.select_related("journal", "section", "call", "submitter")


def submissions_of_author(user) -> QuerySet[Submission]:
    return _base().filter(submitter=user).prefetch_related("authors")


def editorial_scope(user) -> Q:
    """The submissions an editor may see: whole journals, or their sections."""
    if user.is_superuser:
        return Q()
    roles = JournalRole.objects.filter(
        user=user, role__in=list(EDITORIAL_ROLES) + [Role.PRODUCTION_EDITOR]
    ).prefetch_related("sections")
    scope = Q(editor=user)
    for role in roles:
        sections = [s.pk for s in role.sections.all()]
        if role.role == Role.SECTION_EDITOR and sections:
            scope |= Q(journal_id=role.journal_id, section_id__in=sections)
        else:
            scope |= Q(journal_id=role.journal_id)
    return scope


def submissions_for_editor(user, journal=None) -> QuerySet[Submission]:
    qs = _base().filter(editorial_scope(user)).exclude(state=State.DRAFT)
    if journal is not None:
        qs = qs.filter(journal=journal)
    return qs


def submission_for_author(user, pk: int) -> Submission:
    """The author's own submission, or 404 (never 403: no hint that it exists)."""
    try:
        return submissions_of_author(user).get(pk=pk)
    except (Submission.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def submission_for_editor(user, pk: int) -> Submission:
    try:
        return submissions_for_editor(user).get(pk=pk)
    except (Submission.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def submission_visible_to(user, pk: int) -> Submission:
    """For pages both the author and the editors open."""
    if not user.is_authenticated:
        raise Http404
    qs = _base().filter(
        Q(submitter=user) | (editorial_scope(user) & ~Q(state=State.DRAFT))
    )
    try:
        return qs.get(pk=pk)
    except (Submission.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def state_counts(user, journal) -> dict[str, int]:
    rows = (
        submissions_for_editor(user, journal)
        .order_by()
        .values("state")
        .annotate(n=Count("pk"))
    )
    return {row["state"]: row["n"] for row in rows}


def file_for(submission: Submission, pk: int) -> SubmissionFile:
    try:
        return submission.files.get(pk=pk)
    except (SubmissionFile.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def current_files(submission: Submission) -> list[SubmissionFile]:
    """The latest version of each single-file kind, and every figure and data file."""
    latest: dict[str, SubmissionFile] = {}
    many = []
    for f in submission.files.order_by("kind", "-version", "-uploaded_at"):
        if f.kind in ("figure", "supplementary"):
            many.append(f)
        elif f.kind not in latest:
            latest[f.kind] = f
    return list(latest.values()) + many


def journal_for_editor(user, slug: str):
    """A journal whose editorial office this person belongs to, or 404."""

    try:
        journal = journal_by_slug(slug)
    except Journal.DoesNotExist:
        raise Http404 from None
    staff_roles = list(EDITORIAL_ROLES) + [Role.PRODUCTION_EDITOR]
    if not user.is_authenticated or not user_has_role(user, journal, *staff_roles):
        raise Http404
    return journal


def submission_for_editor_page(user, pk: int) -> Submission:
    """The editor's view of a submission with what the page shows, prefetched."""
    submission = submission_for_editor(user, pk)
    return (
        Submission.objects.select_related(
            "journal", "section", "call", "submitter", "editor"
        )
        .prefetch_related(
            "authors",
            "reviewer_preferences",
            Prefetch(
                "files",
                SubmissionFile.objects.select_related("uploaded_by").order_by(
                    "kind", "-version"
                ),
            ),
            Prefetch("events", SubmissionEvent.objects.select_related("actor")),
            "emails",
        )
        .get(pk=submission.pk)
    )
