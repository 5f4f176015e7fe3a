"""Optional hook: keep the index in step with articles and galleys.

The publishing services own the main flow; this only schedules a re-index
after the transaction that changed an article (or its galleys) commits.
`search_reindex` rebuilds everything if a change slipped past.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from journal.models import Journal
from journal.queue import task_enqueue_on_commit
from publishing.models import Article, Galley

from .selectors import CLOSED_JOURNALS_KEY


def _schedule(article_id: int) -> None:
    task_enqueue_on_commit("discovery.search_refresh_article", article_id=article_id)


@receiver(post_save, sender=Article, dispatch_uid="search_index_on_article_save")
def _article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _schedule(instance.pk)


@receiver(post_save, sender=Galley, dispatch_uid="search_index_on_galley_save")
def _galley_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.kind == "html":
        _schedule(instance.article_id)


@receiver(post_save, sender=Journal, dispatch_uid="search_closed_journals_on_save")
@receiver(post_delete, sender=Journal, dispatch_uid="search_closed_journals_on_delete")
def _journal_changed(sender, instance, **kwargs):
    # A journal closed or reopened shows in search at once.
    cache.delete(CLOSED_JOURNALS_KEY)
    transaction.on_commit(lambda: cache.delete(CLOSED_JOURNALS_KEY), robust=True)
