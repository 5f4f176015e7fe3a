"""Reads of the search index: results pages, filter choices, related lists.

Only public articles of active journals are ever returned: documents exist
only for them, and the rows of a results page are checked against their
article again, so that a document not yet refreshed cannot leak an article.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from discovery.models import RelatedArticle, SearchDocument
from journal.models import Journal
from publishing.issues.cache import reader_cache_generation
from publishing.models import Article, ArticleStatus
from submissions.models import Contributor

from . import query as q
from .backends import backend
from .text import MARK_END, MARK_START, title_languages

PUBLIC_STATUSES = (ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED)
PER_PAGE = 20
# Best first (`rank` comes from the engine's `match`), then newest.
RELEVANCE_ORDER = ("-rank", "-published_at", "-pk")
# What a results page shows and checks: twenty rows of every column of five
# tables would cost more to load than to find.
PAGE_FIELDS = (
    "article",
    "journal",
    "section__title",
    "section__title_translations",
    "year",
    "languages",
    "title",
    "abstract",
    "article__status",
    "article__submission__language",
    # django-fsm reads the protected state field whenever a submission loads.
    "article__submission__state",
    "article__submission__title",
    "article__journal__title",
    "article__journal__is_active",
    "article__issue__number",
    "article__issue__year",
    "article__issue__title",
    "article__issue__title_translations",
    "article__issue__volume__number",
)
# Results are counted exactly up to this many; beyond, "more than 1,000", and
# pages are ranked among the champions of the query's words (see RankedIds).
COUNT_CAP = 1_000
# A one-word query the planner expects to match this many times the cap is
# shown as "more than the cap" without counting.
ESTIMATE_MARGIN = 20
OPTIONS_SECONDS = 300
CLOSED_JOURNALS_KEY = "search:closed-journals"
CLOSED_JOURNALS_SECONDS = 60


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"


@dataclass
class SearchParams:
    text: str = ""
    journal: Journal | None = None
    section_id: int | None = None
    year: int | None = None
    country: str = ""
    language: str = ""
    sort: str = Sort.RELEVANCE


@dataclass
class SearchHit:
    document: SearchDocument
    article: Article
    title_html: SafeString
    translated_titles: list[tuple[str, SafeString]]
    snippet_html: SafeString
    authors: list[Contributor] = field(default_factory=list)


@dataclass
class SearchResults:
    params: SearchParams
    page: Page
    hits: list[SearchHit]

    @property
    def count(self) -> int:
        return min(self.page.paginator.count, COUNT_CAP)

    @property
    def count_is_capped(self) -> bool:
        """True when more documents match than were counted."""
        return self.page.paginator.count > COUNT_CAP

    @property
    def count_cap(self) -> int:
        return COUNT_CAP


def marked(text: str) -> SafeString:
    """Escape everything, then turn the engine's markers into <mark> tags."""
    html = escape(text or "")
    return mark_safe(  # noqa: S308 - escaped above; only <mark> added
        html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def documents_public() -> QuerySet[SearchDocument]:
    """Documents exist only for public articles, so matching and counting stay
    on this table (a join to articles would be probed for every match). A
    closed journal's documents disappear at once: its id is excluded, so the
    usual case (no closed journal) adds no condition that would make the count
    read every matching row. The ids are cached for a minute and forgotten
    when a journal is saved; a results page also checks each row's journal,
    so a closed journal's article is never shown even before then."""
    closed = cache.get(CLOSED_JOURNALS_KEY)
    if closed is None:
        closed = list(
            Journal.objects.filter(is_active=False).values_list("pk", flat=True)
        )
        cache.set(CLOSED_JOURNALS_KEY, closed, CLOSED_JOURNALS_SECONDS)
    documents = SearchDocument.objects.all()
    if closed:
        documents = documents.exclude(journal_id__in=closed)
    return documents


def _still_public(document: SearchDocument) -> bool:
    # A document whose article was taken down a moment ago (the index is
    # refreshed after commit) or whose journal was closed is never shown.
    article = document.article
    return article.status in PUBLIC_STATUSES and article.journal.is_active


def _filtered(params: SearchParams, base=None) -> QuerySet[SearchDocument]:
    qs = documents_public() if base is None else base
    if params.journal is not None:
        qs = qs.filter(journal=params.journal)
        if params.section_id:
            qs = qs.filter(section_id=params.section_id)
    if params.year:
        qs = qs.filter(year=params.year)
    if params.country:
        qs = qs.filter(countries__contains=f",{params.country},")
    if params.language:
        qs = qs.filter(languages__contains=f",{params.language},")
    return qs


def search_count(params: SearchParams, *, cap: int | None = None, base=None) -> int:
    """How many documents match, counted up to `cap` + 1 (one more than the
    cap means "more than `cap`"): an exact count of a word found in half of a
    large archive would read every matching row for a figure nobody pages
    through."""
    cap = COUNT_CAP if cap is None else cap
    qs = _filtered(params, base)
    if not q.is_empty(params.text):
        engine = backend()
        qs = engine.filter(qs, params.text)
        if _one_plain_word(params):
            # For a single word the planner's estimate is the word's measured
            # share of the archive; far above the cap, counting only confirms
            # it (and costs most of a common word's search).
            estimate = engine.estimate(qs)
            if estimate is not None and estimate >= ESTIMATE_MARGIN * cap:
                return cap + 1
    return qs.order_by().values("pk")[: cap + 1].count()


def _one_plain_word(params: SearchParams) -> bool:
    """One word, no phrase, exclusion or alternative, and no filter: a query
    whose estimate the engine's statistics give directly."""
    if params.journal or params.year or params.country or params.language:
        return False
    groups = q.parse(params.text)
    return (
        len(groups) == 1
        and len(groups[0]) == 1
        and not groups[0][0].negated
        and not groups[0][0].prefix
        and " " not in groups[0][0].text
    )


def search_queryset(params: SearchParams, base=None) -> QuerySet[SearchDocument]:
    """Matching documents, filtered and ordered; annotated with `rank` when
    there is a query. `base` is `documents_public()` if already at hand."""
    qs = _filtered(params, base)
    has_query = not q.is_empty(params.text)
    if has_query:
        qs = backend().match(qs, params.text)
    if params.sort == Sort.OLDEST:
        return qs.order_by("published_at", "pk")
    if params.sort == Sort.RELEVANCE and has_query:
        return qs.order_by(*RELEVANCE_ORDER)
    return qs.order_by("-published_at", "-pk")


def best_among_champions(raw: str, documents, fetch, wanted: int) -> list:
    """`fetch(documents)` (a ranked slice of `wanted` rows) among the
    champions of the query's words first, among every document when those
    do not fill it.

    Ranking every match reads every match's vector; the champions (the
    documents where each word weighs most; the engine keeps them) are at most
    a few hundred. Both rank by the same ordering, so a one-word query gets
    exactly what full ranking gives; with several words, a document that is
    no word's champion may be missing from the first results.
    """
    candidates = backend().candidates(raw)
    if candidates is not None:
        found = fetch(documents.filter(pk__in=candidates))
        if len(found) == wanted:
            return found
    return fetch(documents)


class RankedIds:
    """Matching ids in relevance order, sliced as a paginator asks: among
    the champions of the query's words when more documents match than are
    counted (see `best_among_champions`), as on a deep page or under a
    narrow filter among every match."""

    def __init__(self, params: SearchParams, base, *, count: int):
        self.params, self.base = params, base
        self.shortcut = count > COUNT_CAP

    def __getitem__(self, key: slice) -> list[int]:
        def fetch(documents) -> list[int]:
            ranked = search_queryset(self.params, documents)
            return list(ranked.values_list("pk", flat=True)[key])

        if not self.shortcut:
            return fetch(self.base)
        wanted = key.stop - key.start
        return best_among_champions(self.params.text, self.base, fetch, wanted)


def search_ranked_ids(
    params: SearchParams, *, count: int, base=None
) -> RankedIds | QuerySet:
    """Matching ids in the order of `params.sort`, to be sliced; `count` is
    what `search_count` returned for the same params."""
    base = documents_public() if base is None else base
    if params.sort == Sort.RELEVANCE and not q.is_empty(params.text):
        return RankedIds(params, base, count=count)
    return search_queryset(params, base).values_list("pk", flat=True)


class CappedPaginator(Paginator):
    """A paginator whose count comes from `search_count` (at most cap + 1)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._count = count

    @property
    def count(self) -> int:
        return self._count

    def count_ends_at(self, count: int) -> None:
        self._count = count
        self.__dict__.pop("num_pages", None)

    def page(self, number):
        # Past the cap the count is a lower bound: a page is cut by its size
        # only, never by the count.
        if self._count <= COUNT_CAP:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(
            self.object_list[bottom : bottom + self.per_page], number, self
        )


def _hit(document, highlight, authors) -> SearchHit:
    article = document.article
    submission = article.submission
    if highlight:
        title, abstract, body = highlight
        snippet = next(
            (s for s in (abstract, body) if s and MARK_START in s), abstract or body
        )
    else:
        title, snippet = document.title, ""
    if not snippet:
        snippet = Truncator(document.abstract).words(45)
    lines = (title or document.title).split("\n")
    languages = [lang for lang in document.languages.split(",") if lang]
    langs = title_languages(submission, languages)
    translated = [
        (langs[i] if i < len(langs) else "", marked(line))
        for i, line in enumerate(lines[1:], start=1)
    ]
    return SearchHit(
        document=document,
        article=article,
        title_html=marked(lines[0]),
        translated_titles=translated,
        snippet_html=marked(snippet),
        authors=authors,
    )


def _authors_by_submission(submission_ids: list[int]) -> dict[int, list[Contributor]]:
    """The authors of each submission, in order: one query, names only."""
    found = defaultdict(list)
    contributors = (
        Contributor.objects.filter(submission_id__in=submission_ids)
        .only("submission_id", "given_name", "family_name")
        .order_by("order", "pk")
    )
    for contributor in contributors:
        found[contributor.submission_id].append(contributor)
    return found


def search_articles(
    params: SearchParams, *, page: int | str | None = 1, per_page: int = PER_PAGE
) -> SearchResults:
    """One page of results with highlighted titles and snippets.

    Queries, whatever the page size: closed journals (cached), the count
    (none for a word far more common than the cap), the page's ids, its
    documents with their articles, their authors and, with a query, the
    highlights (one more for results found by their full text alone); on
    PostgreSQL inside a transaction of their own (see `backend().reading`).
    """
    # Looked up before the search settings apply: the journals table is read
    # as usual.
    base = documents_public()
    with backend().reading():
        return _search_articles(params, base, page, per_page)


def _search_articles(params, base, page, per_page) -> SearchResults:
    # The page is cut from the ids alone: joined to articles and their
    # metadata, the planner would join every match before ordering them.
    count = search_count(params, base=base)
    ids = search_ranked_ids(params, count=count, base=base)
    paginator = CappedPaginator(ids, per_page, count=count)
    the_page = paginator.get_page(page)
    page_ids = list(the_page.object_list)
    if count > COUNT_CAP and len(page_ids) < per_page:
        # The matches end on this page after all (an estimate was wrong).
        paginator.count_ends_at((the_page.number - 1) * per_page + len(page_ids))
    rows = (
        SearchDocument.objects.filter(pk__in=page_ids)
        .select_related(
            "article__submission",
            "article__journal",
            "article__issue__volume",
            "section",
        )
        .only(*PAGE_FIELDS)
    )
    by_id = {d.pk: d for d in rows}
    the_page.object_list = [by_id[pk] for pk in page_ids if pk in by_id]
    documents = [d for d in the_page.object_list if _still_public(d)]
    highlights = {}
    if documents and not q.is_empty(params.text):
        highlights = backend().highlights(
            SearchDocument, [d.pk for d in documents], params.text
        )
    authors = _authors_by_submission([d.article.submission_id for d in documents])
    hits = [
        _hit(d, highlights.get(d.pk), authors.get(d.article.submission_id, []))
        for d in documents
    ]
    return SearchResults(params=params, page=the_page, hits=hits)


@dataclass
class FilterOptions:
    journals: list[tuple[str, str]]
    sections: list[tuple[int, str]]
    years: list[int]
    countries: list[str]
    languages: list[str]


def _generation(journal: Journal | None) -> str:
    if journal is not None:
        return f"{journal.pk}:{reader_cache_generation(journal.pk)}"
    return "all"


def search_filter_options(journal: Journal | None = None) -> FilterOptions:
    """Choices for the filters: only values some public article has.

    Cached for a few minutes (per journal and publishing generation), so a
    results page costs the same queries however large the archive.
    """
    key = f"search:options:{_generation(journal)}"
    options = cache.get(key)
    if options is not None:
        return options
    documents = documents_public()
    contributors = Contributor.objects.filter(
        submission__article__status__in=PUBLIC_STATUSES
    ).exclude(country="")
    if journal is not None:
        documents = documents.filter(journal=journal)
        contributors = contributors.filter(submission__journal=journal)
        sections = [(s.pk, s.title) for s in journal.sections.order_by("order", "pk")]
        journals = []
        languages = journal.language_list
    else:
        sections = []
        journals = list(
            Journal.objects.filter(is_active=True)
            .order_by("title")
            .values_list("slug", "title")
        )
        languages = [code for code, _name in settings.LANGUAGES]
    options = FilterOptions(
        journals=journals,
        sections=sections,
        years=list(
            documents.order_by("-year").values_list("year", flat=True).distinct()
        ),
        countries=sorted(
            {str(c) for c in contributors.values_list("country", flat=True).distinct()}
        ),
        languages=languages,
    )
    cache.set(key, options, OPTIONS_SECONDS)
    return options


RELATED_SECONDS = 3600


def related_cache_key(article_id: int) -> str:
    return f"search:related:{article_id}"


def related_articles(article: Article) -> list[RelatedArticle]:
    """The article's stored related list (public ones only): one query, then
    cached until the list is recomputed or the journal publishes a change."""
    key = related_cache_key(article.pk)
    generation = reader_cache_generation(article.journal_id)
    cached = cache.get(key)
    if cached is not None and cached[0] == generation:
        return cached[1]
    links = list(
        RelatedArticle.objects.filter(
            article=article,
            related__status__in=PUBLIC_STATUSES,
            related__journal__is_active=True,
        )
        .select_related("related__submission", "related__journal")
        .order_by("rank")
    )
    cache.set(key, (generation, links), RELATED_SECONDS)
    return links
