"""Whole reader pages for anonymous readers, and revalidation for everyone.

A reader page (journal home, archive, table of contents, article) is named by
its stamp: what it shows (the journal's reader generation, bumped by every
change an editor makes, an article's own saves included) and the language it
is shown in. From that stamp come

- its ETag, so a reader or crawler holding the page gets 304 until it changes;
- for anonymous readers, a key in the shared cache holding the whole page, so
  a crawler storm costs a cache read per page instead of a rendering.

Only requests without a session cookie and without a query string are served
from or stored in the page cache, and a page is stored only when rendering it
set no cookie (no CSRF token, no message, no session): a signed-in person
never gets a stored page, and no one's token is ever handed to another. Pages
vary by language (the language cookie or Accept-Language), so responses say
`Vary: Accept-Language, Cookie`.

An article's kept page is found from its address alone (`kept_page`): the
entry names its journal and the generation it was built under, so a kept
article page costs one cache round trip (two the first time a process meets
the page) and no database query. Its 304 costs none once the process knows
the page's journal: the generation is then the one the process has heard
announced (`journal.reader_cache.heard_generation`). It is
served from the view, after every middleware: client budgets, the anonymous
share, security and CSP headers, the language and its Content-Language all
apply as to a built page, and a page view is still counted.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from journal.reader_cache import (
    generation_key,
    heard_generation,
    reader_cache_generation,
)

from .common import not_modified, page_etag, set_validators

# Headers a view sets that belong to the page (the rest come from middleware
# on every response, stored page or not).
_KEPT_HEADERS = ("Content-Type", "Link")


def _anonymous_request(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and _anonymous_request(request)
        and not request.META.get("QUERY_STRING")
    )


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.user.is_authenticated
    )


def _conditional(request: HttpRequest) -> bool:
    return bool(
        request.META.get("HTTP_IF_NONE_MATCH")
        or request.META.get("HTTP_IF_MODIFIED_SINCE")
    )


def page_key(parts: tuple) -> str:
    """The kept page's key: the page and the language. The journal's
    generation is kept with the page and compared when it is read, so the
    generation and the page come in one round trip."""
    text = "|".join(str(p) for p in (*parts, get_language()))
    return "page:" + hashlib.sha256(text.encode()).hexdigest()[:40]


def reader_page(
    request: HttpRequest,
    *,
    journal_id: int,
    stamp: tuple,
    build: Callable[[], HttpResponse],
    on_serve: Callable[[], None] | None = None,
    timeout: int | None = None,
) -> HttpResponse:
    """The page named by `stamp` (a tuple naming the page and what it shows,
    besides the journal's generation and the language): 304 when the reader's
    copy is current, the stored page for an anonymous reader, else `build()`,
    stored when it may be. `on_serve` runs whenever the page itself is sent
    (not for a 304), stored or built: usage counting."""
    key = page_key(stamp) if _cacheable(request) else None
    stored = None
    fetched = False
    if key and not _conditional(request):
        fetched = True
        # One round trip for the generation and the kept page.
        found = cache.get_many([generation_key(journal_id), key])
        generation = found.get(generation_key(journal_id))
        stored = found.get(key)
    else:
        generation = None
    if generation is None:
        generation = reader_cache_generation(journal_id)
    parts = (*stamp, generation)
    etag = page_etag(request, *parts)
    unchanged = not_modified(request, etag=etag)
    if unchanged is not None:
        return _headers(request, set_validators(unchanged, etag=etag))

    if key and not fetched:
        stored = cache.get(key)
    if stored is not None and stored[0] == generation:
        response = _stored_response(stored)
    else:
        response = build()
        if key and _storable(request, response):
            headers = [(h, response[h]) for h in _KEPT_HEADERS if h in response]
            cache.set(
                key,
                (generation, response.content, headers, journal_id),
                settings.READER_PAGE_CACHE_SECONDS if timeout is None else timeout,
            )
    if on_serve is not None and response.status_code == 200:
        on_serve()
    # Again: rendering may have made a signed-in reader's first CSRF secret.
    return _headers(request, set_validators(response, etag=page_etag(request, *parts)))


def _stored_response(stored: tuple) -> HttpResponse:
    _generation, content, headers = stored[:3]
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


# The journal of each page found by `kept_page`, learnt from kept entries
# (checked against each entry read), so that the page and its journal's
# generation come in one round trip.
_journal_of: dict[tuple, int] = {}
_JOURNAL_OF_SIZE = 100_000


def kept_page(
    request: HttpRequest,
    *,
    stamp: tuple,
    on_serve: Callable[[int], None] | None = None,
) -> HttpResponse | None:
    """The kept page named by `stamp` (or 304), found without the database:
    for pages whose stamp is known from the address alone (an article: its
    id). The kept entry names its journal, whose generation is then read and
    compared; None when there is no current kept page (the view builds it, and
    `reader_page` keeps it). `on_serve(journal_id)` runs when the page itself
    is sent. Any change a reader can see bumps the generation (an article's
    own saves too, publishing.apps), so no other stamp is needed."""
    if not _cacheable(request):
        return None
    known = _journal_of.get(stamp)
    if known is not None and _conditional(request):
        # A revalidation needs only the generation, which this process may
        # have heard announced: then a 304 costs no round trip at all.
        heard = heard_generation(known)
        if heard is not None:
            etag = page_etag(request, *stamp, heard)
            unchanged = not_modified(request, etag=etag)
            if unchanged is not None:
                return _headers(request, set_validators(unchanged, etag=etag))
    key = page_key(stamp)
    if known is None:
        stored, current = cache.get(key), None
    else:
        # One round trip for the kept page and its journal's generation.
        found = cache.get_many([key, generation_key(known)])
        stored, current = found.get(key), found.get(generation_key(known))
    if stored is None or len(stored) < 4:
        return None
    generation, journal_id = stored[0], stored[3]
    if journal_id != known:
        if len(_journal_of) >= _JOURNAL_OF_SIZE:
            _journal_of.clear()
        _journal_of[stamp] = journal_id
        current = cache.get(generation_key(journal_id))
    if current != generation:
        return None
    etag = page_etag(request, *stamp, generation)
    unchanged = not_modified(request, etag=etag)
    if unchanged is not None:
        return _headers(request, set_validators(unchanged, etag=etag))
    response = _stored_response(stored)
    if on_serve is not None:
        on_serve(journal_id)
    return _headers(request, set_validators(response, etag=etag))


def _headers(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    if _anonymous_request(request) or not request.user.is_authenticated:
        # Any cache may keep the page, but asks again (ETag) before using it,
        # so an editor's change shows at once.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response
