"""A per-journal generation number for cached reader pages.

Any change a reader could see bumps it, so cached fragments keyed by it are
never stale; old entries simply expire.
"""

from django.core.cache import cache
from django.db import transaction

from journal.models import Journal

_KEY = "publishing:reader-generation:{}"


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


def reader_cache_bump_for(sender, instance, raw=False, **kwargs) -> None:
    """Signal receiver: a journal, or one of its sections or calls, changed.
    Bumped now and again after the commit, so that no page cached from the
    old rows in between outlives the change."""
    if raw:
        return
    journal_id = instance.pk if sender is Journal else instance.journal_id
    reader_cache_bump(journal_id)
    transaction.on_commit(lambda: reader_cache_bump(journal_id), robust=True)
