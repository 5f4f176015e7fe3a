"""Where the apps above publishing join in, without publishing importing them.

Production, discovery and metrics register here from their AppConfig.ready();
publishing calls the hooks and works on its own when none is registered.
Registering the same function twice keeps one (tests and autoreload call
ready() again).
"""

from collections.abc import Callable

_published: list[Callable] = []
_viewed: list[Callable] = []
_related: list[Callable] = []


def _register(registry: list[Callable], fn: Callable) -> Callable:
    if fn not in registry:
        registry.append(fn)
    return fn


def on_article_published(fn: Callable) -> Callable:
    """fn(*, article) runs inside the transaction that publishes an article."""
    return _register(_published, fn)


def on_article_viewed(fn: Callable) -> Callable:
    """fn(*, request, article, galley=None) runs when a reader opens an
    article's page (galley None) or downloads one of its galleys; it must not
    raise."""
    return _register(_viewed, fn)


def related_articles_from(fn: Callable) -> Callable:
    """fn(article) -> list of related-article rows, shown on the article page."""
    return _register(_related, fn)


_searched: list[Callable] = []


def on_search(fn: Callable) -> Callable:
    """fn(*, request, journal=None) runs when a reader's search shows results
    (COUNTER's Searches_Platform); it must not raise."""
    return _register(_searched, fn)


_home_counts: list[Callable] = []


def home_counts_from(fn: Callable) -> Callable:
    """fn(journal) -> the headline numbers (an object with articles, authors,
    countries and downloads) the journal's home page shows; the statistics
    page's own figures, so the two always agree."""
    return _register(_home_counts, fn)


def home_counts(journal):
    """The registered headline numbers of a journal, or None without metrics."""
    return _home_counts[-1](journal) if _home_counts else None


def search_performed(*, request, journal=None) -> None:
    for fn in _searched:
        fn(request=request, journal=journal)


def article_published(*, article) -> None:
    for fn in _published:
        fn(article=article)


def article_viewed(*, request, article, galley=None) -> None:
    for fn in _viewed:
        fn(request=request, article=article, galley=galley)


def related_articles(article) -> list:
    return [row for fn in _related for row in fn(article)]


# Indexing: registering DOIs with Crossref, and exports of an issue.
_dois_published: list[Callable] = []
_deposit_status: list[Callable] = []
_deposit_request: list[Callable] = []
_issue_exports: dict[str, Callable] = {}


def on_dois_published(fn: Callable) -> Callable:
    """fn(*, issue_id=None, article_id=None, actor) runs inside the transaction
    that publishes an issue or an article with its DOIs; work it starts must
    wait for the commit."""
    return _register(_dois_published, fn)


def deposit_status_from(fn: Callable) -> Callable:
    """fn(issue, articles) -> {("issue", pk) | ("article", pk): status}, shown
    on the editor's issue page."""
    return _register(_deposit_status, fn)


def deposit_request_by(fn: Callable) -> Callable:
    """fn(*, actor, issue) deposits the issue's DOIs; a DomainError refuses."""
    return _register(_deposit_request, fn)


def issue_export_from(name: str, fn: Callable) -> Callable:
    """fn(*, journal, issue, articles) -> HttpResponse: the issue as `name`."""
    _issue_exports[name] = fn
    return fn


def dois_published(*, issue_id=None, article_id=None, actor) -> None:
    for fn in _dois_published:
        fn(issue_id=issue_id, article_id=article_id, actor=actor)


def deposit_status(issue, articles) -> dict:
    result: dict = {}
    for fn in _deposit_status:
        result.update(fn(issue, articles))
    return result


def deposit_request(*, actor, issue) -> None:
    if not _deposit_request:
        raise LookupError("No app deposits DOIs (is indexing installed?)")
    for fn in _deposit_request:
        fn(actor=actor, issue=issue)


def issue_export(name: str) -> Callable | None:
    return _issue_exports.get(name)
