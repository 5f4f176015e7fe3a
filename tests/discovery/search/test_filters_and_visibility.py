"""Filters, what never appears in results, safe snippets and bounded queries."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from discovery.models import SearchDocument
from discovery.search.services import search_index_article
from publishing.models import ArticleStatus
from tests.factories import JournalFactory, SectionFactory
from tests.publishing.factories import IssueFactory

from .builders import indexed_article

pytestmark = pytest.mark.django_db


def titles(response):
    return [h.document.title.split("\n")[0] for h in response.context["results"].hits]


def search(client, url=None, **params):
    return client.get(url or reverse("discovery:search"), params)


def test_journal_filter_and_journal_search_page_show_only_that_journal(client):
    first, second = JournalFactory(), JournalFactory()
    indexed_article(journal=first, title={"en": "Pay policy in Armenia"})
    indexed_article(journal=second, title={"en": "Pay policy in Georgia"})
    assert titles(search(client, q="pay", journal=first.slug)) == [
        "Pay policy in Armenia"
    ]
    page = reverse("discovery:journal_search", args=[second.slug])
    response = search(client, page, q="pay")
    assert titles(response) == ["Pay policy in Georgia"]
    assert response.context["journal"] == second


def test_section_filter_on_journal_search_page(client):
    journal = JournalFactory()
    research = SectionFactory(journal=journal, title="Research")
    practice = SectionFactory(journal=journal, title="Practice notes")
    indexed_article(journal=journal, section=research, title={"en": "Audit research"})
    indexed_article(journal=journal, section=practice, title={"en": "Audit practice"})
    page = reverse("discovery:journal_search", args=[journal.slug])
    response = search(client, page, q="audit", section=practice.pk)
    assert titles(response) == ["Audit practice"]


def test_year_filter(client):
    indexed_article(
        title={"en": "Tenure 2024"},
        published_at=datetime(2024, 6, 1, tzinfo=UTC),
    )
    indexed_article(
        title={"en": "Tenure 2025"},
        published_at=datetime(2025, 6, 1, tzinfo=UTC),
    )
    assert titles(search(client, q="tenure", year=2024)) == ["Tenure 2024"]


def test_author_country_filter(client):
    indexed_article(title={"en": "Recruitment in Kazakhstan"}, country="KZ")
    indexed_article(title={"en": "Recruitment in Uzbekistan"}, country="UZ")
    response = search(client, q="recruitment", country="UZ")
    assert titles(response) == ["Recruitment in Uzbekistan"]
    choices = dict(response.context["form"].fields["country"].choices)
    assert {"KZ", "UZ"} <= set(choices)


def test_language_filter(client):
    indexed_article(title={"ru": "Оценка персонала"}, language="ru")
    indexed_article(title={"en": "Staff appraisal"})
    assert titles(search(client, language="ru")) == ["Оценка персонала"]


def test_unknown_filter_values_are_ignored(client):
    indexed_article(title={"en": "Mobility of staff"})
    response = search(client, q="mobility", year="abc", country="ZZ", sort="weird")
    assert response.status_code == 200
    assert titles(response) == ["Mobility of staff"]
    assert response.context["query"] == "mobility"


def test_unpublished_articles_are_never_found(client):
    indexed_article(
        title={"en": "Secret draft on integrity"}, status=ArticleStatus.IN_PRODUCTION
    )
    indexed_article(
        title={"en": "Withdrawn integrity study"}, status=ArticleStatus.WITHDRAWN
    )
    indexed_article(title={"en": "Published integrity study"})
    assert titles(search(client, q="integrity")) == ["Published integrity study"]
    assert SearchDocument.objects.count() == 1


def test_article_taken_down_after_indexing_disappears_from_results(client):
    article = indexed_article(title={"en": "Temporary integrity note"})
    article.status = ArticleStatus.WITHDRAWN
    article.save(update_fields=["status"])
    # Even before the index catches up, the page does not show it.
    assert titles(search(client, q="integrity")) == []
    search_index_article(article=article)
    assert not SearchDocument.objects.filter(pk=article.pk).exists()


def test_articles_of_inactive_journals_are_not_found(client):
    journal = JournalFactory()
    indexed_article(journal=journal, title={"en": "Dormant journal article"})
    assert search(client, q="dormant").context["results"].count == 1
    journal.is_active = False
    journal.save(update_fields=["is_active"])
    response = search(client, q="dormant")
    assert titles(response) == []
    assert response.context["results"].count == 0
    journal.is_active = True
    journal.save(update_fields=["is_active"])
    assert search(client, q="dormant").context["results"].count == 1


def test_retracted_articles_are_found_and_marked(client):
    indexed_article(
        title={"en": "Flawed survey of pay"}, status=ArticleStatus.RETRACTED
    )
    response = search(client, q="survey")
    assert titles(response) == ["Flawed survey of pay"]
    assert "Retracted" in response.content.decode()


def test_snippets_highlight_the_query_words(client):
    indexed_article(
        title={"en": "Open government"},
        abstract={"en": "Transparency portals in five countries were compared."},
    )
    hit = search(client, q="transparency").context["results"].hits[0]
    assert "<mark>Transparency</mark>" in hit.snippet_html


def test_title_with_markup_is_escaped_and_only_mark_tags_are_added(client):
    indexed_article(
        title={"en": "<script>alert(1)</script> Budget <b>bold</b>"},
        abstract={"en": "Budget <img src=x onerror=alert(2)> transparency"},
    )
    response = search(client, q="budget")
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    hit = response.context["results"].hits[0]
    assert "<mark>Budget</mark>" in hit.title_html
    assert "<b>" not in hit.title_html


def test_full_text_snippet_comes_from_the_html_galley_without_tags(client):
    indexed_article(
        title={"en": "Case study"},
        body="<h2>Method</h2><p>Interviews with <em>forty</em> ministries.</p>"
        "<script>var hidden = 'ministries';</script>",
    )
    hit = search(client, q="ministries").context["results"].hits[0]
    assert "<mark>ministries</mark>" in hit.snippet_html
    assert "<em>" not in hit.snippet_html
    assert "hidden" not in hit.document.body


@pytest.mark.parametrize("count", [3, 25])
def test_search_page_queries_do_not_grow_with_results(
    client, django_assert_max_num_queries, count
):
    journal = JournalFactory()
    # Each in its own issue of its own volume: the page names both.
    for i in range(count):
        indexed_article(
            journal=journal,
            title={"en": f"Reform number {i}"},
            issue=IssueFactory(journal=journal),
        )
    url = reverse("discovery:search")
    search(client, url, q="reform")  # filter choices are cached after this
    # On PostgreSQL a search reads in a transaction of its own (here a
    # savepoint and two settings: four statements), and the full text is read
    # for snippets when an abstract lacks the words (one more).
    with django_assert_max_num_queries(12):
        response = search(client, url, q="reform", journal=journal.slug)
    assert response.context["results"].count == count


def test_journal_home_has_a_search_box_and_feed_links(client):
    journal = JournalFactory()
    response = client.get(reverse("publishing:journal_home", args=[journal.slug]))
    html = response.content.decode()
    assert reverse("discovery:journal_search", args=[journal.slug]) in html
    assert reverse("discovery:feed_atom", args=[journal.slug]) in html
    assert reverse("discovery:feed_rss", args=[journal.slug]) in html


def test_very_large_result_counts_are_shown_as_more_than_the_cap(client, monkeypatch):
    from discovery.search import selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    journal = JournalFactory()
    for i in range(5):
        indexed_article(journal=journal, title={"en": f"Merit pay study {i}"})
    response = search(client, q="merit", sort="newest")
    html = response.content.decode()
    assert "More than 3 articles" in html
    assert "5 articles" not in html
    assert len(titles(response)) == 5
    assert search(client, q="merit study 4").context["results"].count == 1
