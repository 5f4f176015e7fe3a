"""Search indexing off the request path."""

from celery import shared_task

from journal.leases import once_per_beat
from publishing.models import Article

from .services import (
    search_champions_rebuild,
    search_refresh_article,
    search_reindex,
    search_unindex_article,
)


@shared_task(name="discovery.search_refresh_article")
def search_refresh_article_task(article_id: int) -> None:
    """Index one article and refresh the related lists around it."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        search_unindex_article(article_id=article_id)
        return
    search_refresh_article(article=article)


@shared_task(name="discovery.search_reindex")
def search_reindex_task() -> int:
    """Rebuild the whole index and every related list (e.g. nightly)."""
    return search_reindex()


@shared_task(name="discovery.search_champions_rebuild")
@once_per_beat("discovery.search_champions_rebuild")
def search_champions_rebuild_task() -> None:
    """Recompute the words' champion lists (nightly)."""
    search_champions_rebuild()
