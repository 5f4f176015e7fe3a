"""Editorial reports for a journal's managers: the pipeline by state and
section, how long reviewers take, and which reviews are late. Each report is
a fixed number of queries."""

import statistics
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import get_language

from reviews.models import AssignmentState, ReviewAssignment
from submissions.models import State, Submission

PIPELINE_STATES = [s for s in State if s != State.DRAFT]


@dataclass
class StateBySection:
    states: list  # [State] with at least one submission
    rows: list  # [(section title, [count per state], total)]
    totals: list  # [count per state]
    total: int


def submissions_by_state_and_section(journal, language: str = "") -> StateBySection:
    """Submitted work (drafts left out) counted by section and state (1 query);
    section titles in `language` (the reader's by default) where given."""
    language = language or get_language() or ""
    counts = (
        Submission.objects.filter(journal=journal)
        .exclude(state=State.DRAFT)
        .values(
            "section__title",
            "section__title_translations",
            "section__order",
            "state",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    table: dict = {}
    order: dict = {}
    for row in counts:
        translations = row["section__title_translations"] or {}
        title = translations.get(language) or row["section__title"] or ""
        order[title] = row["section__order"] or 0
        table.setdefault(title, {})[row["state"]] = row["n"]
    used = [s for s in PIPELINE_STATES if any(s.value in c for c in table.values())]
    rows = []
    for title in sorted(table, key=lambda t: (order[t], t)):
        values = [table[title].get(s.value, 0) for s in used]
        rows.append((title, values, sum(values)))
    totals = [sum(r[1][i] for r in rows) for i in range(len(used))]
    return StateBySection(states=used, rows=rows, totals=totals, total=sum(totals))


@dataclass
class ReviewerTurnaround:
    name: str
    email: str
    invited: int = 0
    accepted: int = 0
    declined: int = 0
    completed: int = 0
    overdue: int = 0
    response_days: list = field(default_factory=list)
    review_days: list = field(default_factory=list)

    @property
    def median_response_days(self) -> float | None:
        return _median(self.response_days)

    @property
    def median_review_days(self) -> float | None:
        return _median(self.review_days)


def _median(values) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _days(later: datetime, earlier: datetime) -> float:
    return max((later - earlier).total_seconds() / 86400, 0)


ACCEPTED_STATES = (AssignmentState.ACCEPTED, AssignmentState.SUBMITTED)
OPEN_STATES = (AssignmentState.INVITED, AssignmentState.ACCEPTED)


def reviewer_turnaround(journal, *, since: datetime | None = None) -> dict:
    """Per reviewer: invitations, answers, completed reviews, median days to
    answer and to submit, reviews now overdue; and the same over everyone
    (1 query). `since` limits to invitations sent since then."""
    assignments = ReviewAssignment.objects.filter(submission__journal=journal)
    if since is not None:
        assignments = assignments.filter(invited_at__gte=since)
    now = timezone.now()
    people: dict = {}
    overall = ReviewerTurnaround(name="", email="")
    for row in assignments.exclude(state=AssignmentState.CANCELLED).values(
        "reviewer_id",
        "reviewer__given_name",
        "reviewer__family_name",
        "reviewer__email",
        "state",
        "invited_at",
        "responded_at",
        "submitted_at",
        "due_at",
    ):
        person = people.get(row["reviewer_id"])
        if person is None:
            name = f"{row['reviewer__given_name']} {row['reviewer__family_name']}"
            person = people[row["reviewer_id"]] = ReviewerTurnaround(
                name=name.strip() or row["reviewer__email"],
                email=row["reviewer__email"],
            )
        for target in (person, overall):
            target.invited += 1
            if row["state"] in ACCEPTED_STATES:
                target.accepted += 1
            if row["state"] == AssignmentState.DECLINED:
                target.declined += 1
            if row["responded_at"]:
                target.response_days.append(
                    _days(row["responded_at"], row["invited_at"])
                )
            if row["state"] == AssignmentState.SUBMITTED and row["submitted_at"]:
                target.completed += 1
                target.review_days.append(_days(row["submitted_at"], row["invited_at"]))
            if row["state"] in OPEN_STATES and row["due_at"] < now:
                target.overdue += 1
    rows = sorted(people.values(), key=lambda p: (-p.invited, p.name.lower()))
    return {"reviewers": rows, "overall": overall}


@dataclass
class OverdueReview:
    assignment_id: int
    submission_id: int
    title: str
    reviewer: str
    state: str
    state_label: str
    invited_at: datetime
    due_at: datetime
    days_overdue: int


def overdue_reviews(journal) -> list[OverdueReview]:
    """Open invitations and accepted reviews past their due date, the most
    overdue first (1 query)."""
    now = timezone.now()
    labels = dict(AssignmentState.choices)
    rows = (
        ReviewAssignment.objects.filter(
            submission__journal=journal, state__in=OPEN_STATES, due_at__lt=now
        )
        .select_related("submission", "reviewer")
        .order_by("due_at", "pk")
    )
    return [
        OverdueReview(
            assignment_id=a.pk,
            submission_id=a.submission_id,
            title=a.submission.display_title,
            reviewer=a.reviewer.get_full_name() or a.reviewer.email,
            state=a.state,
            state_label=str(labels.get(a.state, a.state)),
            invited_at=a.invited_at,
            due_at=a.due_at,
            days_overdue=int((now - a.due_at).total_seconds() // 86400),
        )
        for a in rows
    ]
