"""Search indexing off the request path."""

from celery import shared_task


@shared_task(name="discovery.search_refresh_article")
def search_refresh_article_task(article_id: int) -> None:
    """Index one article and refresh the related lists around it."""
    from publishing.models import Article

    from .services import search_refresh_article, search_unindex_article

    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        search_unindex_article(article_id=article_id)
        return
    search_refresh_article(article=article)


@shared_task(name="discovery.search_reindex")
def search_reindex_task() -> int:
    """Rebuild the whole index and every related list (e.g. nightly)."""
    from .services import search_reindex

    return search_reindex()


@shared_task(name="discovery.search_champions_rebuild")
def search_champions_rebuild_task() -> None:
    """Recompute the words' champion lists (nightly)."""
    from .services import search_champions_rebuild

    search_champions_rebuild()
