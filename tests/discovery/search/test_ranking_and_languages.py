"""What a reader finds, and in what order, typing into the search box."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from discovery.search.selectors import SearchParams, search_articles

from .builders import indexed_article

pytestmark = pytest.mark.django_db


def titles(response):
    return [
        hit.document.title.split("\n")[0] for hit in response.context["results"].hits
    ]


def search(client, **params):
    return client.get(reverse("discovery:search"), params)


def test_title_match_ranks_above_body_only_match(client):
    indexed_article(
        title={"en": "Public administration training"},
        body="<p>Meritocracy appears here once in the full text. "
        "Meritocracy again, and meritocracy a third time.</p>",
    )
    indexed_article(title={"en": "Meritocracy in recruitment"})
    response = search(client, q="meritocracy")
    assert titles(response) == [
        "Meritocracy in recruitment",
        "Public administration training",
    ]


def test_keyword_match_ranks_above_abstract_only_match(client):
    indexed_article(
        title={"en": "Second study"},
        abstract={"en": "Touches on digitalisation in passing."},
    )
    indexed_article(title={"en": "First study"}, keywords={"en": ["digitalisation"]})
    assert titles(search(client, q="digitalisation")) == ["First study", "Second study"]


def test_cyrillic_query_finds_russian_title(client):
    indexed_article(
        title={"ru": "Меритократия на государственной службе"}, language="ru"
    )
    indexed_article(title={"en": "Performance pay"})
    response = search(client, q="меритократия")
    assert titles(response) == ["Меритократия на государственной службе"]


def test_cyrillic_query_is_case_insensitive(client):
    indexed_article(title={"ru": "Меритократия и найм"}, language="ru")
    assert titles(search(client, q="МЕРИТОКРАТИЯ")) == ["Меритократия и найм"]


def test_latin_query_finds_english_title_of_bilingual_article(client):
    indexed_article(
        title={"en": "Merit-based hiring", "ru": "Найм по заслугам"},
        language="ru",
    )
    response = search(client, q="hiring")
    hit = response.context["results"].hits[0]
    assert "Найм по заслугам" in hit.title_html
    assert [str(t) for _lang, t in hit.translated_titles] == [
        "Merit-based <mark>hiring</mark>"
    ]


def test_search_finds_author_names_and_full_text(client):
    article = indexed_article(
        title={"en": "Ethics codes"}, body="<p>Whistleblowing procedures.</p>"
    )
    author = article.submission.authors.get()
    assert titles(search(client, q=author.family_name)) == ["Ethics codes"]
    assert titles(search(client, q="whistleblowing")) == ["Ethics codes"]


def test_all_words_must_match_and_minus_excludes(client):
    indexed_article(title={"en": "Civil service pay reform"})
    indexed_article(title={"en": "Civil service training"})
    assert titles(search(client, q="civil pay")) == ["Civil service pay reform"]
    assert titles(search(client, q="civil -pay")) == ["Civil service training"]


def test_quoted_phrase_matches_words_in_order(client):
    indexed_article(title={"en": "Service of the civil state"})
    indexed_article(title={"en": "Civil service academies"})
    assert titles(search(client, q='"civil service"')) == ["Civil service academies"]


def test_or_finds_either_word(client):
    indexed_article(title={"en": "Anticorruption agencies"})
    indexed_article(title={"en": "Ombudsman offices"})
    indexed_article(title={"en": "Budget rules"})
    assert sorted(titles(search(client, q="anticorruption or ombudsman"))) == [
        "Anticorruption agencies",
        "Ombudsman offices",
    ]


@pytest.mark.parametrize("typed", ['"unbalanced', "a:b", "NOT", "()", "*", "- -", "'"])
def test_odd_input_never_breaks_the_page(client, typed):
    indexed_article(title={"en": "Something about a"})
    response = search(client, q=typed)
    assert response.status_code == 200


def test_sort_newest_and_oldest(client):
    now = timezone.now()
    indexed_article(
        title={"en": "Old governance"}, published_at=now - timedelta(days=400)
    )
    indexed_article(title={"en": "New governance"}, published_at=now)
    assert titles(search(client, q="governance", sort="newest")) == [
        "New governance",
        "Old governance",
    ]
    assert titles(search(client, q="governance", sort="oldest")) == [
        "Old governance",
        "New governance",
    ]


def test_empty_query_lists_newest_articles(client):
    now = timezone.now()
    indexed_article(title={"en": "Earlier"}, published_at=now - timedelta(days=3))
    indexed_article(title={"en": "Later"}, published_at=now)
    assert titles(search(client)) == ["Later", "Earlier"]


def test_results_are_paginated():
    for i in range(5):
        indexed_article(title={"en": f"Audit report {i}"})
    results = search_articles(SearchParams(text="audit"), page=2, per_page=2)
    assert results.count == 5
    assert len(results.hits) == 2
    assert results.page.number == 2
