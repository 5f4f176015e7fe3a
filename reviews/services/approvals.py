"""The editor's approval of what reviewers write to the author.

A review's comments to the author reach the author (the decision letter, the
author's pages) and the next round's reviewers only once approved: by an
editor, as written or as an edited copy (a signature taken out, say), or
automatically where the journal's settings allow it (never in
double-anonymous review, never for comments that may name their reviewer).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from journal.errors import DomainError
from submissions.services import submission_history_note

from ..models import AssignmentState, Review
from .common import check_editor


def _label(review: Review) -> str:
    assignment = review.assignment
    submitted = list(
        assignment.round.assignments.filter(state=AssignmentState.SUBMITTED)
        .order_by("invited_at", "pk")
        .values_list("pk", flat=True)
    )
    number = submitted.index(assignment.pk) + 1 if assignment.pk in submitted else 0
    return str(
        _("Reviewer %(n)s of round %(round)s")
        % {"n": number, "round": assignment.round.number}
    )


def review_comments_approve(*, review: Review, actor, text: str = "") -> Review:
    """Let the author read this review's comments to the author.

    `text` is what the author reads; empty or unchanged means as the reviewer
    wrote it, anything else is kept as the editor's edited copy (the
    reviewer's own text is never changed). The approval goes into the
    submission's history. Raises ActionNotAllowed unless `actor` may manage
    the submission's review, DomainError if the review is not submitted yet.
    """
    assignment = review.assignment
    submission = assignment.submission
    check_editor(submission, actor)
    if review.is_draft or assignment.state != AssignmentState.SUBMITTED:
        raise DomainError(_("Only a submitted review can be approved."))
    text = (text or "").replace("\r\n", "\n").strip()
    edited = bool(text) and text != review.comments_to_author.strip()
    with transaction.atomic():
        review.approved_comments = text if edited else ""
        review.comments_approved_at = timezone.now()
        review.comments_approved_by = actor
        review.save(
            update_fields=[
                "approved_comments",
                "comments_approved_at",
                "comments_approved_by",
            ]
        )
        submission_history_note(
            submission=submission,
            actor=actor,
            what="review_comments_approved",
            note=(
                _("Comments of %(who)s approved for the author, edited.")
                if edited
                else _("Comments of %(who)s approved for the author as written.")
            )
            % {"who": _label(review)},
        )
    return review
