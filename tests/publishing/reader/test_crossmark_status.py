"""Article pages of a journal with Crossmark: "Check for updates" (a plain
link, no third-party script) and the article's update status."""

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from publishing.issues import services
from publishing.models import JournalPublishingSettings
from tests.factories import editor_of
from tests.publishing.factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db


def _page(client, article):
    response = client.get(reverse("publishing:article", args=[article.pk]))
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


def _with_crossmark(journal):
    JournalPublishingSettings.objects.update_or_create(
        journal=journal, defaults={"crossmark_policy_doi": "10.99999/jpa.policy"}
    )


def test_without_crossmark_the_page_has_no_check_for_updates(client):
    article = PublishedArticleFactory()
    page = _page(client, article)
    assert not page.xpath("//*[@id='update-status']")
    assert not page.xpath("//a[@data-crossmark]")


def test_check_for_updates_opens_crossmark_for_the_articles_doi(client):
    article = PublishedArticleFactory(doi="10.99999/jpa.2026.7")
    _with_crossmark(article.journal)

    page = _page(client, article)

    (status,) = page.xpath("//*[@id='update-status']")
    assert status.get("data-update-status") == "current"
    (link,) = page.xpath("//a[@data-crossmark]")
    assert link.get("href") == (
        "https://crossmark.crossref.org/dialog?doi=10.99999/jpa.2026.7"
    )
    assert link.text == "Check for updates"
    assert not page.xpath("//script[contains(@src, 'crossref')]")
    assert reverse(
        "publishing:update_policy", args=[article.journal.slug]
    ) in status.xpath(".//a/@href")


def test_the_status_says_corrected_then_retracted_with_links_to_the_notices(client):
    article = PublishedArticleFactory()
    _with_crossmark(article.journal)
    editor = editor_of(article.journal)

    services.article_new_version(
        article=article, actor=editor, reason="Table 2 had a wrong total."
    )
    page = _page(client, article)
    (status,) = page.xpath("//*[@id='update-status']")
    assert status.get("data-update-status") == "corrected"
    assert "#versions" in status.xpath(".//a/@href")
    assert (
        "Table 2 had a wrong total."
        in page.get_element_by_id("versions").text_content()
    )

    article.refresh_from_db()
    services.article_retract(
        article=article, actor=editor, notice="The data were fabricated."
    )
    page = _page(client, article)
    (status,) = page.xpath("//*[@id='update-status']")
    assert status.get("data-update-status") == "retracted"
    assert "#retraction-notice" in status.xpath(".//a/@href")
    assert (
        "The data were fabricated."
        in page.get_element_by_id("retraction-notice").text_content()
    )


def test_setting_the_policy_doi_shows_the_link_on_pages_already_seen(
    client, django_capture_on_commit_callbacks
):
    article = PublishedArticleFactory()
    row = JournalPublishingSettings.objects.create(journal=article.journal)
    assert not _page(client, article).xpath("//a[@data-crossmark]")

    row.crossmark_policy_doi = "10.99999/jpa.policy"
    with django_capture_on_commit_callbacks(execute=True):
        services.publishing_settings_save(row=row, actor=editor_of(article.journal))

    assert _page(client, article).xpath("//a[@data-crossmark]")
