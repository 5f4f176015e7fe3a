"""Per-client rate limiting for harvesters, through Django's cache.

A fixed window per client address: `OAI_RATE_LIMIT` requests per
`OAI_RATE_LIMIT_WINDOW` seconds (a falsy limit turns it off). A client over its
limit gets HTTP 503 with Retry-After, as OAI-PMH prescribes for flow control;
other clients keep their own budget. With a shared cache (Redis) the budget is
shared by all workers; with the per-process default it is per worker.
"""

import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMIT = 600
DEFAULT_WINDOW = 60


def client_key(request) -> str:
    """The client's address. Behind a reverse proxy every request comes from
    the proxy, so `OAI_CLIENT_IP_HEADER` (e.g. "HTTP_X_FORWARDED_FOR") names
    the header the trusted proxy sets; of a list, the last entry is the one
    that proxy added."""
    header = getattr(settings, "OAI_CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR") or "unknown"


def retry_after(request) -> int | None:
    """Seconds the client must wait, or None if the request may proceed."""
    limit = getattr(settings, "OAI_RATE_LIMIT", DEFAULT_LIMIT)
    if not limit:
        return None
    window = max(1, int(getattr(settings, "OAI_RATE_LIMIT_WINDOW", DEFAULT_WINDOW)))
    now = time.time()
    slot = int(now // window)
    count = _count(f"oai-rate:{client_key(request)}:{slot}", timeout=window + 1)
    if count <= int(limit):
        return None
    return max(1, int((slot + 1) * window - now + 0.999))


def _count(key: str, *, timeout: int) -> int:
    """This request's number in its window. Incrementing first spares every
    request but a window's first the `add` that would fail (a round trip to
    a shared cache)."""
    for _ in range(2):
        try:
            return cache.incr(key)
        except ValueError:  # no request yet in this window, or it just expired
            if cache.add(key, 1, timeout=timeout):
                return 1
    return 1
