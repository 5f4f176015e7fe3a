"""Publishing asks for confirmation and says what will happen; a table of
contents runs by section, then page; every public page offers Submit and the
site has a favicon."""

import pytest
from django.urls import reverse

from publishing.models import IssueState
from tests.factories import SectionFactory
from tests.publishing.factories import published_issue, ready_issue

pytestmark = pytest.mark.django_db


def test_publish_now_shows_what_will_happen_before_publishing(client):
    issue, articles, editor = ready_issue()
    journal = issue.journal
    journal.doi_prefix = "10.99999"
    journal.save(update_fields=["doi_prefix"])
    client.force_login(editor)
    url = reverse("publishing:editor_issue_publish", args=[journal.slug, issue.pk])

    page = client.get(url)

    assert page.status_code == 200
    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFT  # looking publishes nothing
    text = page.content.decode()
    assert "data-publish-plan" in text and "2 articles go online." in text
    for article in articles:
        assert article.submission.display_title in text
    assert "10.99999/" in text
    client.post(url)
    issue.refresh_from_db()
    assert issue.state == IssueState.PUBLISHED


def test_table_of_contents_runs_by_section_then_page(client):
    issue, articles = published_issue(articles=3)
    journal = issue.journal
    first = SectionFactory(journal=journal, title="Research Articles", order=1)
    second = SectionFactory(journal=journal, title="Book Reviews", order=2)
    layout = [(second, "9", 1), (first, "4", 2), (first, "1", 3)]
    for article, (section, page, order) in zip(articles, layout, strict=True):
        article.section, article.first_page, article.order = section, page, order
        article.save(update_fields=["section", "first_page", "order"])
        article.submission.title = {"en": f"Article on page {page}"}
        article.submission.save(update_fields=["title"])

    text = client.get(
        reverse("publishing:issue", args=[journal.slug, issue.pk])
    ).content.decode()

    positions = [
        text.index(s)
        for s in (
            "Research Articles",
            "Article on page 1",
            "Article on page 4",
            "Book Reviews",
            "Article on page 9",
        )
    ]
    assert positions == sorted(positions)


def test_public_pages_offer_submit_and_the_site_has_a_favicon(client):
    issue, (article, _other) = published_issue()
    slug = issue.journal.slug
    submit = reverse("submissions:start", args=[slug])
    for url in (
        reverse("publishing:journal_home", args=[slug]),
        reverse("publishing:archive", args=[slug]),
        reverse("publishing:about", args=[slug]),
        reverse("publishing:issue", args=[slug, issue.pk]),
        reverse("publishing:article", args=[article.pk]),
    ):
        text = client.get(url).content.decode()
        assert f'href="{submit}" data-submit-entry' in text, url
        assert 'rel="icon"' in text

    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301
    assert favicon.url.endswith("favicon.svg")
