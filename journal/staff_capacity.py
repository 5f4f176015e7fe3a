"""A share of every web process kept for signed-in people during a storm.

Production runs gunicorn with threaded workers (`config/gunicorn.conf.py`:
WEB_CONCURRENCY processes of WEB_THREADS threads). Anonymous requests may use
at most ANONYMOUS_CONCURRENCY of a process's threads at once; the others are
kept for signed-in people (editors among them) and for the sign-in pages, so
however many crawlers arrive, an editor's request finds a thread. An anonymous
request that finds the share taken is answered at once with 503 and
Retry-After, which costs the process next to nothing, rather than waiting for a
thread an editor may need.

Who is signed in comes from the session (AuthenticationMiddleware, before this
one): a made-up session cookie buys nothing. Static files (WhiteNoise) and
OAI-PMH (its own middleware and rate limits) are answered before this point.
ANONYMOUS_CONCURRENCY = 0 switches the share off (development, tests).
"""

import re
import threading
from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


@cache
def _slots(size: int) -> threading.BoundedSemaphore:
    return threading.BoundedSemaphore(size)


def anonymous_slots() -> threading.BoundedSemaphore | None:
    """This process's anonymous share (None when the share is off)."""
    size = settings.ANONYMOUS_CONCURRENCY
    return _slots(size) if size > 0 else None


@cache
def _reserved(pattern: str) -> re.Pattern:
    return re.compile(pattern)


class AnonymousShareMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        slots = anonymous_slots()
        if (
            slots is None
            or request.user.is_authenticated
            or _reserved(settings.STAFF_RESERVED_PATHS).match(request.path_info)
        ):
            return self.get_response(request)
        if not slots.acquire(blocking=False):
            return _busy()
        try:
            response = self.get_response(request)
        except BaseException:
            slots.release()
            raise
        if response.streaming:
            # A download holds its thread until the last byte is sent.
            response._resource_closers.append(slots.release)
        else:
            slots.release()
        return response


def _busy() -> HttpResponse:
    seconds = settings.ANONYMOUS_RETRY_AFTER_SECONDS
    response = HttpResponse(
        _("The site is busy. Please try again in %(n)s seconds.") % {"n": seconds},
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response
