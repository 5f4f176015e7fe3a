"""Writes of usage statistics: recording an event and monthly aggregation."""

from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from metrics.models import (
    Metric,
    UsageAction,
    UsageEvent,
    UsageMonthly,
    UsageSalt,
)
from publishing.models import Article

from .counting import forget_salts

DOUBLE_CLICK_SECONDS = 30


def usage_event_record(
    *,
    article_id: int,
    galley_kind: str,
    action: str,
    visitor: str,
    session: str,
    occurred_at: datetime,
) -> bool:
    """Store one hit, applying COUNTER's double-click rule.

    Two hits on the same item by the same visitor (user agent + IP hash)
    within 30 seconds count once: the earlier one is dropped and the later one
    kept, so a chain of quick clicks counts once. Returns True when a new
    event was stored, False when the hit merged into an earlier one or the
    article no longer exists.
    """
    window = timedelta(seconds=DOUBLE_CLICK_SECONDS)
    with transaction.atomic():
        if not Article.objects.filter(pk=article_id).exists():
            return False
        near = (
            UsageEvent.objects.select_for_update(of=("self",))
            .filter(
                article_id=article_id,
                galley_kind=galley_kind,
                action=action,
                visitor=visitor,
                occurred_at__gte=occurred_at - window,
                occurred_at__lte=occurred_at + window,
            )
            .order_by("-occurred_at")
            .first()
        )
        if near is not None:
            if occurred_at > near.occurred_at:
                near.occurred_at = occurred_at
                near.session = session
                near.save(update_fields=["occurred_at", "session"])
            return False
        UsageEvent.objects.create(
            article_id=article_id,
            galley_kind=galley_kind,
            action=action,
            visitor=visitor,
            session=session,
            occurred_at=occurred_at,
        )
        return True


def _add(counts: dict, key: tuple, value: int) -> None:
    if value:
        counts[key] = counts.get(key, 0) + value


def usage_aggregate(*, before: datetime | None = None) -> int:
    """Fold every event older than `before` into the monthly table, delete
    those events and the salts of days that are over.

    `before` defaults to the start of the current hour (UTC): COUNTER sessions
    are clock hours, so unique counts never straddle two runs. Returns the
    number of events folded.
    """
    now = timezone.now()
    if before is None:
        before = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    month = TruncMonth("occurred_at", tzinfo=UTC)
    counts: dict[tuple, int] = {}
    with transaction.atomic():
        # The highest id at the start bounds the batch, so an event recorded
        # while this runs is left for the next run rather than lost.
        last = (
            UsageEvent.objects.filter(occurred_at__lt=before)
            .order_by("-pk")
            .values_list("pk", flat=True)
            .first()
        )
        folded = 0
        if last is not None:
            pending = UsageEvent.objects.filter(occurred_at__lt=before, pk__lte=last)
            totals = pending.values("article_id", "galley_kind", m=month).annotate(
                hits=Count("pk"),
                requests=Count("pk", filter=Q(action=UsageAction.REQUEST)),
            )
            for row in totals:
                key = (row["article_id"], row["galley_kind"], row["m"])
                _add(counts, (*key, Metric.TOTAL_ITEM_INVESTIGATIONS), row["hits"])
                _add(counts, (*key, Metric.TOTAL_ITEM_REQUESTS), row["requests"])
            uniques = pending.values("article_id", m=month).annotate(
                sessions=Count("session", distinct=True),
                request_sessions=Count(
                    "session", distinct=True, filter=Q(action=UsageAction.REQUEST)
                ),
            )
            for row in uniques:
                key = (row["article_id"], "", row["m"])
                _add(counts, (*key, Metric.UNIQUE_ITEM_INVESTIGATIONS), row["sessions"])
                _add(
                    counts, (*key, Metric.UNIQUE_ITEM_REQUESTS), row["request_sessions"]
                )
            _monthly_add(counts)
            folded, _ = pending.delete()
        # A day's salt goes once nothing from that day is left to aggregate.
        oldest = UsageEvent.objects.order_by("occurred_at").first()
        keep_from = min(
            before.astimezone(UTC).date(),
            oldest.occurred_at.astimezone(UTC).date() if oldest else now.date(),
        )
        spent = UsageSalt.objects.filter(day__lt=keep_from)
        forget_salts(list(spent.values_list("day", flat=True)))
        spent.delete()
    return folded


def _monthly_add(counts: dict[tuple, int]) -> None:
    if not counts:
        return
    months = {key[2] for key in counts}
    articles = {key[0] for key in counts}
    existing = {
        (row.article_id, row.galley_kind, row.month, row.metric): row
        for row in UsageMonthly.objects.select_for_update(of=("self",)).filter(
            article_id__in=articles, month__in=[_as_date(m) for m in months]
        )
    }
    new = []
    for (article_id, kind, when, metric), value in counts.items():
        key = (article_id, kind, _as_date(when), metric)
        if key in existing:
            UsageMonthly.objects.filter(pk=existing[key].pk).update(
                count=F("count") + value
            )
        else:
            new.append(
                UsageMonthly(
                    article_id=article_id,
                    galley_kind=kind,
                    month=_as_date(when),
                    metric=metric,
                    count=value,
                )
            )
    UsageMonthly.objects.bulk_create(new)


def _as_date(value):
    return value.date() if isinstance(value, datetime) else value
