"""A per-journal generation number for cached reader pages.

Any change a reader could see bumps it: publishing (issues, articles,
settings) and the journal's own details, sections and calls for papers. Cached
fragments, whole anonymous pages and page validators (ETags) are keyed by it,
so none is ever stale; old entries simply expire. It lives in the shared cache
(Redis in production), so a bump reaches every worker at once.
"""

import logging
import os
import select
import threading
import time

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

_KEY = "publishing:reader-generation:{}"
# Where each bump is announced (Redis pub/sub), so that a web process can
# answer a revalidation from what it has heard instead of asking Redis.
CHANNEL = "publishing:reader-generation"


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
        value = cache.incr(key)
    except ValueError:
        value = 2
        cache.set(key, value, timeout=None)
    _announce(journal_id, value)


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


# --- generations heard, not asked for -----------------------------------------
# A revalidation (If-None-Match on an article page) needs only the journal's
# generation, and asking Redis for it costs a round trip that is most of the
# 304's price. Each web process therefore keeps the generations it has read,
# and a listener thread subscribed to CHANNEL replaces them as every bump,
# from any process or machine, is announced. The process vouches for what it
# holds only while the subscription is up: a lost connection forgets all of it
# (announcements may have been missed) and the callers ask Redis again until
# the listener has subscribed anew. Redis sends an announcement to every
# listener as it answers the PUBLISH, and until the listener has read and
# applied it (its connection has something unread, or it is applying it)
# callers ask Redis: a change is not answered with 304 once its bump is done.
# Without Redis (the embedded default's per-process cache) nothing is heard,
# and callers ask the cache as before.


class _Heard:
    def __init__(self) -> None:
        self.pid = 0
        self.lock = threading.Lock()
        self.live = False
        # Bumped whenever what was heard is forgotten, so that a value read
        # from Redis across a lost connection is not kept.
        self.epoch = 0
        self.generations: dict[int, int] = {}
        # The listener's connection, and whether it is applying what arrived.
        self.fd = -1
        self.pending = False

    def forget(self) -> None:
        with self.lock:
            self.live = False
            self.fd = -1
            self.epoch += 1
            self.generations.clear()


_heard = _Heard()
_PING_SECONDS = 5.0


def _redis_client():
    client = getattr(cache, "redis_client", None)
    return client() if client is not None else None


def _announce(journal_id: int, value: int) -> None:
    client = _redis_client()
    if client is None:
        return
    try:
        client.publish(CHANNEL, f"{journal_id}:{value}")
    except Exception as exc:  # the bump itself stands; listeners reconnect
        logger.warning("could not announce a reader-page change: %s", exc)


def _listen(heard: _Heard, client) -> None:
    while heard.pid == os.getpid():
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(CHANNEL)
            heard.fd = pubsub.connection._sock.fileno()
            waiting = select.poll()
            waiting.register(heard.fd, select.POLLIN)
            pinged = 0.0
            while heard.pid == os.getpid():
                if not waiting.poll(_PING_SECONDS * 1000):
                    # Quiet: make sure the connection is still there.
                    if pinged:
                        raise ConnectionError("no answer to ping")
                    pubsub.ping()
                    pinged = time.monotonic()
                    continue
                # Until what arrived is read and applied, no one trusts what
                # was heard before it (see heard_generation).
                heard.pending = True
                try:
                    while (message := pubsub.get_message(timeout=0)) is not None:
                        pinged = 0.0
                        _apply(heard, message)
                finally:
                    heard.pending = False
        except Exception as exc:
            logger.info("reader-page announcements interrupted: %s", exc)
        finally:
            heard.forget()
            try:
                pubsub.close()
            except Exception:
                pass
        time.sleep(1)


def _apply(heard: _Heard, message: dict) -> None:
    if message["type"] == "subscribe":
        with heard.lock:
            heard.live = True
    elif message["type"] == "message":
        journal_id, value = (int(x) for x in message["data"].split(b":"))
        with heard.lock:
            heard.generations[journal_id] = value


def _nothing_unread() -> bool:
    """No announcement is waiting on the listener's connection or being
    applied: what was heard is what Redis has announced so far."""
    if _heard.pending or _heard.fd < 0:
        return False
    try:
        waiting = select.poll()
        waiting.register(_heard.fd, select.POLLIN)
        return not waiting.poll(0) and not _heard.pending
    except (OSError, ValueError):
        return False


def _ensure_listener() -> bool:
    """Starts this process's listener (once per process: gunicorn forks)."""
    if _heard.pid == os.getpid():
        return True
    client = _redis_client()
    if client is None:
        return False
    with _heard.lock:
        if _heard.pid != os.getpid():
            _heard.pid = os.getpid()
            _heard.live = False
            _heard.generations.clear()
            threading.Thread(
                target=_listen,
                args=(_heard, client),
                name="reader-generation-listener",
                daemon=True,
            ).start()
    return True


def heard_generation(journal_id: int) -> int | None:
    """The journal's current generation as announced to this process, without
    a round trip once known; None when the process cannot vouch for it (no
    Redis, or its announcements are not being heard right now)."""
    if not _ensure_listener() or not _heard.live or not _nothing_unread():
        return None
    value = _heard.generations.get(journal_id)
    if value is not None:
        return value
    epoch = _heard.epoch
    value = reader_cache_generation(journal_id)
    with _heard.lock:
        if not _heard.live or _heard.epoch != epoch:
            return None
        # An announcement heard meanwhile is newer than what was read.
        return _heard.generations.setdefault(journal_id, value)
