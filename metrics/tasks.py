"""Celery tasks of usage statistics: thin wrappers around the services."""

from datetime import date

from celery import shared_task
from django.utils.dateparse import parse_datetime

from journal.leases import once_per_beat

from .services import search_count, usage_aggregate, usage_event_record


@shared_task(name="metrics.usage_event_record", ignore_result=True)
def usage_event_record_task(
    *,
    article_id: int,
    galley_kind: str,
    action: str,
    visitor: str,
    session: str,
    occurred_at: str,
) -> bool:
    return usage_event_record(
        article_id=article_id,
        galley_kind=galley_kind,
        action=action,
        visitor=visitor,
        session=session,
        occurred_at=parse_datetime(occurred_at),
    )


@shared_task(name="metrics.search_count", ignore_result=True)
def search_count_task(*, journal_id: int | None, month: str) -> None:
    search_count(journal_id=journal_id, month=date.fromisoformat(month))


@shared_task(name="metrics.usage_aggregate")
@once_per_beat("metrics.usage_aggregate")
def usage_aggregate_task() -> int:
    """Beat, hourly: fold finished hours into the monthly table."""
    return usage_aggregate()
