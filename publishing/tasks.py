"""Celery tasks of publishing: thin wrappers that load rows and call services."""

from celery import shared_task


@shared_task(name="publishing.issues_publish_due")
def issues_publish_due_task() -> list[int]:
    """Beat: publish every scheduled issue whose time has come."""
    from .issues.services import issues_publish_due

    return issues_publish_due()
