"""The journal's Crossmark update policy page: its policy text in the reader's
language (or a standard text), and the list of corrections and retractions."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from lxml import html as lxml_html

from publishing.models import ArticleStatus, ArticleVersion, JournalPublishingSettings
from tests.factories import JournalFactory
from tests.publishing.factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db


def _page(client, journal, language="en"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("publishing:update_policy", args=[journal.slug]))
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


def _when(day):
    return dt.datetime(2026, 3, day, 9, tzinfo=dt.UTC)


def _corrected(journal, reason, day, number=1):
    article = PublishedArticleFactory(submission__journal=journal, version=number + 1)
    ArticleVersion.objects.create(
        article=article, number=number, reason=reason, superseded_at=_when(day)
    )
    return article


def _retracted(journal, notice, day):
    return PublishedArticleFactory(
        submission__journal=journal,
        status=ArticleStatus.RETRACTED,
        retracted_at=_when(day),
        retraction_notice=notice,
    )


@pytest.mark.parametrize(
    ("language", "heading", "standard"),
    [
        ("en", "Corrections, retractions and updates", "COPE retraction guidelines"),
        ("ru", "Исправления, отзывы статей и обновления", "рекомендациями COPE"),
    ],
)
def test_without_a_written_policy_the_page_shows_the_standard_text(
    client, language, heading, standard
):
    page = _page(client, JournalFactory(), language)

    assert page.findtext(".//h1") == heading
    (text,) = page.xpath("//*[@data-update-policy-default]")
    assert standard in text.text_content()
    assert "expression" in text.text_content() or language == "ru"
    assert page.xpath("//section[@id='updates']//p[contains(@class,'text-muted')]")


def test_the_written_policy_is_shown_in_the_readers_language_else_the_journals(
    client,
):
    journal = JournalFactory(languages=["en", "ru"])
    row = JournalPublishingSettings.objects.create(
        journal=journal,
        update_policy={"en": "We publish errata within a month.", "ru": ""},
    )

    for language in ("en", "ru"):
        (policy,) = _page(client, journal, language).xpath("//*[@data-update-policy]")
        assert policy.text_content().strip() == "We publish errata within a month."
        assert policy.get("lang") == "en"

    row.update_policy["ru"] = "Исправления публикуются в течение месяца."
    row.save()
    page = _page(client, journal, "ru")
    (policy,) = page.xpath("//*[@data-update-policy]")
    assert policy.text_content().strip() == "Исправления публикуются в течение месяца."
    assert policy.get("lang") == "ru"
    assert not page.xpath("//*[@data-update-policy-default]")


def test_the_page_lists_the_journals_updates_newest_first(client):
    journal = JournalFactory()
    oldest = _corrected(journal, "Table 2 had a wrong total.", 2)
    retracted = _retracted(journal, "The data were fabricated.", 9)
    twice = _corrected(journal, "A figure was mislabelled.", 5)
    ArticleVersion.objects.create(
        article=twice,
        number=2,
        reason="An author's name was misspelt.",
        superseded_at=_when(7),
    )
    _corrected(JournalFactory(), "Another journal's correction.", 8)
    PublishedArticleFactory(submission__journal=journal)  # never updated

    items = _page(client, journal).xpath("//section[@id='updates']//li")

    assert [
        (li.get("data-update"), li.xpath(".//a")[0].get("href")) for li in items
    ] == [
        (
            "retraction",
            reverse("publishing:article", args=[retracted.pk]) + "#retraction-notice",
        ),
        ("correction", reverse("publishing:article", args=[twice.pk]) + "#versions"),
        ("correction", reverse("publishing:article", args=[twice.pk]) + "#versions"),
        ("correction", reverse("publishing:article", args=[oldest.pk]) + "#versions"),
    ]
    first, second, _third, last = (li.text_content() for li in items)
    assert "The data were fabricated." in first
    assert f"https://doi.org/{retracted.doi}" in first
    assert "An author's name was misspelt." in second
    assert "new version 3" in second
    assert "Table 2 had a wrong total." in last
    assert "new version 2" in last


def test_the_update_list_takes_the_same_queries_however_long_it_is(
    client, django_assert_num_queries
):
    journal = JournalFactory()
    url = reverse("publishing:update_policy", args=[journal.slug])
    _corrected(journal, "First.", 1)
    _retracted(journal, "Second.", 2)
    client.get(url)  # the session and the language settle first

    # The journal, its settings, the corrections, the retractions.
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
    for day in range(3, 9):
        _corrected(journal, f"Correction {day}.", day)
        _retracted(journal, f"Retraction {day}.", day)
    with django_assert_num_queries(4):
        page = client.get(url).content.decode()
    assert page.count("data-update=") == 14


def test_an_unknown_journal_has_no_policy_page(client):
    url = reverse("publishing:update_policy", args=["no-such-journal"])
    assert client.get(url).status_code == 404


def test_the_about_page_and_updated_articles_link_the_policy(client):
    journal = JournalFactory()
    policy_url = reverse("publishing:update_policy", args=[journal.slug])
    about = lxml_html.fromstring(
        client.get(reverse("publishing:about", args=[journal.slug])).content
    )
    assert [a.get("href") for a in about.xpath("//a[@data-update-policy-link]")] == [
        policy_url
    ]

    plain = PublishedArticleFactory(submission__journal=journal)
    corrected = _corrected(journal, "Table 2 had a wrong total.", 2)
    retracted = _retracted(journal, "The data were fabricated.", 3)
    for article, linked in ((plain, False), (corrected, True), (retracted, True)):
        page = lxml_html.fromstring(
            client.get(reverse("publishing:article", args=[article.pk])).content
        )
        links = page.xpath("//footer//a[@data-update-policy-link]/@href")
        assert links == ([policy_url] if linked else [])
