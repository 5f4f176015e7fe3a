"""Indexing's part when publishing publishes or an editor asks for a deposit
(registered as publishing hooks in IndexingConfig.ready())."""

from django.conf import settings
from django.db import transaction

from .services import crossref_deposit_create


def crossref_deposit_after_publication(
    *, issue_id=None, article_id=None, actor
) -> None:
    """Deposit the newly published DOIs once the publication commits (when the
    journal has Crossref credentials)."""
    if not settings.CROSSREF_USERNAME:
        return
    from indexing.tasks import crossref_deposit_create_and_send

    actor_id = actor.pk if actor else None
    transaction.on_commit(
        lambda: crossref_deposit_create_and_send.delay(
            issue_id=issue_id, article_id=article_id, actor_id=actor_id
        ),
        robust=True,
    )


def crossref_deposit_request(*, actor, issue) -> None:
    """An editor's deposit of an issue: built now (refusals shown at once),
    sent after commit."""
    from indexing.tasks import crossref_deposit_send_task

    created = crossref_deposit_create(actor=actor, issue=issue)
    if created.xml:
        transaction.on_commit(
            lambda: crossref_deposit_send_task.delay(created.pk), robust=True
        )
