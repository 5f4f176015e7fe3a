"""With the Russian interface, pages show the Russian version of a text that
has one (article titles, section names) and the English one otherwise."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import SectionFactory
from tests.publishing.factories import published_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue_and_articles():
    issue, (bilingual, english_only) = published_issue()
    section = SectionFactory(
        journal=issue.journal,
        title="Research Articles",
        title_translations={"ru": "Научные статьи"},
    )
    for article in (bilingual, english_only):
        article.section = section
        article.save(update_fields=["section"])
        article.submission.section = section
        article.submission.language = "en"
    bilingual.submission.title = {
        "en": "Merit in recruitment",
        "ru": "Меритократия при найме",
    }
    english_only.submission.title = {"en": "Probation periods compared"}
    for article in (bilingual, english_only):
        article.submission.save(update_fields=["title", "section", "language"])
    return issue, bilingual, english_only


def test_russian_readers_get_russian_titles_and_section_names_where_they_exist(
    client, issue_and_articles
):
    issue, bilingual, _english_only = issue_and_articles
    toc = reverse("publishing:issue", args=[issue.journal.slug, issue.pk])

    english = client.get(toc).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    russian = client.get(toc).content.decode()
    article_page = client.get(
        reverse("publishing:article", args=[bilingual.pk])
    ).content.decode()

    assert "Merit in recruitment" in english and "Research Articles" in english
    assert "Меритократия при найме" in russian
    assert "Научные статьи" in russian
    assert "Probation periods compared" in russian  # no Russian title: English
    assert "Меритократия при найме" in article_page
