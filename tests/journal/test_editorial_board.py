"""The public editorial board, kept by the journal's managers: add, edit,
reorder and remove members, with names, roles and affiliations in English and
Russian; readers see it in their language, linked from the journal's menu."""

import pytest
from django.conf import settings
from django.urls import reverse

from journal.models import BoardMember, Role
from tests.factories import JournalFactory, editor_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def journal():
    return JournalFactory()


def member(journal, name, order, **kwargs):
    return BoardMember.objects.create(
        journal=journal, name=name, role="Member", order=order, **kwargs
    )


def test_readers_see_the_board_in_order_with_orcid_and_in_their_language(
    client, journal, django_assert_max_num_queries
):
    member(journal, "Zhanna Bekova", 2, country="KZ")
    member(
        journal,
        "Alikhan Baimenov",
        1,
        role_translations={"ru": "Главный редактор"},
        name_translations={"ru": "Алихан Байменов"},
        affiliation="Astana Civil Service Hub",
        orcid="0000-0002-1825-0097",
    )
    for n in range(3, 12):
        member(journal, f"Member {n}", n)
    url = reverse("journal:board", args=[journal.slug])

    home = client.get(reverse("publishing:about", args=[journal.slug])).text
    assert url in home
    with django_assert_max_num_queries(3):
        page = client.get(url).text
    assert page.index("Alikhan Baimenov") < page.index("Zhanna Bekova")
    assert "https://orcid.org/0000-0002-1825-0097" in page
    assert "Kazakhstan" in page

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(url).text
    assert "Алихан Байменов" in page and "Главный редактор" in page
    assert "Zhanna Bekova" in page  # no Russian given: the English name


def test_manager_adds_reorders_edits_and_removes_members(client, journal):
    client.force_login(editor_of(journal, role=Role.MANAGER))
    manage = reverse("journal:board_manage", args=[journal.slug])
    for name in ("Ana Beridze", "Bek Omarov"):
        response = client.post(
            manage,
            {
                "name": name,
                "name_ru": "",
                "role": "Associate Editor",
                "role_ru": "Заместитель редактора",
                "affiliation": "Academy",
                "country": "GE",
                "orcid": "https://orcid.org/0000-0002-1825-0097",
            },
        )
        assert response.status_code == 302
    ana, bek = BoardMember.objects.filter(journal=journal).order_by("order")
    assert (ana.name, bek.name) == ("Ana Beridze", "Bek Omarov")
    assert ana.role_translations == {"ru": "Заместитель редактора"}
    assert ana.orcid == "0000-0002-1825-0097"

    client.post(reverse("journal:board_member_move", args=[journal.slug, bek.pk, "up"]))
    assert list(journal.board_members.values_list("name", flat=True)) == [
        "Bek Omarov",
        "Ana Beridze",
    ]

    client.post(
        reverse("journal:board_member_edit", args=[journal.slug, ana.pk]),
        {"name": "Ana Beridze", "role": "Editor-in-Chief", "country": ""},
    )
    ana.refresh_from_db()
    assert (ana.role, ana.role_translations) == ("Editor-in-Chief", {})

    client.post(reverse("journal:board_member_remove", args=[journal.slug, bek.pk]))
    assert list(journal.board_members.values_list("name", flat=True)) == ["Ana Beridze"]


def test_a_bad_orcid_is_shown_on_its_field(client, journal):
    client.force_login(editor_of(journal, role=Role.MANAGER))
    response = client.post(
        reverse("journal:board_manage", args=[journal.slug]),
        {"name": "Ana", "role": "Member", "orcid": "0000-0002-1825-0098"},
    )
    assert response.status_code == 200
    assert "orcid" in response.context["form"].errors
    assert not journal.board_members.exists()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.PRODUCTION_EDITOR])
def test_only_managers_edit_the_board(client, journal, role):
    someone = member(journal, "Ana Beridze", 1)
    client.force_login(editor_of(journal, role=role))
    assert (
        client.get(reverse("journal:board_manage", args=[journal.slug])).status_code
        == 404
    )
    response = client.post(
        reverse("journal:board_member_remove", args=[journal.slug, someone.pk])
    )
    assert response.status_code == 404
    assert journal.board_members.exists()
    page = client.get(reverse("submissions:editor_dashboard", args=[journal.slug]))
    assert reverse("journal:settings", args=[journal.slug]) not in page.text


def test_board_pages_query_counts_do_not_grow_with_members(client, journal):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor_of(journal, role=Role.MANAGER))
    urls = [
        reverse("journal:board", args=[journal.slug]),
        reverse("journal:board_manage", args=[journal.slug]),
    ]

    def counts():
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    member(journal, "Member 0", 0, orcid="0000-0002-1825-0097", country="KZ")
    few = counts()
    for n in range(1, 15):
        member(journal, f"Member {n}", n, orcid="0000-0002-1825-0097", country="KZ")
    assert counts() == few
    assert few[1] <= 12
