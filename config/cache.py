"""A Redis cache whose outage costs speed, not pages.

Pages, sign-in (its rate limits) and OAI-PMH all read and write the cache.
With Django's RedisCache a stopped Redis turns each of those requests into a
500; this one logs the error and answers as an empty cache would: a miss on
reads, nothing stored on writes (and `add` succeeds, so rate limits let
requests through).
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)
_OUTAGE = (ConnectionError, TimeoutError, OSError)


def _missing(args, kwargs):
    raise ValueError("the cache is unavailable")


# What an empty cache would answer, by method.
_ANSWERS = {
    "get": lambda args, kwargs: kwargs.get(
        "default", args[1] if len(args) > 1 else None
    ),
    "get_many": lambda args, kwargs: {},
    "has_key": lambda args, kwargs: False,
    # As if stored: locks kept in the cache (sign-in rate limits) let the
    # request through rather than refuse every sign-in during the outage.
    "add": lambda args, kwargs: True,
    "set": lambda args, kwargs: None,
    "touch": lambda args, kwargs: False,
    "delete": lambda args, kwargs: False,
    "set_many": lambda args, kwargs: [],
    "delete_many": lambda args, kwargs: None,
    "clear": lambda args, kwargs: False,
    # Django's own answer for a missing key; callers fall back to set or add.
    "incr": _missing,
    "decr": _missing,
}


def _forgiving(name):
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except _OUTAGE as exc:
            logger.warning("cache %s failed, carrying on without it: %s", name, exc)
            return _ANSWERS[name](args, kwargs)

    return wrapper


class _SharedClients(RedisCacheClient):
    """One redis client per connection pool, where Django builds one for
    every cache call (about 0.2 ms each, a large part of a kept page's cost).
    redis-py's clients are safe to share between threads: each command takes
    a connection from the pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(
                id(pool), self._client(connection_pool=pool)
            )
        return client


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClients

    def redis_client(self):
        """The redis-py client writes go to, for what the cache API lacks
        (publishing an announcement, subscribing to one)."""
        return self._cache.get_client(write=True)


for _name in _ANSWERS:
    setattr(ForgivingRedisCache, _name, _forgiving(_name))
