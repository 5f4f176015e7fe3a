"""The ranked decision queue and the editor's dashboard queues.

Ranking: each completed review gives a score on 0..1 (its weighted criteria
score, or its recommendation when the form has no scored criteria). A
submission's score is the mean of its reviews weighted by each reviewer's
confidence (1–5), pulled towards the mean of the whole queue by a prior worth
one review of middling confidence. One confident review therefore does not
outrank three solid ones by chance, and a submission with more reviews is
judged more on its own evidence.

Both views read a fixed number of queries whatever the number of submissions.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from submissions.models import State, Submission
from submissions.selectors import submissions_for_editor

from .models import (
    RECOMMENDATION_STEP,
    AssignmentState,
    Recommendation,
    ReviewAssignment,
    ReviewCriterion,
)

DEFAULT_CONFIDENCE = 3
PRIOR_WEIGHT = DEFAULT_CONFIDENCE
RECOMMENDATION_SCORE = {
    Recommendation.ACCEPT: 1.0,
    Recommendation.MINOR_REVISION: 2 / 3,
    Recommendation.MAJOR_REVISION: 1 / 3,
    Recommendation.REJECT: 0.0,
}
# Reviewers wanted per round before a submission leaves "needs reviewers".
MIN_REVIEWERS = 2


def _assignments(submission_ids) -> dict[int, list[ReviewAssignment]]:
    """Every assignment of these submissions, with reviews and their criteria."""
    rows = (
        ReviewAssignment.objects.filter(submission_id__in=submission_ids)
        .select_related("round", "review", "review__form")
        .prefetch_related(
            Prefetch("review__form__criteria", queryset=ReviewCriterion.objects.all())
        )
        .order_by("submission_id", "round__number", "pk")
    )
    by_submission: dict[int, list[ReviewAssignment]] = defaultdict(list)
    for a in rows:
        by_submission[a.submission_id].append(a)
    return by_submission


def _current_round(assignments: list[ReviewAssignment]) -> list[ReviewAssignment]:
    if not assignments:
        return []
    latest = max(a.round.number for a in assignments)
    return [a for a in assignments if a.round.number == latest]


def _review_of(a: ReviewAssignment):
    try:
        return a.review
    except ReviewAssignment.review.RelatedObjectDoesNotExist:
        return None


@dataclass
class ReviewScore:
    score: float
    confidence: int
    recommendation: str


@dataclass
class RankedSubmission:
    submission: Submission
    reviews: list[ReviewScore]
    round_number: int
    mean_score: float = 0.0
    weighted_mean: float = 0.0
    adjusted_score: float = 0.0
    spread: float = 0.0
    recommendations: dict[str, int] = field(default_factory=dict)
    disagreement: bool = False
    completed_at: datetime | None = None

    @property
    def adjusted_percent(self) -> int:
        return round(self.adjusted_score * 100)

    @property
    def weighted_percent(self) -> int:
        return round(self.weighted_mean * 100)

    @property
    def spread_percent(self) -> int:
        return round(self.spread * 100)

    @property
    def recommendation_summary(self) -> list[tuple[str, int]]:
        return [
            (Recommendation(k).label, n)
            for k, n in sorted(
                self.recommendations.items(), key=lambda kv: RECOMMENDATION_STEP[kv[0]]
            )
        ]


def _score(review) -> ReviewScore | None:
    value = review.weighted_score
    if value is None:
        value = RECOMMENDATION_SCORE.get(review.recommendation)
    if value is None:
        return None
    return ReviewScore(
        score=value,
        confidence=review.confidence or DEFAULT_CONFIDENCE,
        recommendation=review.recommendation,
    )


def _complete_round(assignments) -> tuple[int, list, datetime | None] | None:
    """The current round's scored reviews, if every reviewer in it has finished."""
    current = _current_round(assignments)
    active = [
        a
        for a in current
        if a.state in (AssignmentState.INVITED, AssignmentState.ACCEPTED)
    ]
    done = [a for a in current if a.state == AssignmentState.SUBMITTED]
    if active or not done:
        return None
    scores = []
    for a in done:
        review = _review_of(a)
        if review is not None and not review.is_draft and (s := _score(review)):
            scores.append(s)
    last = max((a.submitted_at for a in done if a.submitted_at), default=None)
    return current[0].round.number, scores, last


