"""Writing a submission before it is sent: metadata, contributors, files, declarations."""

import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from journal.errors import ActionNotAllowed, DomainError
from journal.models import CallForPapers, Journal, Role, Section
from journal.services import call_check_open, role_grant

from .. import filetypes, permissions
from ..abstracts import abstract_problems
from ..models import (
    Contributor,
    FileKind,
    ReviewerPreference,
    State,
    Submission,
    SubmissionFile,
)
from .file_checks import upload_checks_run

logger = logging.getLogger(__name__)
# What file storage raises when it cannot be reached: a full or missing disk,
# an S3 endpoint that is down or refuses.
STORAGE_UNAVAILABLE = (OSError, BotoCoreError, ClientError)

EDITABLE_STATES = (State.DRAFT,)

ALLOWED_TYPES: dict[str, set[str]] = {
    FileKind.MANUSCRIPT: filetypes.DOCUMENTS,
    FileKind.ANONYMISED: filetypes.DOCUMENTS,
    FileKind.COVER_LETTER: filetypes.DOCUMENTS,
    FileKind.RESPONSE: filetypes.DOCUMENTS,
    FileKind.COPYEDITED: filetypes.DOCUMENTS,
    FileKind.FIGURE: filetypes.IMAGES,
    FileKind.SUPPLEMENTARY: filetypes.DATA,
}
# Kinds an author may upload while revising, beside a draft's.
REVISION_KINDS = {
    FileKind.MANUSCRIPT,
    FileKind.ANONYMISED,
    FileKind.RESPONSE,
    FileKind.FIGURE,
    FileKind.SUPPLEMENTARY,
}


def _check_author_can_edit(submission: Submission, actor) -> None:
    if submission.submitter_id != actor.pk:
        raise ActionNotAllowed(
            _("Only the person who started this submission can edit it.")
        )
    if submission.state not in EDITABLE_STATES:
        raise DomainError(
            _("This submission has been sent and can no longer be edited."),
            code="not_editable",
        )


def submission_create(
    *,
    journal: Journal,
    actor,
    section: Section | None = None,
    call: CallForPapers | None = None,
    language: str | None = None,
) -> Submission:
    """Start a draft. Raises DomainError if the section is closed or the call is over."""
    if section is not None:
        if section.journal_id != journal.pk:
            raise DomainError(_("That section belongs to another journal."))
        if not section.open_for_submissions:
            raise DomainError(
                _("The section “%(s)s” is not open for submissions.") % {"s": section}
            )
    if call is not None:
        if call.journal_id != journal.pk:
            raise DomainError(_("That call belongs to another journal."))
        call_check_open(call=call, section=section)
    language = language or journal.primary_language
    if language not in journal.language_list:
        raise DomainError(_("The journal does not publish in that language."))
    with transaction.atomic():
        submission = Submission.objects.create(
            journal=journal,
            section=section,
            call=call,
            submitter=actor,
            language=language,
        )
        role_grant(journal=journal, user=actor, role=Role.AUTHOR)
    return submission


def submission_update_start(
    *,
    submission: Submission,
    actor,
    section: Section,
    call: CallForPapers | None,
    language: str,
) -> Submission:
    _check_author_can_edit(submission, actor)
    journal = submission.journal
    if section.journal_id != journal.pk or not section.open_for_submissions:
        raise DomainError(
            _("The section “%(s)s” is not open for submissions.") % {"s": section}
        )
    if call is not None:
        call_check_open(call=call, section=section)
    if language not in journal.language_list:
        raise DomainError(_("The journal does not publish in that language."))
    submission.section = section
    submission.call = call
    submission.language = language
    submission.save(update_fields=["section", "call", "language", "updated_at"])
    return submission


def submission_update_metadata(
    *,
    submission: Submission,
    actor,
    title: dict,
    abstract: dict,
    keywords: dict,
    references: str = "",
    funding: str = "",
) -> Submission:
    """Save titles, abstracts and keywords per language (empty languages dropped).

    Raises DomainError when an abstract is over the section's or journal's
    word limit."""
    _check_author_can_edit(submission, actor)
    problems = abstract_problems(submission, abstract)
    if problems:
        raise DomainError(" ".join(sorted(set(problems.values()))))
    langs = submission.journal.language_list
    submission.title = {
        k: v.strip() for k, v in title.items() if k in langs and v.strip()
    }
    submission.abstract = {
        k: v.strip() for k, v in abstract.items() if k in langs and v.strip()
    }
    submission.keywords = {
        k: [w.strip() for w in v if w.strip()]
        for k, v in keywords.items()
        if k in langs and v
    }
    submission.references = references
    submission.funding = funding
    submission.save(
        update_fields=[
            "title",
            "abstract",
            "keywords",
            "references",
            "funding",
            "updated_at",
        ]
    )
    return submission


def submission_update_declarations(
    *,
    submission: Submission,
    actor,
    original: bool,
    competing_interests: str,
    ethics: bool,
    licence: bool,
    comments_to_editor: str = "",
) -> Submission:
    _check_author_can_edit(submission, actor)
    submission.decl_original = original
    submission.decl_competing_interests = competing_interests.strip()
    submission.decl_ethics = ethics
    submission.decl_licence = licence
    submission.comments_to_editor = comments_to_editor
    submission.save(
        update_fields=[
            "decl_original",
            "decl_competing_interests",
            "decl_ethics",
            "decl_licence",
            "comments_to_editor",
            "updated_at",
        ]
    )
    return submission


