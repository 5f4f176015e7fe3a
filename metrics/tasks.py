"""Celery tasks of usage statistics: thin wrappers around the services."""

from celery import shared_task
from django.utils.dateparse import parse_datetime


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
    from .services import usage_event_record

    return usage_event_record(
        article_id=article_id,
        galley_kind=galley_kind,
        action=action,
        visitor=visitor,
        session=session,
        occurred_at=parse_datetime(occurred_at),
    )


@shared_task(name="metrics.usage_aggregate")
def usage_aggregate_task() -> int:
    """Beat, hourly: fold finished hours into the monthly table."""
    from .services import usage_aggregate

    return usage_aggregate()
