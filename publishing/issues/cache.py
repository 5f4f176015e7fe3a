"""A per-journal generation number for cached reader pages.

Any change a reader could see bumps it, so cached fragments keyed by it are
never stale; old entries simply expire.
"""

from django.core.cache import cache

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
