"""The public statistics of a journal: what it has published, who wrote it,
and how fast it decides. A fixed number of aggregate queries."""

import statistics
from dataclasses import dataclass

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import ExtractYear, Lower
from django_countries import countries

from publishing.selectors import articles_public
from submissions.models import Contributor, State, Submission

from .models import Metric, UsageMonthly

# The states a first editorial decision moves a submission into.
DECISION_STATES = (
    State.DESK_REJECTED,
    State.REVISIONS_REQUESTED,
    State.ACCEPTED,
    State.REJECTED,
)
REJECTED_STATES = (State.DESK_REJECTED, State.REJECTED)


@dataclass
class JournalCounts:
    """The headline numbers, shown on the home page and the statistics page."""

    articles: int
    authors: int
    countries: int
    downloads: int


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
    downloads: int = 0

    @property
    def counts(self) -> JournalCounts:
        return JournalCounts(
            articles=self.articles,
            authors=self.authors,
            countries=len(self.countries),
            downloads=self.downloads,
        )

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


def _authorship(journal):
    """Published articles, their count, authors and countries (3 queries).

    Authors are the contributors of published articles, counted once per
    e-mail address; a country counts its authors."""
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
    return published, article_count, author_count, country_rows


def _downloads(journal) -> int:
    """Every download (COUNTER Total_Item_Requests) counted so far (1 query)."""
    total = UsageMonthly.objects.filter(
        article__journal=journal, metric=Metric.TOTAL_ITEM_REQUESTS
    ).aggregate(n=Sum("count"))["n"]
    return total or 0


def journal_counts(journal) -> JournalCounts:
    """The headline numbers, by the very queries journal_statistics runs (4
    queries), so the home page and the statistics page agree."""
    _published, articles, authors, countries = _authorship(journal)
    return JournalCounts(
        articles=articles,
        authors=authors,
        countries=len(countries),
        downloads=_downloads(journal),
    )


def journal_statistics(journal) -> JournalStatistics:
    """Statistics of a journal's public record (7 queries).

    The headline numbers come from `_authorship` and `_downloads`, shared with
    `journal_counts`. The acceptance rate is accepted / (accepted + rejected)
    over submissions with a final decision; withdrawn and pending ones are
    left out. Days run from submission to the first decision in the workflow
    log and to publication.
    """
    published, article_count, author_count, country_rows = _authorship(journal)
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
        downloads=_downloads(journal),
    )
