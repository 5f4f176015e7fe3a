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


def article_published(*, article) -> None:
    for fn in _published:
        fn(article=article)


def article_viewed(*, request, article, galley=None) -> None:
    for fn in _viewed:
        fn(request=request, article=article, galley=galley)


def related_articles(article) -> list:
    return [row for fn in _related for row in fn(article)]
