"""The language switcher on every page, and metadata marked with its language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import SubmissionFactory, UserFactory
from tests.i18n.test_russian_pages import _public_pages
from tests.publishing.factories import published_issue

pytestmark = pytest.mark.django_db

SWITCHER = re.compile(
    r'<form action="/i18n/setlang/" method="post"[^>]*>.*?'
    r'<input name="next" type="hidden" value="(?P<next>[^"]*)">.*?'
    r'<select id="language-switcher" name="language"[^>]*>(?P<options>.*?)</select>',
    re.S,
)


@pytest.fixture
def issue_and_article():
    issue, (article, _other) = published_issue()
    return issue, article


def _switcher(html: str):
    match = SWITCHER.search(html)
    assert match, "no language switcher on the page"
    return match["next"].replace("&amp;", "&"), match["options"]


def test_every_public_page_offers_english_and_russian_and_comes_back_to_itself(
    client, issue_and_article
):
    for name, url in _public_pages(*issue_and_article).items():
        next_url, options = _switcher(client.get(url).content.decode())

        assert next_url == url, name
        assert 'value="en"' in options and 'value="ru"' in options, name
        assert "Русский" in options and "English" in options, name


def test_choosing_russian_returns_to_the_same_page_in_russian(
    client, issue_and_article
):
    for name, url in _public_pages(*issue_and_article).items():
        client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
        response = client.post(reverse("set_language"), {"language": "ru", "next": url})

        assert response.status_code == 302, name
        assert response["Location"] == url, name
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
        html = client.get(url).content.decode()
        assert '<html lang="ru">' in html, name
        assert 'value="ru" lang="ru" selected' in html, name


def test_choosing_english_again_switches_back(client, issue_and_article):
    url = _public_pages(*issue_and_article)["archive"]
    client.post(reverse("set_language"), {"language": "ru", "next": url})
    client.post(reverse("set_language"), {"language": "en", "next": url})

    html = client.get(url).content.decode()

    assert '<html lang="en">' in html
    assert "Sign in" in html


def test_switcher_does_not_send_the_reader_to_another_site(client):
    response = client.post(
        reverse("set_language"),
        {"language": "ru", "next": "https://evil.example/phish"},
    )

    assert not response["Location"].startswith("https://evil.example")


def test_signed_in_pages_carry_the_switcher(client, issue_and_article):
    issue, _article = issue_and_article
    author = UserFactory()
    draft = SubmissionFactory(journal=issue.journal, submitter=author)
    client.force_login(author)

    for url in (
        reverse("journal:dashboard"),
        reverse("submissions:mine"),
        reverse("submissions:step", args=[draft.pk, "metadata"]),
    ):
        assert _switcher(client.get(url).content.decode())[0] == url


def test_article_page_marks_each_metadata_language_not_the_interface(
    client, issue_and_article
):
    _issue, article = issue_and_article
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    html = client.get(reverse("publishing:article", args=[article.pk])).content.decode()

    assert '<html lang="ru">' in html
    assert re.search(
        r'<h1[^>]* lang="en">Meritocracy in civil service recruitment', html
    )
    assert 'lang="ru">Меритократия при найме на государственную службу' in html
    assert '<div lang="en"><p>We study merit-based recruitment.</p></div>' in html
    assert '<div lang="ru"><p>Мы изучаем найм.</p></div>' in html
    # Interface headings stay in the page's language, outside the tagged text.
    assert not re.search(r'lang="en"[^>]*>\s*<h2[^>]*>Аннотация', html)


def test_submission_pages_mark_title_and_abstract_with_their_language(client):
    author = UserFactory()
    draft = SubmissionFactory(submitter=author)
    client.force_login(author)

    review = client.get(reverse("submissions:step", args=[draft.pk, "review"]))
    detail = client.get(reverse("submissions:detail", args=[draft.pk]))
    metadata = client.get(reverse("submissions:step", args=[draft.pk, "metadata"]))

    for response in (review, detail):
        html = response.content.decode()
        assert re.search(r'lang="en">Meritocracy in civil service recruitment<', html)
        assert re.search(r'lang="ru">Меритократия при найме', html)
        assert re.search(r'lang="ru">Мы изучаем найм', html)
    form = metadata.content.decode()
    assert re.search(
        r'<input[^>]*name="title_ru"[^>]*lang="ru"|<input[^>]*lang="ru"[^>]*name="title_ru"',
        form,
    )
    assert re.search(
        r'<textarea[^>]*name="abstract_en"[^>]*lang="en"|<textarea[^>]*lang="en"[^>]*name="abstract_en"',
        form,
    )
