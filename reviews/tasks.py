"""Periodic review tasks; thin wrappers around reviews.reminders."""

from celery import shared_task

from .reminders import digests_send, reminders_send


@shared_task(name="reviews.reminders_send")
def send_review_reminders() -> dict:
    report = reminders_send()
    return {"sent": report.sent, "expired": report.expired, "stalled": report.stalled}


@shared_task(name="reviews.digests_send")
def send_review_digests() -> int:
    return digests_send()
