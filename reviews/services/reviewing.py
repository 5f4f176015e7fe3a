"""Writing a review: drafts, submission (which locks it), the annotated file."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from journal.errors import ActionNotAllowed, DomainError
from journal.models import ReviewMethod
from submissions import filetypes

from ..methods import review_method_of
from ..models import (
    AssignmentState,
    CriterionKind,
    Recommendation,
    Review,
    ReviewAssignment,
    ReviewForm,
    ReviewSettings,
)
from .common import assignment_transition, notify_editors, notify_person


def review_form_for(submission) -> ReviewForm | None:
    """The section's active form, else the journal's general one."""
    forms = ReviewForm.objects.filter(
        journal_id=submission.journal_id, is_active=True
    ).order_by("-pk")
    if submission.section_id:
        form = forms.filter(section_id=submission.section_id).first()
        if form is not None:
            return form
    return forms.filter(section__isnull=True).first()


def review_get_or_start(*, assignment: ReviewAssignment) -> Review:
    try:
        return assignment.review
    except Review.DoesNotExist:
        review, _created = Review.objects.get_or_create(
            assignment=assignment,
            defaults={"form": review_form_for(assignment.submission)},
        )
        return review


def _check_can_edit(assignment: ReviewAssignment, actor) -> None:
    if actor.pk != assignment.reviewer_id:
        raise ActionNotAllowed(_("This review belongs to someone else."))
    if assignment.state == AssignmentState.SUBMITTED:
        raise DomainError(
            _("This review has been submitted and can no longer be changed."),
            code="locked",
        )
    if assignment.state != AssignmentState.ACCEPTED:
        raise DomainError(
            _("This review is “%(state)s”; it cannot be edited.")
            % {"state": AssignmentState(assignment.state).label}
        )


def _clean_answers(review: Review, answers: dict) -> dict:
    clean: dict[str, bool | int] = {}
    for criterion in review.criteria():
        raw = answers.get(str(criterion.pk))
        if raw is None or raw == "":
            continue
        if criterion.kind == CriterionKind.YESNO:
            if isinstance(raw, str):
                if raw.lower() not in ("yes", "no", "true", "false"):
                    raise DomainError(_("Answer yes or no."))
                raw = raw.lower() in ("yes", "true")
            clean[str(criterion.pk)] = bool(raw)
        else:
            try:
                value = int(raw)
            except (TypeError, ValueError) as exc:
                raise DomainError(
                    _("“%(label)s” needs a whole number.") % {"label": criterion.label}
                ) from exc
            if not criterion.scale_min <= value <= criterion.scale_max:
                raise DomainError(
                    _("“%(label)s” must be between %(lo)s and %(hi)s.")
                    % {
                        "label": criterion.label,
                        "lo": criterion.scale_min,
                        "hi": criterion.scale_max,
                    }
                )
            clean[str(criterion.pk)] = value
    return clean


def review_save_draft(
    *,
    assignment: ReviewAssignment,
    actor,
    answers: dict,
    confidence: int | None = None,
    recommendation: str = "",
    comments_to_author: str = "",
    comments_to_editor: str = "",
    annotated_file=None,
) -> Review:
    """Keep what the reviewer wrote so far; nothing is required yet.

    Raises DomainError if the review is already submitted (locked) or an answer
    is out of range, ActionNotAllowed for anyone but the reviewer.
    """
    _check_can_edit(assignment, actor)
    review = review_get_or_start(assignment=assignment)
    if review.assignment_id != assignment.pk or not review.is_draft:
        raise DomainError(_("This review can no longer be changed."), code="locked")
    if recommendation and recommendation not in Recommendation.values:
        raise DomainError(_("Choose one of the recommendations."))
    if confidence not in (None, "") and not 1 <= int(confidence) <= 5:
        raise DomainError(_("Confidence goes from 1 to 5."))
    review.answers = _clean_answers(review, answers)
    review.confidence = int(confidence) if confidence not in (None, "") else None
    review.recommendation = recommendation or ""
    review.comments_to_author = comments_to_author.strip()
    review.comments_to_editor = comments_to_editor.strip()
    review.saved_at = timezone.now()
    with transaction.atomic():
        if annotated_file is not None:
            _store_annotated(review, annotated_file)
        review.save()
    return review


def _store_annotated(review: Review, upload) -> None:
    detected = filetypes.check_upload(
        upload,
        allowed=set(filetypes.DOCUMENTS),
        max_bytes=settings.SUBMISSION_MAX_UPLOAD_BYTES,
        name=getattr(upload, "name", "annotated") or "annotated",
    )
    old = review.annotated_file.name if review.annotated_file else ""
    review.annotated_file.save(f"annotated.{detected.extension}", upload, save=False)
    review.annotated_content_type = detected.content_type
    review.annotated_extension = detected.extension
    if old:
        storage = review.annotated_file.storage
        transaction.on_commit(lambda: storage.delete(old), robust=True)


def review_missing(review: Review) -> list[str]:
    """What must be filled in before the review can be submitted."""
    missing = [
        criterion.label
        for criterion in review.criteria()
        if criterion.required and str(criterion.pk) not in review.answers
    ]
    if not review.recommendation:
        missing.append(str(_("Recommendation")))
    if review.confidence is None:
        missing.append(str(_("Confidence")))
    if not review.comments_to_author:
        missing.append(str(_("Comments to the author")))
    return missing


def reviewer_self_terms(reviewer) -> list[str]:
    """What would name the reviewer: name, family name, email, ORCID iD,
    affiliation."""
    from ..anonymity.checks import MIN_FAMILY_NAME, unique_terms

    terms = [reviewer.full_name, reviewer.email, reviewer.orcid, reviewer.affiliation]
    if len(reviewer.family_name or "") >= MIN_FAMILY_NAME:
        terms.append(reviewer.family_name)
    return unique_terms(terms)


def review_identity_check(review: Review) -> list[dict]:
    """Does the part of the review the author receives name the reviewer?

    Searches the comments to the author and the annotated file's text for the
    reviewer's name, email, ORCID iD and affiliation. Returns
    [{"term", "snippet", "where"}]; [] in open review, where names are known.
    """
    from ..anonymity.leaks import document_text, leak_snippets
    from ..anonymity.scrub import ScrubError
    from .common import reviewers_hidden_from_author

    assignment = review.assignment
    if not reviewers_hidden_from_author(assignment.submission, assignment.round):
        return []
    terms = reviewer_self_terms(assignment.reviewer)
    where_comments = str(_("Comments to the author"))
    hits = [
        {**hit, "where": where_comments, "part": "comments"}
        for hit in leak_snippets(review.comments_to_author, terms)
    ]
    if review.annotated_file:
        try:
            with review.annotated_file.open("rb") as fh:
                text = document_text(fh.read(), review.annotated_content_type)
        except (ScrubError, OSError):
            text = ""
        where_file = str(_("Annotated file"))
        hits += [
            {**hit, "where": where_file, "part": "annotated"}
            for hit in leak_snippets(text, terms)
        ]
    return hits


def comments_approved_automatically(assignment: ReviewAssignment) -> bool:
    """Whether this review's comments reach the author without an editor's
    approval: never in double-anonymous review; in single-anonymous and open
    review when the journal's review settings say so."""
    if review_method_of(assignment.submission, assignment.round) == (
        ReviewMethod.DOUBLE_ANONYMOUS
    ):
        return False
    journal = assignment.submission.journal
    return ReviewSettings.for_journal(journal).approve_comments_automatically


