"""The journal's texts, kept by its managers in English and Russian on the
journal settings page: readers see the Russian text where there is one, the
English otherwise; focus and scope keeps its lists; nothing unsafe survives."""

import pytest
from django.conf import settings
from django.urls import reverse

from journal.models import Journal, Role
from journal.rich_text import rich_text_html
from tests.factories import CallFactory, JournalFactory, SectionFactory, editor_of

pytestmark = pytest.mark.django_db

SCOPE = (
    "The journal publishes research on:\n"
    "- civil service reform;\n"
    "- public service delivery.\n\n"
    "We welcome case studies."
)


def test_focus_and_scope_keeps_its_list_and_paragraphs():
    html = rich_text_html(SCOPE)
    assert "<p>The journal publishes research on:</p>" in html
    assert (
        "<ul>\n<li>civil service reform;</li>\n<li>public service delivery.</li>\n</ul>"
        in html
    )
    assert "<p>We welcome case studies.</p>" in html


def test_unsafe_markup_is_removed():
    html = rich_text_html(
        '<script>alert(1)</script><a href="javascript:alert(2)" onclick="x()">a</a>'
        '<img src="https://tracker.example/x.png">\n\nSee [b](https://example.org).'
    )
    assert "<script" not in html and "javascript:" not in html
    assert "onclick" not in html and "<img" not in html
    assert '<a href="https://example.org" rel="nofollow noopener">b</a>' in html


def test_manager_saves_russian_texts_and_readers_see_their_language(client):
    journal = JournalFactory()
    client.force_login(editor_of(journal, role=Role.MANAGER))
    url = reverse("journal:settings", args=[journal.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "description": "A journal about reform.",
            "description_ru": "Журнал о реформах.",
            "focus_and_scope": SCOPE,
            "focus_and_scope_ru": "",
            "author_guidelines": "Submit online.",
            "author_guidelines_ru": "Подавайте онлайн.",
            "abstract_word_limit": "250",
        },
    )
    assert response.status_code == 302
    journal = Journal.objects.get(pk=journal.pk)
    assert journal.description_translations == {"ru": "Журнал о реформах."}
    assert journal.abstract_word_limit == 250
    client.logout()

    about = reverse("publishing:about", args=[journal.slug])
    english = client.get(about).text
    assert "A journal about reform." in english
    assert "<li>civil service reform;</li>" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    russian = client.get(about).text
    assert "Журнал о реформах." in russian and "Подавайте онлайн." in russian
    assert "<li>civil service reform;</li>" in russian  # no Russian: the English
    home = client.get(reverse("publishing:journal_home", args=[journal.slug])).text
    assert "Журнал о реформах." in home


def test_calls_and_section_policies_in_russian(client):
    journal = JournalFactory()
    CallFactory(
        journal=journal,
        title="Remote work",
        title_translations={"ru": "Удалённая работа"},
    )
    SectionFactory(
        journal=journal,
        policy="Empirical studies.",
        policy_translations={"ru": "Эмпирические исследования."},
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    home = client.get(reverse("publishing:journal_home", args=[journal.slug])).text
    assert "Удалённая работа" in home
    about = client.get(reverse("publishing:about", args=[journal.slug])).text
    assert "Эмпирические исследования." in about


@pytest.mark.parametrize("role", [Role.EDITOR, Role.SECTION_EDITOR])
def test_only_managers_open_the_settings(client, role):
    journal = JournalFactory()
    client.force_login(editor_of(journal, role=role))
    response = client.post(
        reverse("journal:settings", args=[journal.slug]), {"description": "Hacked"}
    )
    assert response.status_code == 404
    assert Journal.objects.get(pk=journal.pk).description != "Hacked"


def test_manager_adds_a_call_and_edits_a_section_in_both_languages(client):
    from journal.models import CallForPapers, Section

    journal = JournalFactory(timezone="Asia/Almaty")
    section = SectionFactory(journal=journal, title="Case studies")
    client.force_login(editor_of(journal, role=Role.MANAGER))
    response = client.post(
        reverse("journal:call_new", args=[journal.slug]),
        {
            "title": "Remote work",
            "title_ru": "Удалённая работа",
            "slug": "remote-work",
            "description": "Papers on remote work.",
            "deadline": "2030-04-05T00:00",
            "sections": [section.pk],
        },
    )
    assert response.status_code == 302
    call = CallForPapers.objects.get(journal=journal)
    assert call.title_translations == {"ru": "Удалённая работа"}
    assert call.local_deadline.strftime("%Y-%m-%d %H:%M") == "2030-04-05 00:00"
    assert list(call.sections.all()) == [section]

    client.post(
        reverse("journal:section_edit", args=[journal.slug, section.pk]),
        {
            "title": "Case studies",
            "title_ru": "Кейсы",
            "policy": "Reform cases.",
            "policy_ru": "Кейсы реформ.",
            "abstract_word_limit": "150",
            "open_for_submissions": "on",
        },
    )
    section = Section.objects.get(pk=section.pk)
    assert section.title_in("ru") == "Кейсы"
    assert section.localised("policy", "ru") == "Кейсы реформ."
    assert section.effective_abstract_word_limit == 150

    listing = client.get(reverse("journal:calls", args=[journal.slug])).text
    assert "Удалённая работа" in listing
    duplicate = client.post(
        reverse("journal:call_new", args=[journal.slug]),
        {"title": "Again", "slug": "remote-work", "deadline": "2030-05-01T00:00"},
    )
    assert duplicate.status_code == 200
    assert CallForPapers.objects.filter(journal=journal).count() == 1


def test_settings_lists_query_counts_do_not_grow(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    journal = JournalFactory()
    client.force_login(editor_of(journal, role=Role.MANAGER))
    urls = [
        reverse("journal:calls", args=[journal.slug]),
        reverse("journal:sections", args=[journal.slug]),
    ]

    def counts():
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    CallFactory(journal=journal)
    SectionFactory(journal=journal)
    few = counts()
    for _n in range(8):
        CallFactory(journal=journal)
        SectionFactory(journal=journal, abstract_word_limit=200)
    assert counts() == few
