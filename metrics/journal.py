"""The public statistics of a journal: what it has published, who wrote it,
and how fast it decides. A fixed number of aggregate queries."""

import statistics
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.db.models.functions import ExtractYear, Lower
from django_countries import countries

from publishing.selectors import articles_public
from submissions.models import Contributor, State, Submission

# The states a first editorial decision moves a submission into.
DECISION_STATES = (
    State.DESK_REJECTED,
    State.REVISIONS_REQUESTED,
    State.ACCEPTED,
    State.REJECTED,
)
REJECTED_STATES = (State.DESK_REJECTED, State.REJECTED)


@dataclass
class JournalStatistics:
    articles: int
    authors: int
    countries: list[tuple[str, str, int]]  # (code, name, authors)
    per_year: list[tuple[int, int]]
    accepted: int
    rejected: int
    median_days_to_first_decision: float | None
    median_days_to_publication: float | None

    @property
    def decided(self) -> int:
        return self.accepted + self.rejected

    @property
    def acceptance_rate(self) -> float | None:
        return round(100 * self.accepted / self.decided, 1) if self.decided else None


def _days(later, earlier) -> float:
    return (later - earlier).total_seconds() / 86400


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def journal_statistics(journal) -> JournalStatistics:
    """Statistics of a journal's public record (6 queries).

    Authors are the contributors of published articles, counted once per
    e-mail address; a country counts its authors. The acceptance rate is
    accepted / (accepted + rejected) over submissions with a final decision;
    withdrawn and pending ones are left out. Days run from submission to the
    first decision in the workflow log and to publication.
    """
    published = articles_public(journal)
    article_count = published.count()
    contributors = Contributor.objects.filter(
        submission__article__in=published.values("pk")
    )
    author_count = contributors.aggregate(n=Count(Lower("email"), distinct=True))["n"]
    by_country = (
        contributors.exclude(country="")
        .values("country")
        .annotate(n=Count(Lower("email"), distinct=True))
        .order_by("-n", "country")
    )
    country_rows = [
        (
            row["country"],
            str(countries.name(row["country"]) or row["country"]),
            row["n"],
        )
        for row in by_country
    ]
    per_year = [
        (row["year"], row["n"])
        for row in published.exclude(published_at=None)
        .annotate(year=ExtractYear("published_at", tzinfo=journal.tz))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    ]
    submissions = Submission.objects.filter(journal=journal).exclude(submitted_at=None)
    outcome = submissions.aggregate(
        accepted=Count("pk", filter=Q(accepted_at__isnull=False)),
        rejected=Count(
            "pk", filter=Q(accepted_at__isnull=True, state__in=REJECTED_STATES)
        ),
    )
    first_decisions = submissions.annotate(
        first_decision=Min(
            "events__created_at", filter=Q(events__to_state__in=DECISION_STATES)
        )
    ).values_list("submitted_at", "first_decision", "decided_at")
    to_decision = []
    for submitted, first, decided in first_decisions:
        when = first or decided
        if when and when >= submitted:
            to_decision.append(_days(when, submitted))
    to_publication = [
        _days(published_at, submitted)
        for submitted, published_at in published.exclude(published_at=None)
        .exclude(submission__submitted_at=None)
        .values_list("submission__submitted_at", "published_at")
        if published_at >= submitted
    ]
    return JournalStatistics(
        articles=article_count,
        authors=author_count,
        countries=country_rows,
        per_year=per_year,
        accepted=outcome["accepted"],
        rejected=outcome["rejected"],
        median_days_to_first_decision=_median(to_decision),
        median_days_to_publication=_median(to_publication),
    )
