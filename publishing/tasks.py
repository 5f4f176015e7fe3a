"""Celery tasks of publishing: thin wrappers that load rows and call services."""

from celery import shared_task

from journal.leases import once_per_beat

from .issues.services import issues_publish_due


@shared_task(name="publishing.issues_publish_due")
@once_per_beat("publishing.issues_publish_due")
def issues_publish_due_task() -> list[int]:
    """Beat: publish every scheduled issue whose time has come."""
    return issues_publish_due()
