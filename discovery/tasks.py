"""Celery tasks of discovery. The worker autodiscovers `<app>.tasks`; the search
tasks live beside their services, and services enqueue them by name
(journal.queue), so importing them here is what registers them."""

from .search.tasks import (  # noqa: F401
    search_champions_rebuild_task,
    search_refresh_article_task,
    search_reindex_task,
)
