"""Reads for peer review with permissions applied: 404 for what a person may not see."""

import statistics
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from submissions.models import Submission, SubmissionFile
from submissions.selectors import submission_for

from .methods import reviewers_hidden_from_author
from .models import (
    RECOMMENDATION_STEP,
    AssignmentState,
    Decision,
    ReviewAssignment,
    ReviewCriterion,
    ReviewRound,
)

# Weighted scores (0..1) further apart than this count as strong disagreement.
SCORE_GAP = 0.4


def _assignments() -> QuerySet[ReviewAssignment]:
    return ReviewAssignment.objects.select_related(
        "round",
        "submission__journal",
        "submission__section",
        "review",
    )


def assignments_for_reviewer(user) -> QuerySet[ReviewAssignment]:
    """Everything a reviewer has been invited to, except cancelled invitations."""
    return (
        _assignments()
        .filter(reviewer=user)
        .exclude(state=AssignmentState.CANCELLED)
        .order_by("due_at", "pk")
    )


def review_queue(user) -> dict[str, list[ReviewAssignment]]:
    groups: dict[str, list[ReviewAssignment]] = {
        "invited": [],
        "in_progress": [],
        "completed": [],
    }
    for assignment in assignments_for_reviewer(user):
        if assignment.state == AssignmentState.INVITED:
            groups["invited"].append(assignment)
        elif assignment.state == AssignmentState.ACCEPTED:
            groups["in_progress"].append(assignment)
        elif assignment.state == AssignmentState.SUBMITTED:
            groups["completed"].append(assignment)
    groups["completed"].sort(key=lambda a: a.submitted_at or a.invited_at, reverse=True)
    return groups


