"""The check of every file reviewers receive, and the rule that lets them have it.

In double-anonymous review reviewers get the reviewer's copy (the newest
anonymised manuscript; never the manuscript itself), the newest response to
reviewers and the figures and supplementary files the editor shares, each
scrubbed of metadata. Each file version's text is searched for the authors'
names, emails, affiliations and ORCID iDs; a hit holds that version back until
an editor has read the snippets and cleared it. A clearance belongs to one file
version: a new upload is checked afresh and holds nothing over from the last.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from journal.errors import DomainError
from journal.models import ReviewMethod
from journal.rules import check_perm
from submissions.models import FileKind, Submission, SubmissionFile

from ..methods import review_method_of
from ..models import FileAction, ManuscriptCheck, ReviewerFileEvent
from .leaks import document_text, leak_snippets
from .scrub import ScrubError, scrub_file_bytes

MIN_FAMILY_NAME = 3

# Kinds of file that reach reviewers and are therefore checked.
CHECKED_KINDS = (
    FileKind.ANONYMISED,
    FileKind.RESPONSE,
    FileKind.FIGURE,
    FileKind.SUPPLEMENTARY,
)


def needs_reviewer_copy(submission: Submission, method: str = "") -> bool:
    """Double-anonymous review (the current round's, or `method`)."""
    return (method or review_method_of(submission)) == ReviewMethod.DOUBLE_ANONYMOUS


def reviewer_file(submission: Submission) -> SubmissionFile | None:
    """The manuscript file reviewers download.

    Double-anonymous: the newest anonymised manuscript (the reviewer's copy),
    or None; never the manuscript the authors signed. Otherwise the newest
    manuscript.
    """
    kind = (
        FileKind.ANONYMISED if needs_reviewer_copy(submission) else FileKind.MANUSCRIPT
    )
    return submission.files.filter(kind=kind).order_by("-version").first()


def reviewer_file_bytes(file: SubmissionFile) -> bytes:
    """The file's bytes as a reviewer gets them: metadata scrubbed."""
    with file.file.open("rb") as fh:
        data = fh.read()
    return scrub_file_bytes(data, file.content_type)


def author_identity_terms(
    submission: Submission, *, affiliations: bool = True
) -> list[str]:
    """Names (in every script given), family names, emails, ORCID iDs and
    affiliations of the authors and the submitter."""
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
        terms.append(person.orcid)
        if affiliations and person.affiliation:
            terms.append(person.affiliation)
    submitter = submission.submitter
    terms += [submitter.full_name, submitter.email, submitter.orcid]
    if affiliations and submitter.affiliation:
        terms.append(submitter.affiliation)
    return unique_terms(terms)


def unique_terms(terms: list[str]) -> list[str]:
    seen, unique = set(), []
    for term in terms:
        key = (term or "").strip().casefold()
        if key and key not in seen:
            seen.add(key)
            unique.append(term.strip())
    return unique


def _check_editor(submission, actor) -> None:
    if actor is not None:
        check_perm(
            actor,
            "reviews.manage",
            submission,
            _("Only the editors of this submission can do this."),
        )


def file_check(
    *, file: SubmissionFile, actor=None, log: bool = True
) -> ManuscriptCheck:
    """Search one file version for its authors' identities and keep the result.

    Hits are {"term", "snippet", "where"}; a damaged file gives one hit with
    "error". A new check of the same version withdraws any clearance of it.
    """
    submission = file.submission
    try:
        data = reviewer_file_bytes(file)
        text = document_text(data, file.content_type)
        hits = [
            {**found, "where": file.neutral_name}
            for found in leak_snippets(text, author_identity_terms(submission))
        ]
    except ScrubError:
        hits = [
            {
                "term": "",
                "snippet": "",
                "where": file.neutral_name,
                "error": str(_("The file could not be read to check it.")),
            }
        ]
    with transaction.atomic():
        check, _created = ManuscriptCheck.objects.update_or_create(
            file=file,
            defaults={
                "hits": hits,
                "checked_at": timezone.now(),
                "cleared_by": None,
                "cleared_at": None,
            },
        )
        if log:
            ReviewerFileEvent.objects.create(
                submission=submission,
                file=file,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                action=FileAction.HELD if hits else FileAction.CHECKED,
                note="; ".join(h["term"] or h.get("error", "") for h in hits),
            )
    return check


def check_for(file: SubmissionFile | None) -> ManuscriptCheck | None:
    """The file version's check, checking it now if it never was."""
    if file is None:
        return None
    check = ManuscriptCheck.objects.filter(file=file).first()
    if check is None:
        check = file_check(file=file)
    return check


def file_cleared_for_reviewers(file: SubmissionFile) -> bool:
    """May reviewers have this version? Only after its own check passed or was
    cleared; never on the strength of another version's clearance."""
    if not needs_reviewer_copy(file.submission):
        return True
    return not check_for(file).blocks_reviewers


def anonymised_manuscript_check(*, submission: Submission, actor=None) -> list[dict]:
    """Check the reviewer's copy again; returns its hits ([] when none or no file).

    Raises ActionNotAllowed if `actor` is given and is not an editor.
    """
    _check_editor(submission, actor)
    file = reviewer_file(submission)
    if file is None:
        return []
    return file_check(file=file, actor=actor).hits


def file_clear(*, file: SubmissionFile, actor) -> ManuscriptCheck:
    """An editor has read the hits of this version and lets reviewers have it."""
    _check_editor(file.submission, actor)
    check = ManuscriptCheck.objects.filter(file=file).first()
    if check is None:
        raise DomainError(_("Check the file before clearing it."))
    with transaction.atomic():
        check.cleared_by = actor
        check.cleared_at = timezone.now()
        check.save(update_fields=["cleared_by", "cleared_at"])
        ReviewerFileEvent.objects.create(
            submission=file.submission,
            file=file,
            actor=actor,
            action=FileAction.CLEARED,
        )
    return check


def anonymised_manuscript_clear(*, submission: Submission, actor) -> ManuscriptCheck:
    """Clear the current reviewer's copy (see file_clear)."""
    _check_editor(submission, actor)
    file = reviewer_file(submission)
    if file is None:
        raise DomainError(_("There is no reviewer's copy to clear yet."))
    return file_clear(file=file, actor=actor)


def manuscript_check_for(submission: Submission) -> ManuscriptCheck | None:
    file = reviewer_file(submission)
    if file is None:
        return None
    return ManuscriptCheck.objects.filter(file=file).select_related("file").first()


def reviewer_download_allowed(submission: Submission) -> bool:
    """May reviewers download the manuscript now?

    Always in single-anonymous and open review. In double-anonymous review only
    when there is a reviewer's copy whose own check found nothing or was
    cleared. A version never checked is checked now.
    """
    if not needs_reviewer_copy(submission):
        return True
    file = reviewer_file(submission)
    return file is not None and file_cleared_for_reviewers(file)


@dataclass(frozen=True)
class ReviewerCopy:
    """Where the reviewer's copy stands, for the editor's pages."""

    needed: bool
    file: SubmissionFile | None
    check: ManuscriptCheck | None
    manuscript: SubmissionFile | None

    @property
    def ready(self) -> bool:
        if not self.needed:
            return True
        return self.check is not None and not self.check.blocks_reviewers

    @property
    def missing(self) -> bool:
        return self.needed and self.file is None

    @property
    def held(self) -> bool:
        return self.needed and self.check is not None and self.check.blocks_reviewers

    @property
    def stale(self) -> bool:
        """The manuscript has a version newer than the reviewer's copy."""
        return bool(
            self.needed
            and self.file is not None
            and self.manuscript is not None
            and self.manuscript.uploaded_at > self.file.uploaded_at
        )


def reviewer_copy_status(submission: Submission, method: str = "") -> ReviewerCopy:
    """The reviewer's copy under the current round's method, or `method` (the
    one a round about to open will have)."""
    needed = needs_reviewer_copy(submission, method)
    file = reviewer_file(submission) if needed else None
    manuscript = (
        submission.files.filter(kind=FileKind.MANUSCRIPT).order_by("-version").first()
    )
    return ReviewerCopy(
        needed=needed,
        file=file,
        check=check_for(file) if file is not None else None,
        manuscript=manuscript,
    )


def reviewer_copy_require(submission: Submission) -> None:
    """Refuse to send a double-anonymous submission to reviewers without a
    cleared reviewer's copy; the message says what is missing."""
    status = reviewer_copy_status(submission)
    if status.missing:
        raise DomainError(
            _(
                "Reviewers cannot be invited yet: the review is double-anonymous and "
                "there is no reviewer's copy (an anonymised manuscript). Upload one "
                "under “Files reviewers receive”."
            ),
            code="reviewer_copy_missing",
        )
    if status.held:
        raise DomainError(
            _(
                "Reviewers cannot be invited yet: the reviewer's copy may reveal the "
                "authors and is held. Read the anonymity check, then clear it or "
                "upload a corrected copy."
            ),
            code="reviewer_copy_held",
        )