def decision_queue(user, journal, *, call=None) -> list[RankedSubmission]:
    """Submissions under review whose current round is complete, best first.

    Only submissions the person may see as an editor. `call` limits the queue
    to one call for papers or special issue.
    """
    # A resubmitted manuscript is judged in its next round, not on old reports.
    qs = submissions_for_editor(user, journal).filter(state=State.UNDER_REVIEW)
    if call is not None:
        qs = qs.filter(call=call)
    submissions = list(qs)
    by_submission = _assignments([s.pk for s in submissions])
    ranked: list[RankedSubmission] = []
    for submission in submissions:
        complete = _complete_round(by_submission.get(submission.pk, []))
        if complete is None:
            continue
        number, scores, last = complete
        item = RankedSubmission(
            submission=submission,
            reviews=scores,
            round_number=number,
            completed_at=last,
        )
        if scores:
            values = [s.score for s in scores]
            weights = [s.confidence for s in scores]
            item.mean_score = sum(values) / len(values)
            item.weighted_mean = sum(
                v * w for v, w in zip(values, weights, strict=True)
            ) / sum(weights)
            item.spread = max(values) - min(values)
            item.recommendations = dict(
                Counter(s.recommendation for s in scores if s.recommendation)
            )
            steps = [RECOMMENDATION_STEP[r] for r in item.recommendations]
            item.disagreement = bool(steps) and max(steps) - min(steps) >= 2
        ranked.append(item)
    scored = [r for r in ranked if r.reviews]
    prior = sum(r.weighted_mean for r in scored) / len(scored) if scored else 0.5
    for r in scored:
        weights = sum(s.confidence for s in r.reviews)
        r.adjusted_score = (r.weighted_mean * weights + prior * PRIOR_WEIGHT) / (
            weights + PRIOR_WEIGHT
        )
    ranked.sort(
        key=lambda r: (
            not r.reviews,
            -r.adjusted_score,
            -len(r.reviews),
            r.submission.pk,
        )
    )
    return ranked


# --- the editor's queues ---------------------------------------------------------


@dataclass
class QueueItem:
    submission: Submission
    since: datetime | None
    detail: str = ""

    @property
    def age_days(self) -> int | None:
        if self.since is None:
            return None
        return max((timezone.now() - self.since).days, 0)


@dataclass
class Queue:
    key: str
    label: str
    items: list[QueueItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def oldest_days(self) -> int | None:
        ages = [i.age_days for i in self.items if i.age_days is not None]
        return max(ages) if ages else None


def _editor_submissions(user, journal) -> QuerySet[Submission]:
    return submissions_for_editor(user, journal).filter(
        state__in=[State.SUBMITTED, State.UNDER_REVIEW, State.RESUBMITTED]
    )


def editor_queues(user, journal, *, now=None) -> list[Queue]:
    """Needs reviewers, awaiting responses, overdue, ready for decision, revisions
    received: each with its submissions, oldest first, and how long they wait."""

    now = now or timezone.now()
    submissions = list(_editor_submissions(user, journal))
    by_submission = _assignments([s.pk for s in submissions])
    queues = {
        "needs_reviewers": Queue("needs_reviewers", _("Needs reviewers")),
        "awaiting": Queue("awaiting", _("Awaiting responses")),
        "overdue": Queue("overdue", _("Overdue reviews")),
        "ready": Queue("ready", _("Ready for decision")),
        "revisions": Queue("revisions", _("Revisions received")),
    }
    for s in submissions:
        current = _current_round(by_submission.get(s.pk, []))
        if s.state == State.RESUBMITTED:
            queues["revisions"].items.append(QueueItem(s, s.resubmitted_at))
            continue
        if s.state != State.UNDER_REVIEW:
            continue
        invited = [a for a in current if a.state == AssignmentState.INVITED]
        accepted = [a for a in current if a.state == AssignmentState.ACCEPTED]
        submitted = [a for a in current if a.state == AssignmentState.SUBMITTED]
        overdue = [a for a in accepted + invited if a.due_at < now]
        if len(invited) + len(accepted) + len(submitted) < MIN_REVIEWERS and not (
            submitted and not invited and not accepted
        ):
            queues["needs_reviewers"].items.append(
                QueueItem(
                    s,
                    s.state_changed_at,
                    str(len(invited) + len(accepted) + len(submitted)),
                )
            )
        if invited:
            queues["awaiting"].items.append(
                QueueItem(s, min(a.invited_at for a in invited), str(len(invited)))
            )
        if overdue:
            queues["overdue"].items.append(
                QueueItem(s, min(a.due_at for a in overdue), str(len(overdue)))
            )
        if submitted and not invited and not accepted:
            queues["ready"].items.append(
                QueueItem(
                    s, max(a.submitted_at or a.closed_at or now for a in submitted)
                )
            )
    for queue in queues.values():
        queue.items.sort(key=lambda i: (i.since or now, i.submission.pk))
    return list(queues.values())
