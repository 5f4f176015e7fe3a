"""A per-journal generation number for cached reader pages.

Any change a reader could see bumps it: publishing (issues, articles,
settings) and the journal's own details, sections and calls for papers. Cached
fragments, whole anonymous pages and page validators (ETags) are keyed by it,
so none is ever stale; old entries simply expire. It lives in the shared cache
(Redis in production), so a bump reaches every worker at once.
"""

from django.core.cache import cache
from django.db import transaction

_KEY = "publishing:reader-generation:{}"


def generation_key(journal_id: int) -> str:
    return _KEY.format(journal_id)


def reader_cache_generation(journal_id: int) -> int:
    key = _KEY.format(journal_id)
    value = cache.get(key)
    if value is None:
        cache.add(key, 1, timeout=None)
        value = cache.get(key) or 1
    return value


def reader_cache_bump(journal_id: int) -> None:
    key = _KEY.format(journal_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, timeout=None)


def reader_cache_bump_on_commit(journal_id: int) -> None:
    """Bump now, and again once the change is committed, so that a page read in
    between cannot keep the old content."""
    reader_cache_bump(journal_id)
    transaction.on_commit(lambda: reader_cache_bump(journal_id), robust=True)


def reader_cache_bump_for(sender, instance, raw=False, **kwargs) -> None:
    """Signal receiver: a journal, or one of its sections or calls, changed
    (wherever it was saved: settings pages, the admin, a command). Bumped now
    and again after the commit, so that no page cached from the old rows in
    between outlives the change."""
    if raw:
        return
    from .models import Journal

    journal_id = instance.pk if sender is Journal else instance.journal_id
    reader_cache_bump_on_commit(journal_id)
