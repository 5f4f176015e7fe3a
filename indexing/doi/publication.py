"""Indexing's part when publishing publishes or an editor asks for a deposit
(registered as publishing hooks in IndexingConfig.ready())."""

from django.conf import settings

from journal.queue import task_enqueue_on_commit

from .services import crossref_deposit_start


def crossref_deposit_after_publication(
    *, issue_id=None, article_id=None, actor
) -> None:
    """Deposit the newly published DOIs once the publication commits (when the
    journal has Crossref credentials)."""
    if not settings.CROSSREF_USERNAME:
        return
    task_enqueue_on_commit(
        "indexing.crossref_deposit_create_and_send",
        issue_id=issue_id,
        article_id=article_id,
        actor_id=actor.pk if actor else None,
    )


def crossref_deposit_request(*, actor, issue) -> None:
    """An editor's deposit of an issue: built now (refusals shown at once),
    sent after commit."""
    crossref_deposit_start(actor=actor, issue=issue)
