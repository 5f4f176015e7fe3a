"""Writes of the search index and of the related-articles lists."""

import logging
import re

from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from discovery.models import RelatedArticle, SearchDocument
from journal.reader_cache import reader_cache_bump_on_commit
from publishing.models import Article, ArticleStatus, Galley, GalleyKind
from submissions.models import Contributor

from .backends import backend
from .selectors import RELEVANCE_ORDER, best_among_champions, related_cache_key
from .text import delimited, document_text, html_to_text

logger = logging.getLogger(__name__)

PUBLIC_STATUSES = (ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED)
RELATED_LIMIT = 5
RELATED_CANDIDATES = 30
# Words too common to say what an article is about, for building the
# similarity query from titles (PostgreSQL drops them itself; FTS5 does not).
STOPWORDS = frozenset(
    """about after also among and are based between case does from have into
    its more not over than that the their them these this those through under
    using what when where which while with within without public service
    civil reform study analysis evidence journal article review
    для как или при что это этот эта эти его она они под над без также
    между через после более менее реформа служба государственная анализ""".split()
)
_TITLE_WORD = re.compile(r"\w{4,}", re.UNICODE)


def _body_text(article: Article, galleys=None) -> str:
    if galleys is None:
        galleys = Galley.objects.filter(
            article=article, kind=GalleyKind.HTML, is_current=True
        ).order_by("-version", "-pk")[:1]
    galley = next(iter(galleys), None)
    if galley is None:
        return ""
    try:
        with galley.file.open("rb") as handle:
            return html_to_text(handle.read())
    except (OSError, ValueError):
        logger.warning("HTML galley %s of article %s unreadable", galley.pk, article.pk)
        return ""


def search_unindex_article(*, article_id: int) -> None:
    """Remove an article from search results and from every related list."""
    engine = backend()
    with transaction.atomic():
        SearchDocument.objects.filter(pk=article_id).delete()
        engine.delete(article_id)
        pointing = RelatedArticle.objects.filter(related_id=article_id)
        _forget_related_lists(
            [article_id, *pointing.values_list("article_id", flat=True)]
        )
        pointing.delete()
        RelatedArticle.objects.filter(article_id=article_id).delete()


def _forget_related_lists(article_ids) -> None:
    # Now, and again once committed, so that a page read in between cannot
    # put the old list back.
    keys = [related_cache_key(pk) for pk in article_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys), robust=True)


def _searchable(article: Article) -> bool:
    return (
        article.status in PUBLIC_STATUSES
        and article.journal.is_active
        and article.published_at is not None
    )


def _document_fields(article: Article, authors, body: str) -> dict:
    text = document_text(article, authors, body)
    published = timezone.localtime(article.published_at, article.journal.tz)
    return {
        "journal": article.journal,
        "section": article.section,
        "year": published.year,
        "published_at": article.published_at,
        "languages": delimited(text.languages),
        "countries": delimited(text.countries),
        "title": text.title,
        "abstract": text.abstract,
        "keywords": "\n".join(text.keywords),
        "authors": text.authors,
        "body": text.body,
    }


def search_index_article(*, article: Article) -> SearchDocument | None:
    """Bring the article's search document up to date with the article.

    A public article (published or retracted, in an active journal) is
    (re)indexed with its metadata in every language, its authors and the
    text of its current HTML galley; anything else is removed from the index.
    Safe to call any number of times. Returns the document, or None when the
    article is not searchable.
    """
    article = (
        Article.objects.select_related("submission", "journal", "section")
        .filter(pk=article.pk)
        .first()
    )
    if article is None:
        return None
    if not _searchable(article):
        search_unindex_article(article_id=article.pk)
        return None
    authors = list(article.submission.authors.order_by("order", "pk"))
    fields = _document_fields(article, authors, _body_text(article))
    with transaction.atomic():
        document, _created = SearchDocument.objects.update_or_create(
            article=article, defaults=fields
        )
        backend().write(document)
    return document


def search_index_articles(*, article_ids: list[int], champions: bool = True) -> int:
    """(Re)index many public articles at once, in a few queries per batch.

    For rebuilding the index of a large archive; articles that are not public
    are skipped (use `search_unindex_article` for those). With
    `champions=False` the words' champion lists are left for a
    `search_champions_rebuild` once every batch is in. Returns the number
    indexed.
    """
    html = Galley.objects.filter(kind=GalleyKind.HTML, is_current=True).order_by(
        "-version", "-pk"
    )
    articles = (
        Article.objects.filter(pk__in=article_ids)
        .select_related("submission", "journal", "section")
        .prefetch_related(
            Prefetch(
                "submission__authors",
                queryset=Contributor.objects.order_by("order", "pk"),
            ),
            Prefetch("galleys", queryset=html, to_attr="html_galleys"),
        )
    )
    documents = []
    for article in articles:
        if not _searchable(article):
            continue
        body = _body_text(article, article.html_galleys[:1])
        fields = _document_fields(article, article.submission.authors.all(), body)
        documents.append(SearchDocument(article=article, **fields))
    ids = [d.article_id for d in documents]
    engine = backend()
    with transaction.atomic():
        SearchDocument.objects.filter(pk__in=ids).delete()
        engine.delete_many(ids)
        SearchDocument.objects.bulk_create(documents)
        engine.write_many(SearchDocument, documents, champions=champions)
    return len(documents)


