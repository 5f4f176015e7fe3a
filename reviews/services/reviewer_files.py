"""Files reviewers receive: the editor uploads or replaces them at any time."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from journal.errors import DomainError
from submissions.models import FileKind, Submission, SubmissionFile
from submissions.services import submission_file_upload

from ..anonymity.checks import (
    CHECKED_KINDS,
    file_check,
    file_cleared_for_reviewers,
)
from ..models import (
    OPEN_STATES,
    FileAction,
    ManuscriptCheck,
    ReviewAssignment,
    ReviewerFileEvent,
    SharedReviewerFile,
)
from .common import check_editor, notify_editors, notify_person

EDITOR_UPLOAD_KINDS = CHECKED_KINDS


def reviewer_file_upload(
    *,
    submission: Submission,
    actor,
    kind: str,
    upload,
    description: str = "",
) -> tuple[SubmissionFile, ManuscriptCheck]:
    """An editor adds a new version of a file reviewers receive.

    The version is stored beside the earlier ones (nothing is overwritten),
    logged, and checked at once for the authors' identities; the check is
    returned. Raises ActionNotAllowed for anyone but the submission's editors,
    DomainError for a kind reviewers never receive or a refused file.
    """
    check_editor(submission, actor)
    if kind not in EDITOR_UPLOAD_KINDS:
        raise DomainError(_("Reviewers do not receive files of that kind."))
    with transaction.atomic():
        record = submission_file_upload(
            submission=submission,
            actor=actor,
            kind=kind,
            upload=upload,
            description=description,
        )
        # submission_file_upload ran the upload checks (reviewer_upload_check).
        check = ManuscriptCheck.objects.get(file=record)
        reviewer_file_waits_resolve(submission=submission)
    return record, check


def reviewer_upload_check(file: SubmissionFile) -> list[dict]:
    """Registered with submissions: every upload of a kind reviewers receive is
    checked when it arrives, so the uploader sees the result at once."""
    if file.kind not in CHECKED_KINDS:
        return []
    ReviewerFileEvent.objects.create(
        submission=file.submission,
        file=file,
        actor=file.uploaded_by,
        action=FileAction.UPLOADED,
        note=file.neutral_name,
    )
    return file_check(file=file, actor=file.uploaded_by).hits


def reviewer_file_wait(
    *, assignment: ReviewAssignment, what: str, file: SubmissionFile | None
) -> ReviewerFileEvent:
    """A reviewer needs a file that is missing or held: make sure the editor knows.

    The first time per assignment and file version the wait is logged (the
    editors' queue lists it with its age) and the editors are emailed; later
    visits return the same record, so the reviewer can be told since when the
    editor knows.
    """
    wait = ReviewerFileEvent.objects.filter(
        assignment=assignment,
        action=FileAction.REVIEWER_WAITING,
        what=what,
        file=file,
        resolved_at__isnull=True,
    ).first()
    if wait is not None:
        return wait
    submission = assignment.submission
    with transaction.atomic():
        wait = ReviewerFileEvent.objects.create(
            submission=submission,
            file=file,
            assignment=assignment,
            actor=assignment.reviewer,
            action=FileAction.REVIEWER_WAITING,
            what=what,
        )
        notify_editors(
            submission=submission,
            key="review_file_waiting",
            context={
                "assignment": assignment,
                "file": file,
                "what": what,
                "held": file is not None,
            },
        )
    return wait


def reviewer_file_waits_resolve(*, submission: Submission) -> int:
    """The editor made the files available: close the waits that are now met and
    tell each waiting reviewer. Returns how many reviewers were told."""
    from ..anonymity.checks import reviewer_download_allowed

    open_waits = list(
        ReviewerFileEvent.objects.filter(
            submission=submission,
            action=FileAction.REVIEWER_WAITING,
            resolved_at__isnull=True,
        ).select_related("assignment__reviewer")
    )
    if not open_waits:
        return 0
    told = 0
    for wait in open_waits:
        if wait.what == "manuscript" and not reviewer_download_allowed(submission):
            continue
        if wait.what == "response":
            response = reviewer_response_file(submission)
            if response is None or not file_cleared_for_reviewers(response):
                continue
        if wait.what == "shared" and (
            wait.file is None or not file_cleared_for_reviewers(wait.file)
        ):
            continue
        wait.resolved_at = timezone.now()
        wait.save(update_fields=["resolved_at"])
        if wait.assignment.state in OPEN_STATES:  # type: ignore[union-attr]
            notify_person(
                person=wait.assignment.reviewer,  # type: ignore[union-attr]
                submission=submission,
                key="review_file_ready",
                context={"assignment": wait.assignment, "what": wait.what},
            )
            told += 1
    return told


def reviewer_response_file(submission: Submission) -> SubmissionFile | None:
    return submission.files.filter(kind=FileKind.RESPONSE).order_by("-version").first()


def held_file_waits(journal, *, user=None) -> list[ReviewerFileEvent]:
    """Reviewers waiting for a held or missing file, oldest first, for the
    queue; given a person, only for submissions whose review they manage."""
    waits = (
        ReviewerFileEvent.objects.filter(
            submission__journal=journal,
            action=FileAction.REVIEWER_WAITING,
            resolved_at__isnull=True,
        )
        .select_related("submission__section", "file", "assignment")
        .order_by("created_at", "pk")
    )
    rows = list(waits)
    if user is not None:
        rows = [w for w in rows if user.has_perm("reviews.manage", w.submission)]
    return rows


def reviewer_file_clear(*, file: SubmissionFile, actor) -> ManuscriptCheck:
    """An editor clears a held version after reading its hits; reviewers waiting
    for it are told. Raises ActionNotAllowed, or DomainError if never checked."""
    from ..anonymity.checks import file_clear

    with transaction.atomic():
        check = file_clear(file=file, actor=actor)
        reviewer_file_waits_resolve(submission=file.submission)
    return check


SHAREABLE_KINDS = (FileKind.FIGURE, FileKind.SUPPLEMENTARY)


def reviewer_file_share(*, file: SubmissionFile, actor, shared: bool) -> None:
    """Give reviewers a figure or supplementary file, or stop giving it.

    Reviewers download it scrubbed, and in double-anonymous review only once
    its own check passed or an editor cleared it. Raises ActionNotAllowed for
    anyone but the submission's editors, DomainError for other kinds of file.
    """
    check_editor(file.submission, actor)
    if file.kind not in SHAREABLE_KINDS:
        raise DomainError(
            _("Only figures and supplementary files are shared this way.")
        )
    with transaction.atomic():
        if shared:
            _share, created = SharedReviewerFile.objects.get_or_create(
                file=file, defaults={"shared_by": actor}
            )
            if not ManuscriptCheck.objects.filter(file=file).exists():
                file_check(file=file, actor=actor)
        else:
            created = bool(SharedReviewerFile.objects.filter(file=file).delete()[0])
        if created:
            ReviewerFileEvent.objects.create(
                submission=file.submission,
                file=file,
                actor=actor,
                action=FileAction.SHARED if shared else FileAction.UNSHARED,
            )


def shared_files(submission: Submission) -> list[SubmissionFile]:
    return list(
        submission.files.filter(reviewer_share__isnull=False).order_by("kind", "pk")
    )