class IdentityWarning(DomainError):
    """The review names its reviewer; `hits` says where."""

    def __init__(self, message, *, hits: list[dict]):
        super().__init__(message, code="identity")
        self.hits = hits


def review_submit(
    *,
    assignment: ReviewAssignment,
    actor,
    identity_confirmed: bool = False,
    **fields,
) -> Review:
    """Save the last changes, check everything required is there, and lock it.

    Raises DomainError naming what is missing; the draft is kept then. When
    reviewers are anonymous and the comments to the author or the annotated
    file name the reviewer, raises IdentityWarning (with the hits) unless
    `identity_confirmed`; a review submitted anyway keeps the hits, which the
    editor sees as a flag before anything reaches the author.
    """
    review = review_save_draft(assignment=assignment, actor=actor, **fields)
    missing = review_missing(review)
    if missing:
        raise DomainError(
            _("Please complete before submitting: %(fields)s.")
            % {"fields": ", ".join(missing)},
            code="incomplete",
        )
    hits = review_identity_check(review)
    if hits and not identity_confirmed:
        raise IdentityWarning(
            _(
                "Your review may tell the authors who you are: %(terms)s. The "
                "review is anonymous; please remove these, or confirm below that "
                "it should go as it is."
            )
            % {"terms": ", ".join(f"“{h['term']}” ({h['where']})" for h in hits)},
            hits=hits,
        )
    with transaction.atomic():
        review.is_draft = False
        review.submitted_at = timezone.now()
        review.identity_hits = hits
        if not hits and comments_approved_automatically(assignment):
            review.comments_approved_at = review.submitted_at
        review.save(
            update_fields=[
                "is_draft",
                "submitted_at",
                "identity_hits",
                "comments_approved_at",
            ]
        )
        assignment_transition(assignment=assignment, actor=actor, name="submit")
        notify_editors(
            submission=assignment.submission,
            key="review_submitted",
            context={"assignment": assignment, "review": review},
        )
        notify_person(
            person=assignment.reviewer,
            submission=assignment.submission,
            key="review_thanks",
            context={"assignment": assignment},
        )
    return review