def search_champions_rebuild() -> None:
    """Recompute the champion lists of every word from the index (they stay
    right as articles are indexed one by one, but grow past their length and
    thin out as articles are withdrawn; nightly, and after a bulk reindex)."""
    backend().champions_rebuild()


def _keyword_query(document: SearchDocument) -> str:
    return " or ".join(f'"{k}"' for k in document.keyword_list[:10])


def _title_query(document: SearchDocument) -> str:
    terms, seen = [], set()
    for word in _TITLE_WORD.findall(document.title.lower()):
        if word not in STOPWORDS and word not in seen and not word.isdigit():
            seen.add(word)
            terms.append(word)
    return " or ".join(terms[:12])


def _candidates(document: SearchDocument, raw: str, exclude: set[int]) -> list:
    """The best matches of `raw`, ranked as a results page ranks them."""
    if not raw:
        return []
    engine = backend()

    def best(documents) -> list:
        return list(
            engine.match(documents.exclude(pk__in=exclude), raw)
            .order_by(*RELEVANCE_ORDER)
            .values_list("pk", "rank", "keywords")[:RELATED_CANDIDATES]
        )

    with engine.reading():
        return best_among_champions(
            raw, SearchDocument.objects.all(), best, RELATED_CANDIDATES
        )


def related_compute(*, article_id: int, limit: int = RELATED_LIMIT) -> list[int]:
    """Store the article's `limit` most similar public articles, best first.

    Candidates are the articles matching its keywords (as phrases), and when
    those are too few, the words of its title; each scores its full-text rank
    (relative to the best) plus a bonus for every keyword it shares. Returns
    the related article ids.
    """
    document = SearchDocument.objects.filter(pk=article_id).first()
    if document is None:
        RelatedArticle.objects.filter(article_id=article_id).delete()
        return []
    candidates = _candidates(document, _keyword_query(document), {article_id})
    if len(candidates) < limit:
        seen = {article_id, *(c[0] for c in candidates)}
        candidates += _candidates(document, _title_query(document), seen)
    top = max((float(c[1] or 0) for c in candidates), default=0) or 1.0
    own = {k.lower() for k in document.keyword_list}
    scored: list[tuple[float, int]] = []
    for pk, rank, keywords in candidates:
        shared = len(own & {k.lower() for k in keywords.split("\n") if k})
        scored.append((float(rank or 0) / top + 0.5 * shared, pk))
    scored.sort(key=lambda item: (-item[0], -item[1]))
    chosen = scored[:limit]
    with transaction.atomic():
        before = list(
            RelatedArticle.objects.filter(article_id=article_id)
            .order_by("rank")
            .values_list("related_id", flat=True)
        )
        if before != [pk for _score, pk in chosen]:
            # The article's page lists them: readers see the new list at once.
            journal_id = (
                Article.objects.filter(pk=article_id)
                .values_list("journal_id", flat=True)
                .first()
            )
            if journal_id is not None:
                reader_cache_bump_on_commit(journal_id)
        RelatedArticle.objects.filter(article_id=article_id).delete()
        RelatedArticle.objects.bulk_create(
            RelatedArticle(article_id=article_id, related_id=pk, rank=i, score=score)
            for i, (score, pk) in enumerate(chosen, start=1)
        )
        _forget_related_lists([article_id])
    return [pk for _score, pk in chosen]


def search_refresh_article(*, article: Article) -> None:
    """Index the article, then recompute its related list and its neighbours'
    (so that the new article appears beside the ones it resembles)."""
    document = search_index_article(article=article)
    if document is None:
        return
    for pk in related_compute(article_id=article.pk):
        related_compute(article_id=pk)


def search_reindex(
    *, journal=None, related: bool = True, progress=None, batch_size: int = 500
) -> int:
    """Rebuild the index (of one journal or all), then every related list.

    Articles no longer public are removed. Returns the number indexed.
    """
    articles = Article.objects.filter(status__in=PUBLIC_STATUSES)
    stale = SearchDocument.objects.exclude(
        article__status__in=PUBLIC_STATUSES, journal__is_active=True
    )
    if journal is not None:
        articles = articles.filter(journal=journal)
        stale = stale.filter(journal=journal)
    for article_id in list(stale.values_list("pk", flat=True)):
        search_unindex_article(article_id=article_id)
    ids = list(articles.order_by("pk").values_list("pk", flat=True))
    count = 0
    for start in range(0, len(ids), batch_size):
        count += search_index_articles(
            article_ids=ids[start : start + batch_size], champions=False
        )
        if progress:
            progress(count)
    search_champions_rebuild()
    if related:
        documents = SearchDocument.objects.all()
        if journal is not None:
            documents = documents.filter(journal=journal)
        for article_id in documents.values_list("pk", flat=True).iterator():
            related_compute(article_id=article_id)
    return count
