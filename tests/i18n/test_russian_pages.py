"""Pages speak Russian to a reader who chose Russian: words, dates and numbers."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from submissions.models import State
from tests.factories import SubmissionFactory, UserFactory
from tests.publishing.factories import published_issue

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.datetime(2026, 3, 5, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def issue_and_article():
    issue, (article, _other) = published_issue(published_at=PUBLISHED)
    return issue, article


def _public_pages(issue, article):
    slug = issue.journal.slug
    return {
        "home": reverse("publishing:journal_home", args=[slug]),
        "about": reverse("publishing:about", args=[slug]),
        "archive": reverse("publishing:archive", args=[slug]),
        "issue": reverse("publishing:issue", args=[slug, issue.pk]),
        "article": reverse("publishing:article", args=[article.pk]),
        "search": reverse("discovery:journal_search", args=[slug]) + "?q=merit",
        "statistics": reverse("stats:journal", args=[slug]),
        "sign in": reverse("account_login"),
        "register": reverse("account_signup"),
    }


def _in_russian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    return client


def test_public_pages_are_in_russian_for_a_reader_who_chose_russian(
    client, issue_and_article
):
    _in_russian(client)
    for name, url in _public_pages(*issue_and_article).items():
        response = client.get(url)

        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<html lang="ru">' in html, name
        assert "Войти" in html, name
        assert "Перейти к содержанию" in html, name
        assert "Sign in" not in html, name


def test_journal_menu_and_article_labels_are_translated(client, issue_and_article):
    issue, article = issue_and_article
    _in_russian(client)

    home = client.get(reverse("publishing:journal_home", args=[issue.journal.slug]))
    page = client.get(reverse("publishing:article", args=[article.pk]))

    for word in ("Архив", "О журнале", "Статистика", "Текущий выпуск"):
        assert word in home.content.decode()
    for word in ("Аннотация", "Как цитировать", "Опубликовано"):
        assert word in page.content.decode()


def test_article_dates_are_written_the_russian_way(client, issue_and_article):
    _issue, article = issue_and_article

    english = client.get(reverse("publishing:article", args=[article.pk]))
    russian = _in_russian(client).get(reverse("publishing:article", args=[article.pk]))

    assert "5 March 2026" in english.content.decode()
    assert "5 марта 2026" in russian.content.decode()
    assert "March" not in russian.content.decode()


def test_statistics_numbers_use_the_russian_decimal_comma(client, issue_and_article):
    issue, _article = issue_and_article
    journal = issue.journal
    for _ in range(2):
        SubmissionFactory(
            journal=journal, state=State.ACCEPTED, accepted_at=timezone.now()
        )
    SubmissionFactory(journal=journal, state=State.REJECTED)
    url = reverse("stats:journal", args=[journal.slug])

    english = client.get(url).content.decode()
    russian = _in_russian(client).get(url).content.decode()

    assert "66.7%" in english
    assert "66,7%" in russian
    assert "Казахстан" in russian  # the factories' authors are from KZ
    assert "Kazakhstan" in english


def test_cached_pages_do_not_leak_one_language_into_the_other(
    client, issue_and_article
):
    issue, article = issue_and_article
    urls = [
        reverse("publishing:journal_home", args=[issue.journal.slug]),
        reverse("publishing:archive", args=[issue.journal.slug]),
        reverse("publishing:issue", args=[issue.journal.slug, issue.pk]),
        reverse("publishing:article", args=[article.pk]),
    ]
    for url in urls:
        client.get(url)  # fills the caches in English

    _in_russian(client)
    for url in urls:
        html = client.get(url).content.decode()
        assert "Войти" in html, url
        assert "Table of contents" not in html and "Abstract" not in html, url


def test_signed_in_author_pages_are_in_russian(client, issue_and_article):
    issue, _article = issue_and_article
    author = UserFactory()
    draft = SubmissionFactory(journal=issue.journal, submitter=author)
    client.force_login(author)
    _in_russian(client)

    pages = {
        reverse("journal:dashboard"): "Личный кабинет",
        reverse("submissions:mine"): "Мои рукописи",
        reverse(
            "submissions:step", args=[draft.pk, "metadata"]
        ): "Название и аннотация",
        reverse("submissions:start", args=[issue.journal.slug]): "Начать подачу",
    }
    for url, words in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert words in response.content.decode(), url
        assert "Выйти" in response.content.decode(), url


def test_submission_dates_use_the_russian_genitive_month(client):
    author = UserFactory()
    submission = SubmissionFactory(submitter=author, state=State.SUBMITTED)
    type(submission).objects.filter(pk=submission.pk).update(submitted_at=PUBLISHED)
    client.force_login(author)
    url = reverse("submissions:detail", args=[submission.pk])

    english = client.get(url).content.decode()
    russian = _in_russian(client).get(url).content.decode()

    assert "5 March 2026" in english
    assert "5 марта 2026" in russian


def test_statistics_charts_keep_decimal_points_in_russian(client, issue_and_article):
    issue, _article = issue_and_article
    url = reverse("stats:journal", args=[issue.journal.slug])

    html = _in_russian(client).get(url).content.decode()
    svg = html[
        html.index("<svg viewBox") : html.index("</svg>", html.index("<svg viewBox"))
    ]

    assert "<rect " in svg
    # A decimal comma in a coordinate makes the browser drop the bar.
    assert not re.search(r'\b(x|y|width|height|x1|x2|y1|y2)="[^"]*,', svg)
    assert not re.search(r"rotate\([^)]*,", svg)
