"""Reads of usage statistics. Every function runs a fixed number of queries,
whatever the number of articles or months."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, Sum

from metrics.models import Metric, UsageAction, UsageEvent, UsageMonthly
from publishing.models import Article, GalleyKind, Issue

METRICS = [m.value for m in Metric]
REQUEST_KINDS = [k.value for k in GalleyKind]


@dataclass(frozen=True)
class MonthRange:
    start: date  # first day of the first month
    end: date  # first day of the last month

    @property
    def months(self) -> list[date]:
        out, current = [], self.start
        while current <= self.end:
            out.append(current)
            current = next_month(current)
        return out


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# Months outside these years are refused: statistics never reach them, and
# date arithmetic one month past 9999-12 would fail.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def parse_month(text: str) -> date | None:
    """'2026-03' -> date(2026, 3, 1); None if it is not a month we count."""
    try:
        year, month = text.strip().split("-")[:2]
        if not (year.isascii() and year.isdigit() and month.isascii()):
            return None
        parsed = date(int(year), int(month), 1)
    except (ValueError, AttributeError):
        return None
    return parsed if FIRST_YEAR <= parsed.year <= LAST_YEAR else None


@dataclass
class UsageRow:
    """The four COUNTER metrics for one month, article or issue."""

    key: object
    label: str = ""
    counts: dict = field(default_factory=dict)
    requests_by_kind: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def get(self, metric: str) -> int:
        return self.counts.get(metric, 0)

    @property
    def investigations(self) -> int:
        return self.get(Metric.TOTAL_ITEM_INVESTIGATIONS)

    @property
    def requests(self) -> int:
        return self.get(Metric.TOTAL_ITEM_REQUESTS)

    @property
    def unique_investigations(self) -> int:
        return self.get(Metric.UNIQUE_ITEM_INVESTIGATIONS)

    @property
    def unique_requests(self) -> int:
        return self.get(Metric.UNIQUE_ITEM_REQUESTS)

    @property
    def requests_per_kind(self) -> list[int]:
        """Downloads per galley kind, in the order of REQUEST_KINDS."""
        return [self.requests_by_kind.get(kind, 0) for kind in REQUEST_KINDS]

    @property
    def page_views(self) -> int:
        return self.extra.get("page_views", 0)


def article_usage_totals(article_id: int) -> dict:
    """Page views and downloads of one article so far, for its public page:
    the monthly table plus the events not yet aggregated (2 queries)."""
    monthly = UsageMonthly.objects.filter(
        article_id=article_id,
        metric__in=[Metric.TOTAL_ITEM_INVESTIGATIONS, Metric.TOTAL_ITEM_REQUESTS],
    ).aggregate(
        views=Sum(
            "count",
            filter=Q(metric=Metric.TOTAL_ITEM_INVESTIGATIONS, galley_kind=""),
        ),
        downloads=Sum("count", filter=Q(metric=Metric.TOTAL_ITEM_REQUESTS)),
    )
    pending = UsageEvent.objects.filter(article_id=article_id).aggregate(
        views=Count("pk", filter=Q(action=UsageAction.INVESTIGATION)),
        downloads=Count("pk", filter=Q(action=UsageAction.REQUEST)),
    )
    return {
        "views": (monthly["views"] or 0) + pending["views"],
        "downloads": (monthly["downloads"] or 0) + pending["downloads"],
    }


def monthly_usage(journals, period: MonthRange):
    """The monthly table for some journals (a queryset or list) and months."""
    return UsageMonthly.objects.filter(
        article__journal__in=journals,
        month__gte=period.start,
        month__lte=period.end,
    )


def _fold(rows, key_name: str) -> dict:
    """{key: UsageRow} from .values(key, metric, galley_kind).annotate(n=Sum)."""
    out: dict = {}
    for row in rows:
        item = out.setdefault(row[key_name], UsageRow(key=row[key_name]))
        metric, kind, n = row["metric"], row["galley_kind"], row["n"]
        item.counts[metric] = item.counts.get(metric, 0) + n
        if metric == Metric.TOTAL_ITEM_REQUESTS and kind:
            item.requests_by_kind[kind] = item.requests_by_kind.get(kind, 0) + n
        if metric == Metric.TOTAL_ITEM_INVESTIGATIONS and not kind:
            item.extra["page_views"] = item.extra.get("page_views", 0) + n
    return out


def _grouped(journal, period: MonthRange, key: str):
    return (
        monthly_usage([journal], period)
        .values(key, "metric", "galley_kind")
        .annotate(n=Sum("count"))
        .order_by()
    )


def usage_by_month(journal, period: MonthRange) -> list[UsageRow]:
    """One row per month of the period, zero months included (1 query)."""
    folded = _fold(_grouped(journal, period, "month"), "month")
    return [folded.get(month) or UsageRow(key=month) for month in period.months]


def usage_by_article(journal, period: MonthRange) -> list[UsageRow]:
    """Articles with usage in the period, most requested first (2 queries)."""
    folded = _fold(_grouped(journal, period, "article_id"), "article_id")
    articles = Article.objects.filter(pk__in=list(folded)).select_related(
        "submission", "issue", "issue__volume"
    )
    for article in articles:
        row = folded[article.pk]
        row.label = article.submission.display_title
        row.extra["article"] = article
    rows = [row for row in folded.values() if "article" in row.extra]
    rows.sort(key=lambda r: (-r.requests, -r.investigations, r.label))
    return rows


def usage_by_issue(journal, period: MonthRange) -> list[UsageRow]:
    """Issues with usage in the period, newest first; articles published
    outside an issue are grouped under `None` (2 queries)."""
    folded = _fold(_grouped(journal, period, "article__issue"), "article__issue")
    issues = {
        issue.pk: issue
        for issue in Issue.objects.filter(
            pk__in=[k for k in folded if k]
        ).select_related("volume")
    }
    rows = []
    for key, row in folded.items():
        row.extra["issue"] = issues.get(key)
        row.label = str(issues[key]) if key in issues else ""
        rows.append(row)
    rows.sort(
        key=lambda r: (
            r.extra["issue"] is None,
            -(r.extra["issue"].year if r.extra["issue"] else 0),
            -(r.key or 0),
        )
    )
    return rows


def usage_total(rows: list[UsageRow]) -> UsageRow:
    total = UsageRow(key=None)
    for row in rows:
        for metric, n in row.counts.items():
            total.counts[metric] = total.counts.get(metric, 0) + n
        for kind, n in row.requests_by_kind.items():
            total.requests_by_kind[kind] = total.requests_by_kind.get(kind, 0) + n
        total.extra["page_views"] = total.page_views + row.page_views
    return total