def contributor_save(
    *, submission: Submission, actor, contributor: Contributor | None = None, **fields
) -> Contributor:
    """Add a contributor at the end, or update one; only one may be corresponding."""
    _check_author_can_edit(submission, actor)
    with transaction.atomic():
        if contributor is None:
            last = submission.authors.aggregate(m=Max("order"))["m"]
            contributor = Contributor(submission=submission, order=(last or 0) + 1)
        elif contributor.submission_id != submission.pk:
            raise ActionNotAllowed(_("That author belongs to another submission."))
        if "orcid" in fields and fields["orcid"] != contributor.orcid:
            contributor.orcid_authenticated = False  # typed, not confirmed
        for name, value in fields.items():
            setattr(contributor, name, value)
        contributor.full_clean(exclude=["submission", "user"])
        contributor.save()
        if contributor.is_corresponding:
            submission.authors.exclude(pk=contributor.pk).update(is_corresponding=False)
    return contributor


def contributor_delete(
    *, submission: Submission, actor, contributor: Contributor
) -> None:
    _check_author_can_edit(submission, actor)
    if contributor.submission_id != submission.pk:
        raise ActionNotAllowed(_("That author belongs to another submission."))
    contributor.delete()


def contributor_move(
    *, submission: Submission, actor, contributor: Contributor, up: bool
) -> None:
    """Swap a contributor with the one before (up) or after it."""
    _check_author_can_edit(submission, actor)
    ordered = list(submission.authors.order_by("order", "pk"))
    index = next(i for i, c in enumerate(ordered) if c.pk == contributor.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    with transaction.atomic():
        for position, c in enumerate(ordered, start=1):
            if c.order != position:
                c.order = position
                c.save(update_fields=["order"])


def contributor_add_submitter(*, submission: Submission, actor) -> Contributor:
    """Add the submitter as an author from their profile."""
    return contributor_save(
        submission=submission,
        actor=actor,
        user=actor,
        given_name=actor.given_name,
        family_name=actor.family_name,
        email=actor.email,
        affiliation=actor.affiliation,
        country=actor.country,
        orcid=actor.orcid,
        orcid_authenticated=bool(actor.orcid and actor.orcid_authenticated),
        is_corresponding=not submission.authors.exists(),
    )


def submission_file_upload(
    *,
    submission: Submission,
    actor,
    kind: str,
    upload,
    description: str = "",
) -> SubmissionFile:
    """Store a new version of a file after checking its content and size.

    Authors upload while drafting and, for revision kinds, while revisions are
    requested; editors and production editors at any time. Raises DomainError
    with the reason when the file is refused; nothing else changes then. The
    registered upload checks run on the new version; what they found is in
    the returned record's `check_findings` ([{"term", "snippet", ...}]).
    """
    is_staff = permissions.allowed(actor, "production.run", submission)
    if not is_staff:
        if submission.submitter_id != actor.pk:
            raise ActionNotAllowed(_("You cannot add files to this submission."))
        revising = (
            submission.state == State.REVISIONS_REQUESTED and kind in REVISION_KINDS
        )
        if submission.state != State.DRAFT and not revising:
            raise DomainError(_("Files can no longer be added to this submission."))
    allowed = ALLOWED_TYPES.get(kind)
    if allowed is None:
        raise DomainError(_("Unknown kind of file."))
    name = getattr(upload, "name", "file") or "file"
    detected = filetypes.check_upload(
        upload,
        allowed=set(allowed),
        max_bytes=settings.SUBMISSION_MAX_UPLOAD_BYTES,
        name=name,
    )
    digest = filetypes.sha256_of(upload)
    size = getattr(upload, "size", None) or len(upload.read())
    upload.seek(0)
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    original = f"{stem[:200]}.{detected.extension}"
    with transaction.atomic():
        # Lock the submission so two uploads of one kind cannot take one version.
        list(
            Submission.objects.select_for_update(of=("self",)).filter(pk=submission.pk)
        )
        last = SubmissionFile.objects.filter(
            submission=submission, kind=kind
        ).aggregate(m=Max("version"))["m"]
        record = SubmissionFile(
            submission=submission,
            kind=kind,
            version=(last or 0) + 1,
            original_name=original,
            content_type=detected.content_type,
            size=size,
            sha256=digest,
            description=description,
            uploaded_by=actor,
        )
        try:
            record.file.save(original, upload, save=False)
        except STORAGE_UNAVAILABLE as exc:
            logger.warning("upload to submission %s not stored: %s", submission.pk, exc)
            raise DomainError(
                _(
                    "The file could not be stored just now, so nothing was saved. "
                    "Please try again in a few minutes."
                ),
                code="storage_unavailable",
            ) from exc
        try:
            record.save()
        except Exception:
            if record.file.name:
                record.file.storage.delete(record.file.name)
            raise
        record.check_findings = upload_checks_run(file=record)  # type: ignore[attr-defined]
    return record


def submission_file_delete(
    *, submission: Submission, actor, file: SubmissionFile
) -> None:
    _check_author_can_edit(submission, actor)
    if file.submission_id != submission.pk:
        raise ActionNotAllowed(_("That file belongs to another submission."))
    storage, path = file.file.storage, file.file.name
    file.delete()
    if path:
        transaction.on_commit(lambda: storage.delete(path), robust=True)


def reviewer_preference_add(
    *,
    submission: Submission,
    actor,
    kind: str,
    name: str,
    email: str = "",
    affiliation: str = "",
    reason: str = "",
) -> ReviewerPreference:
    _check_author_can_edit(submission, actor)
    return ReviewerPreference.objects.create(
        submission=submission,
        kind=kind,
        name=name,
        email=email,
        affiliation=affiliation,
        reason=reason,
    )


def reviewer_preference_delete(
    *, submission: Submission, actor, preference: ReviewerPreference
) -> None:
    _check_author_can_edit(submission, actor)
    if preference.submission_id != submission.pk:
        raise ActionNotAllowed(_("That entry belongs to another submission."))
    preference.delete()
