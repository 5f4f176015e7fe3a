"""Periodic review tasks; thin wrappers around reviews.reminders."""

from celery import shared_task

from journal.leases import once_per_beat

from .reminders import digests_send, reminders_send


@shared_task(name="reviews.reminders_send")
@once_per_beat("reviews.reminders_send")
def send_review_reminders() -> dict:
    report = reminders_send()
    return {"sent": report.sent, "expired": report.expired, "stalled": report.stalled}


@shared_task(name="reviews.digests_send")
@once_per_beat("reviews.digests_send")
def send_review_digests() -> int:
    return digests_send()
