"""Pages of a query matching more documents than are counted: ranked among the
champions of its words (PostgreSQL) yet in the order ranking every match gives,
falling back to every match where the champions do not fill a page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from discovery.models import SearchTerm
from discovery.search import backends, selectors
from discovery.search.selectors import SearchParams, search_articles
from discovery.search.services import search_champions_rebuild, search_unindex_article

from .builders import indexed_article

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="champion lists are kept on PostgreSQL only",
)


def ids_on_pages(params, pages, per_page=2):
    return [
        [
            hit.article.pk
            for hit in search_articles(params, page=n, per_page=per_page).hits
        ]
        for n in range(1, pages + 1)
    ]


@pytest.fixture
def archive():
    """Nine articles about merit pay, weighted differently: in the title, in
    the keywords, in the abstract only, or in the full text only."""
    now = timezone.now()
    made = []
    for i in range(9):
        where = i % 3
        made.append(
            indexed_article(
                title={"en": f"Merit pay reform {i}" if where == 0 else f"Study {i}"},
                keywords={"en": ["merit pay"]} if where == 1 else {},
                abstract={"en": "Merit-based pay in ministries." if where == 2 else ""},
                body="<p>Merit and pay.</p>",
                published_at=now - timedelta(days=i),
            )
        )
    return made


def test_pages_past_the_count_keep_the_order_of_ranking_every_match(
    archive, monkeypatch
):
    params = SearchParams(text="merit")
    exact = ids_on_pages(params, pages=3)

    # Six are counted (one over the cap: three pages of two). The first two
    # pages come from the four champions of "merit", the third from every
    # match.
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    monkeypatch.setattr(backends, "CHAMPIONS", 4)
    shortcut = ids_on_pages(params, pages=3)

    assert shortcut == exact
    if connection.vendor == "postgresql":
        with CaptureQueriesContext(connection) as queries:
            search_articles(params, page=1, per_page=2)
        ranked = [q["sql"] for q in queries if "ts_rank" in q["sql"]]
        assert len(ranked) == 1 and "discovery_searchterm" in ranked[0]
    # Title matches first, newest first among equals.
    assert exact[0] == [archive[0].pk, archive[3].pk]
    assert len(set(sum(exact, []))) == 6


def test_a_filter_the_champions_do_not_reach_still_finds_its_articles(
    archive, monkeypatch
):
    other = indexed_article(
        title={"en": "Pay"},
        body="<p>Merit is mentioned once.</p>",
        published_at=timezone.now() - timedelta(days=30),
    )
    monkeypatch.setattr(selectors, "COUNT_CAP", 1)
    monkeypatch.setattr(backends, "CHAMPIONS", 2)

    results = search_articles(SearchParams(text="merit", journal=other.journal))

    assert [hit.article.pk for hit in results.hits] == [other.pk]


@postgresql_only
def test_each_word_keeps_its_best_documents_as_articles_are_indexed(
    monkeypatch,
):
    monkeypatch.setattr(backends, "CHAMPIONS", 2)
    weak = indexed_article(abstract={"en": "Merit in passing."})
    strong = [
        indexed_article(title={"en": f"Merit and merit pay {i}"}) for i in range(2)
    ]

    listed = set(
        SearchTerm.objects.filter(lexeme="merit").values_list("document", flat=True)
    )
    # Indexed one by one, a list may run long until the nightly rebuild.
    assert {a.pk for a in strong} <= listed
    search_champions_rebuild()
    assert set(
        SearchTerm.objects.filter(lexeme="merit").values_list("document", flat=True)
    ) == {a.pk for a in strong}

    search_unindex_article(article_id=strong[0].pk)
    search_champions_rebuild()
    assert set(
        SearchTerm.objects.filter(lexeme="merit").values_list("document", flat=True)
    ) == {strong[1].pk, weak.pk}


@postgresql_only
def test_a_weaker_article_indexed_later_does_not_enter_a_full_list(monkeypatch):
    monkeypatch.setattr(backends, "CHAMPIONS", 2)
    strong = [indexed_article(title={"en": f"Merit pay {i}"}) for i in range(2)]
    weak = indexed_article(abstract={"en": "Merit in passing."})

    listed = set(
        SearchTerm.objects.filter(lexeme="merit").values_list("document", flat=True)
    )
    assert listed == {a.pk for a in strong}
    assert weak.pk not in listed


@postgresql_only
def test_a_word_in_most_articles_is_shown_as_more_than_the_cap_without_counting(
    monkeypatch,
):
    for i in range(6):
        indexed_article(title={"en": f"Merit pay {i}"})
    indexed_article(title={"en": "Reform of pay"})
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE discovery_searchdocument")
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    monkeypatch.setattr(selectors, "ESTIMATE_MARGIN", 2)

    with CaptureQueriesContext(connection) as queries:
        results = search_articles(SearchParams(text="merit"))

    assert results.count_is_capped
    assert len(results.hits) == 6
    assert not [q for q in queries if "COUNT(" in q["sql"]]
    # A phrase, or a filter, is counted.
    with CaptureQueriesContext(connection) as queries:
        assert selectors.search_count(SearchParams(text='"merit pay"')) == 3
    assert [q for q in queries if "COUNT(" in q["sql"]]
    assert not search_articles(SearchParams(text="merit", year=1990)).count_is_capped


@pytest.mark.parametrize("engine", ["PostgresBackend", "SqliteBackend"])
def test_a_first_page_that_is_not_full_shows_the_true_count(engine, monkeypatch):
    # Whatever an estimate said, a first page with fewer results than fit on
    # it holds every match.
    monkeypatch.setattr(getattr(backends, engine), "estimate", lambda self, qs: 10**9)
    for i in range(3):
        indexed_article(title={"en": f"Merit pay {i}"})

    results = search_articles(SearchParams(text="merit"))

    assert (results.count, results.count_is_capped) == (3, False)
    assert results.page.paginator.num_pages == 1
