"""The editor's check of the manuscript reviewers will download.

In double-anonymous review the file reviewers get is the latest anonymised
manuscript (or the manuscript when none was uploaded), scrubbed of metadata.
Its text is searched for the authors' names, emails and affiliations; a hit
holds the file back from reviewers until an editor has seen it and cleared it.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from journal.errors import ActionNotAllowed, DomainError
from journal.models import ReviewMethod
from submissions import permissions as submission_perms
from submissions.models import FileKind, Submission, SubmissionFile

from ..models import ManuscriptCheck
from .leaks import find_identity_leaks
from .scrub import ScrubError, scrub_file_bytes

MIN_FAMILY_NAME = 3


def reviewer_file(submission: Submission) -> SubmissionFile | None:
    """The file reviewers download: the newest anonymised version, else the manuscript."""
    files = list(
        submission.files.filter(
            kind__in=[FileKind.ANONYMISED, FileKind.MANUSCRIPT]
        ).order_by("-version", "-uploaded_at")
    )
    for kind in (FileKind.ANONYMISED, FileKind.MANUSCRIPT):
        for f in files:
            if f.kind == kind:
                return f
    return None


def reviewer_file_bytes(file: SubmissionFile) -> bytes:
    """The file's bytes as a reviewer gets them: metadata scrubbed."""
    with file.file.open("rb") as fh:
        data = fh.read()
    return scrub_file_bytes(data, file.content_type)


def author_identity_terms(
    submission: Submission, *, affiliations: bool = True
) -> list[str]:
    """Names (in every script given), family names, emails and affiliations."""
    people = list(submission.authors.all())
    terms: list[str] = []
    for person in people:
        terms.append(person.full_name)
        for names in (person.name_translations or {}).values():
            if isinstance(names, dict):
                terms.append(
                    " ".join(p for p in (names.get("given"), names.get("family")) if p)
                )
                if len(names.get("family") or "") >= MIN_FAMILY_NAME:
                    terms.append(names["family"])
        if len(person.family_name) >= MIN_FAMILY_NAME:
            terms.append(person.family_name)
        terms.append(person.email)
        if affiliations and person.affiliation:
            terms.append(person.affiliation)
    submitter = submission.submitter
    terms += [submitter.full_name, submitter.email]
    if affiliations and submitter.affiliation:
        terms.append(submitter.affiliation)
    seen, unique = set(), []
    for term in terms:
        key = (term or "").strip().casefold()
        if key and key not in seen:
            seen.add(key)
            unique.append(term.strip())
    return unique


def _check_editor(submission, actor) -> None:
    if actor is not None and not submission_perms.is_editor(submission, actor):
        raise ActionNotAllowed(_("Only the editors of this submission can do this."))


def anonymised_manuscript_check(*, submission: Submission, actor=None) -> list[dict]:
    """Search the reviewers' file for the authors' identities and keep the result.

    Returns the hits, each {"term": ..., "where": ...}; an empty list when the
    file is clean or there is no file yet. A new check replaces an earlier one
    for the same file and withdraws any clearance. Raises ActionNotAllowed if
    `actor` is given and is not an editor of the submission.
    """
    _check_editor(submission, actor)
    file = reviewer_file(submission)
    if file is None:
        return []
    try:
        data = reviewer_file_bytes(file)
        found = find_identity_leaks(
            data, file.content_type, author_identity_terms(submission)
        )
        hits = [{"term": term, "where": file.neutral_name} for term in found]
    except ScrubError:
        hits = [
            {
                "term": "",
                "where": file.neutral_name,
                "error": str(_("The file could not be read to check it.")),
            }
        ]
    ManuscriptCheck.objects.update_or_create(
        file=file,
        defaults={
            "hits": hits,
            "checked_at": timezone.now(),
            "cleared_by": None,
            "cleared_at": None,
        },
    )
    return hits


def anonymised_manuscript_clear(*, submission: Submission, actor) -> ManuscriptCheck:
    """An editor has read the hits and lets reviewers download the file anyway."""
    _check_editor(submission, actor)
    file = reviewer_file(submission)
    check = ManuscriptCheck.objects.filter(file=file).first() if file else None
    if check is None:
        raise DomainError(_("Check the manuscript before clearing it."))
    with transaction.atomic():
        check.cleared_by = actor
        check.cleared_at = timezone.now()
        check.save(update_fields=["cleared_by", "cleared_at"])
    return check


def manuscript_check_for(submission: Submission) -> ManuscriptCheck | None:
    file = reviewer_file(submission)
    if file is None:
        return None
    return ManuscriptCheck.objects.filter(file=file).select_related("file").first()


def reviewer_download_allowed(submission: Submission) -> bool:
    """May reviewers download the manuscript now?

    Always in single-anonymous and open review. In double-anonymous review only
    when the current reviewers' file has been checked and either nothing was
    found or an editor cleared it. A file never checked is checked now (the
    result is kept), so reviewers are not held up by a missing check.
    """
    if submission.review_method != ReviewMethod.DOUBLE_ANONYMOUS:
        return True
    file = reviewer_file(submission)
    if file is None:
        return False
    check = ManuscriptCheck.objects.filter(file=file).first()
    if check is None:
        anonymised_manuscript_check(submission=submission)
        check = ManuscriptCheck.objects.get(file=file)
    return not check.blocks_reviewers
