"""Anonymous readers get whole pages from the shared cache: never a page made
for someone signed in, never someone's CSRF token, in the reader's language,
and an editor's change shows at once."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from publishing.models import Issue
from tests.factories import UserFactory, editor_of
from tests.publishing.factories import published_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    issue, (article,) = published_issue(articles=1, title="Merit and tenure")
    journal = issue.journal
    pages = {
        "home": reverse("publishing:journal_home", args=[journal.slug]),
        "archive": reverse("publishing:archive", args=[journal.slug]),
        "toc": reverse("publishing:issue", args=[journal.slug, issue.pk]),
        "article": reverse("publishing:article", args=[article.pk]),
    }
    return issue, pages


def _quietly_retitle(issue, title):
    """A change behind the site's back (no service): the cached page stays."""
    Issue.objects.filter(pk=issue.pk).update(title=title)


def test_anonymous_pages_are_kept_whole_until_an_editor_changes_something(site):
    issue, pages = site
    reader = Client()
    for name, url in pages.items():
        assert "Merit and tenure" in reader.get(url).content.decode(), name

    _quietly_retitle(issue, "Quietly renamed")
    for name, url in pages.items():
        assert "Merit and tenure" in reader.get(url).content.decode(), name

    editor = Client()
    editor.force_login(editor_of(issue.journal))
    edited = editor.post(
        reverse("publishing:editor_issue_edit", args=[issue.journal.slug, issue.pk]),
        {
            "volume": issue.volume_id,
            "number": issue.number,
            "year": issue.year,
            "title": "Merit and promotion",
            "description": "",
        },
    )
    assert edited.status_code == 302
    for name, url in pages.items():
        assert "Merit and promotion" in reader.get(url).content.decode(), name


def test_anonymous_pages_carry_no_token_set_no_cookie_and_vary_right(site):
    _issue, pages = site
    reader = Client()
    for name, url in pages.items():
        for attempt in ("built", "kept"):
            response = reader.get(url)
            vary = {v.strip() for v in response["Vary"].split(",")}
            assert response.status_code == 200, (name, attempt)
            assert not response.cookies, (name, attempt)
            assert b"csrfmiddlewaretoken" not in response.content, (name, attempt)
            assert {"Accept-Language", "Cookie"} <= vary, (name, attempt)
            assert "public" in response["Cache-Control"], (name, attempt)
            assert response["Content-Language"] == "en", (name, attempt)


def test_signed_in_readers_are_never_served_a_kept_page_nor_leave_one(site):
    _issue, pages = site
    anonymous = Client()
    for url in pages.values():
        anonymous.get(url)  # kept
    person = UserFactory(given_name="Aigerim")
    signed_in = Client()
    signed_in.force_login(person)

    for name, url in pages.items():
        response = signed_in.get(url)
        html = response.content.decode()
        assert "Aigerim" in html and "csrfmiddlewaretoken" in html, name
        assert "private" in response["Cache-Control"], name

    for name, url in pages.items():
        html = anonymous.get(url).content.decode()
        assert "Sign in" in html, name
        assert "Aigerim" not in html and "csrfmiddlewaretoken" not in html, name


def test_pages_are_kept_per_language(site):
    _issue, pages = site
    url = pages["toc"]
    by_header = Client(HTTP_ACCEPT_LANGUAGE="ru")
    by_cookie = Client()
    by_cookie.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    english = Client().get(url).content.decode()
    russian = by_header.get(url).content.decode()
    russian_by_cookie = by_cookie.get(url).content.decode()
    english_again = Client().get(url).content.decode()

    assert '<html lang="en">' in english and '<html lang="en">' in english_again
    assert '<html lang="ru">' in russian and '<html lang="ru">' in russian_by_cookie


def test_readers_switch_language_without_a_token_and_signed_in_people_with_one():
    anonymous = Client(enforce_csrf_checks=True)
    switched = anonymous.post(reverse("set_language"), {"language": "ru", "next": "/"})
    assert switched.status_code == 302
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"

    person = UserFactory(preferred_language="en")
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(person)
    refused = signed_in.post(reverse("set_language"), {"language": "ru"})
    person.refresh_from_db()
    assert refused.status_code == 403 and person.preferred_language == "en"


def test_a_kept_article_page_and_its_304_need_no_query_and_views_still_count(
    site, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from metrics.models import UsageEvent
    from tests.metrics.builders import view_article

    issue, pages = site
    (article,) = issue.articles.all()
    reader = Client()
    with django_capture_on_commit_callbacks(execute=True):
        built = view_article(reader, article, ip="203.0.113.7")
    with django_capture_on_commit_callbacks(execute=True):
        with django_assert_num_queries(0):
            kept = view_article(reader, article, ip="198.51.100.1")
            again = reader.get(pages["article"], HTTP_IF_NONE_MATCH=kept["ETag"])
    assert kept.content == built.content
    assert kept["ETag"] == built["ETag"]
    assert again.status_code == 304
    # Both page views counted (two readers), the 304 not.
    assert UsageEvent.objects.filter(article=article).count() == 2


def test_a_new_galley_shows_on_the_kept_article_page_at_once(site):
    from production.services import galley_store

    issue, pages = site
    (article,) = issue.articles.all()
    reader = Client()
    first = reader.get(pages["article"])
    galley = galley_store(
        article=article,
        kind="pdf",
        content=b"%PDF-1.4 new",
        extension="pdf",
        content_type="application/pdf",
    )
    download = reverse("publishing:article_download", args=[article.pk, galley.pk])
    assert download not in first.content.decode()
    after = reader.get(pages["article"])
    assert download in after.content.decode()
    assert after["ETag"] != first["ETag"]