def assignment_for_reviewer(user, pk) -> ReviewAssignment:
    try:
        return assignments_for_reviewer(user).get(pk=pk)
    except (ReviewAssignment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def manuscript_for_reviewer(assignment: ReviewAssignment) -> SubmissionFile | None:
    """The file the reviewer reads: the reviewer's copy when authors are hidden
    (never the original), else the manuscript; latest version. The same file
    the anonymity check looks at."""
    from .anonymity.checks import reviewer_file

    return reviewer_file(assignment.submission)


def latest_file(submission: Submission, kind: str) -> SubmissionFile | None:
    return submission.files.filter(kind=kind).order_by("-version").first()


def previous_round(assignment: ReviewAssignment) -> ReviewRound | None:
    return (
        ReviewRound.objects.filter(
            submission_id=assignment.submission_id,
            number__lt=assignment.round.number,
        )
        .order_by("-number")
        .first()
    )


# --- editors ----------------------------------------------------------------


@dataclass
class CriterionRow:
    criterion: ReviewCriterion
    values: list
    mean: float | None = None
    spread: float | None = None


@dataclass
class RoundSummary:
    round: ReviewRound
    assignments: list
    submitted: list
    criteria: list = field(default_factory=list)
    disagreement: bool = False
    decision: Decision | None = None
    mean_score: float | None = None


def _criterion_rows(submitted: list) -> list[CriterionRow]:
    criteria: dict[int, ReviewCriterion] = {}
    for assignment in submitted:
        for criterion in assignment.review.criteria():
            criteria.setdefault(criterion.pk, criterion)
    rows = []
    for criterion in sorted(criteria.values(), key=lambda c: (c.order, c.pk)):
        values = [a.review.answers.get(str(criterion.pk)) for a in submitted]
        numbers = [
            float(v) if not isinstance(v, bool) else float(v)
            for v in values
            if v is not None
        ]
        row = CriterionRow(criterion=criterion, values=values)
        if numbers:
            row.mean = statistics.fmean(numbers)
            row.spread = max(numbers) - min(numbers)
        rows.append(row)
    return rows


def strong_disagreement(reviews: list) -> bool:
    """Recommendations two or more steps apart, or weighted scores far apart."""
    steps = [RECOMMENDATION_STEP[r.recommendation] for r in reviews if r.recommendation]
    if steps and max(steps) - min(steps) >= 2:
        return True
    scores = [r.weighted_score for r in reviews if r.weighted_score is not None]
    return bool(scores) and max(scores) - min(scores) > SCORE_GAP


def rounds_for_editor(submission: Submission) -> list[RoundSummary]:
    """Every round with its assignments and the submitted reviews side by side."""
    assignments = ReviewAssignment.objects.select_related(
        "reviewer", "review__form"
    ).prefetch_related(
        Prefetch(
            "review__form__criteria",
            queryset=ReviewCriterion.objects.order_by("order", "pk"),
        )
    )
    rounds = (
        submission.review_rounds.order_by("number")
        .prefetch_related(
            Prefetch("assignments", queryset=assignments.order_by("invited_at", "pk")),
            "decisions",
        )
        .all()
    )
    summaries = []
    for rnd in rounds:
        every = list(rnd.assignments.all())
        submitted = [a for a in every if a.state == AssignmentState.SUBMITTED]
        reviews = [a.review for a in submitted]
        scores = [r.weighted_score for r in reviews if r.weighted_score is not None]
        decisions = list(rnd.decisions.all())
        summaries.append(
            RoundSummary(
                round=rnd,
                assignments=every,
                submitted=submitted,
                criteria=_criterion_rows(submitted),
                disagreement=len(reviews) > 1 and strong_disagreement(reviews),
                decision=decisions[0] if decisions else None,
                mean_score=statistics.fmean(scores) if scores else None,
            )
        )
    return summaries


def submission_for_review_editor(user, pk) -> Submission:
    """A submission whose review this person runs (`reviews.manage`), or 404:
    production editors never see reports, confidential comments or reviewers."""
    return submission_for(user, pk, "reviews.manage")


def assignment_for_editor(user, pk) -> ReviewAssignment:
    try:
        assignment = _assignments().select_related("reviewer").get(pk=pk)
    except (ReviewAssignment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    submission_for(user, assignment.submission_id, "reviews.manage")
    return assignment


def has_submitted_reviews(submission: Submission) -> bool:
    """Whether any reviewer has submitted a report on this manuscript."""
    return ReviewAssignment.objects.filter(
        submission=submission, state=AssignmentState.SUBMITTED
    ).exists()


def annotated_for_author(submission: Submission) -> list[dict]:
    """Annotated files of submitted reviews of decided rounds, numbered like the
    letter's reviewers."""
    files = []
    for rnd in submission.review_rounds.order_by("number"):
        if not rnd.decisions.exists():
            continue
        submitted = rnd.assignments.filter(state=AssignmentState.SUBMITTED).order_by(
            "invited_at", "pk"
        )
        for index, assignment in enumerate(submitted.select_related("review"), 1):
            review = assignment.review
            if not review.comments_approved:
                continue
            # A file whose text names its reviewer never reaches the author;
            # its metadata is scrubbed, its words cannot be.
            names_reviewer = any(
                hit.get("part") == "annotated" for hit in review.identity_hits
            )
            if names_reviewer and reviewers_hidden_from_author(submission, rnd):
                continue
            if review.annotated_file:
                files.append({"round": rnd.number, "index": index, "review": review})
    return files


def decisions_for_author(submission: Submission) -> list[Decision]:
    """The letters sent to the author; never the editor's identity beyond the
    letter. A letter a send check held is shown only once it has gone out."""
    return list(submission.decisions.select_related("letter_email").order_by("-number"))


def decision_for_editor(user, pk) -> Decision:
    try:
        decision = Decision.objects.select_related(
            "submission__journal", "letter_email"
        ).get(pk=pk)
    except (Decision.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    submission_for(user, decision.submission_id, "reviews.manage")
    return decision


def held_invitation(assignment: ReviewAssignment):
    """The invitation email to this reviewer if a send check held it, else None."""
    from submissions.models import OutboxEmail

    return (
        OutboxEmail.objects.filter(
            submission_id=assignment.submission_id,
            key="review_invitation",
            recipient_id=assignment.reviewer_id,
            created_at__gte=assignment.invited_at,
            status=OutboxEmail.Status.BLOCKED,
        )
        .order_by("-pk")
        .first()
    )
