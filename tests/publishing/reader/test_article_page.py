import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from publishing.models import ArticleStatus
from submissions.models import State
from tests.publishing.factories import (
    ArticleFactory,
    GalleyFactory,
    PublishedArticleFactory,
    html_galley,
    jats_galley,
    with_authors,
)

pytestmark = pytest.mark.django_db


def _page(client, article):
    return client.get(reverse("publishing:article", args=[article.pk]))


def test_reader_without_account_sees_the_article_with_its_metadata(client):
    article = PublishedArticleFactory(
        doi="10.99999/jpa.2026.7", first_page="11", last_page="29"
    )
    submission = article.submission
    submission.submitted_at = timezone.now() - timezone.timedelta(days=90)
    submission.accepted_at = timezone.now() - timezone.timedelta(days=20)
    submission.keywords = {"en": ["meritocracy"], "ru": ["меритократия"]}
    submission.save()
    author = submission.authors.get()
    author.orcid = "0000-0002-1825-0097"
    author.affiliation = "Academy of Public Administration, Astana"
    author.save()

    response = _page(client, article)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Meritocracy in civil service recruitment" in html
    assert 'lang="ru">Меритократия при найме на государственную службу' in html
    assert author.full_name in html
    assert "https://orcid.org/0000-0002-1825-0097" in html
    assert "Academy of Public Administration, Astana" in html
    assert "We study merit-based recruitment." in html
    assert "Мы изучаем найм." in html
    assert "меритократия" in html
    assert 'href="https://doi.org/10.99999/jpa.2026.7"' in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    assert "Received" in html and "Accepted" in html and "Published" in html
    assert submission.section.title in html
    assert "11–29" in html


def test_article_page_shows_the_galleys_body_and_references_not_its_page_head(
    client,
):
    article = PublishedArticleFactory()
    html_galley(
        article,
        "<!doctype html><html><head><title>Galley</title>"
        "<style>body { max-width: 46rem }</style></head><body>"
        '<article><header class="jats-front"><h1>Galley title block</h1></header>'
        '<div class="jats-body"><h2>Findings</h2><p>Merit works.</p></div>'
        '<section class="jats-references"><h2>References</h2>'
        "<ol><li>Weber, M. (1922).</li></ol></section></article></body></html>",
    )

    html = _page(client, article).content.decode()

    assert "<h2>Findings</h2><p>Merit works.</p>" in html
    assert "Weber, M. (1922)." in html
    assert html.count("<html") == 1
    assert "max-width: 46rem" not in html
    assert "Galley title block" not in html


def test_article_page_includes_the_html_full_text_and_download_links(client):
    article = PublishedArticleFactory()
    html_galley(
        article, "<h2>Introduction</h2><p>Civil service reform in practice.</p>"
    )
    pdf = GalleyFactory(article=article)
    jats_galley(article)
    supplement = GalleyFactory(
        article=article,
        kind="supplementary",
        label="Survey data",
        content_type="text/csv",
    )

    html = _page(client, article).content.decode()

    assert "<h2>Introduction</h2><p>Civil service reform in practice.</p>" in html
    assert reverse("publishing:article_download", args=[article.pk, pdf.pk]) in html
    assert (
        reverse("publishing:article_download_kind", args=[article.pk, "jats"]) in html
    )
    assert (
        reverse("publishing:article_download", args=[article.pk, supplement.pk]) in html
    )
    assert "Survey data" in html


@pytest.mark.parametrize(
    "make",
    [
        lambda: ArticleFactory(),
        lambda: ArticleFactory(status=ArticleStatus.WITHDRAWN),
        lambda: PublishedArticleFactory(submission__journal__is_active=False),
    ],
    ids=["in-production", "withdrawn", "inactive-journal"],
)
def test_unpublished_articles_are_not_found(client, make):
    article = make()
    assert _page(client, article).status_code == 404
    assert (
        client.get(
            reverse("publishing:article_cite", args=[article.pk, "ris"])
        ).status_code
        == 404
    )


def test_article_page_query_count_does_not_grow_with_authors(client):
    few = PublishedArticleFactory()
    many = PublishedArticleFactory()
    with_authors(few, 1, orcid="0000-0002-1825-0097")
    with_authors(many, 20, orcid="0000-0002-1825-0097")
    for article in (few, many):
        GalleyFactory(article=article)
    counts = []
    for article in (few, many):
        with CaptureQueriesContext(connection) as ctx:
            assert _page(client, article).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]
    assert counts[1] <= 10


def test_a_second_view_of_the_article_does_not_reload_authors_or_galleys(client):
    article = PublishedArticleFactory()
    with_authors(article, 3)
    GalleyFactory(article=article)
    with CaptureQueriesContext(connection) as first:
        _page(client, article)
    with CaptureQueriesContext(connection) as second:
        assert _page(client, article).status_code == 200
    assert len(second) < len(first)
    tables = " ".join(q["sql"] for q in second.captured_queries)
    assert "submissions_contributor" not in tables
    assert "publishing_galley" not in tables


def test_a_change_to_the_article_shows_at_once_despite_the_cache(client):
    article = PublishedArticleFactory()
    assert "Old words" not in _page(client, article).content.decode()
    submission = article.submission
    submission.abstract = {"en": "Old words replaced by new words."}
    submission.save()
    article.touch()
    article.save(update_fields=["datestamp"])
    assert "Old words replaced" in _page(client, article).content.decode()


def test_a_continuously_published_article_without_issue_is_public(client):
    article = PublishedArticleFactory(issue=None)
    response = _page(client, article)
    assert response.status_code == 200
    assert "Published continuously" in response.content.decode()


def test_ready_article_is_not_public_until_published(client):
    article = ArticleFactory(submission__state=State.READY_FOR_PUBLICATION)
    assert _page(client, article).status_code == 404


def test_an_article_published_ahead_of_its_issue_does_not_link_to_the_unpublished_issue(
    client,
):
    from tests.publishing.factories import IssueFactory

    issue = IssueFactory()
    article = PublishedArticleFactory(submission__journal=issue.journal, issue=issue)
    html = _page(client, article).content.decode()
    assert reverse("publishing:issue", args=[issue.journal.slug, issue.pk]) not in html
    assert "Published ahead of" in html
