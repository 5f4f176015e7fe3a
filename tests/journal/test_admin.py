"""The Django admin for people, journals, sections, roles, calls and emails."""

import datetime as dt

import pytest
from django.urls import reverse

from journal.models import CallForPapers, EmailTemplate, Role, User
from tests.factories import (
    CallFactory,
    JournalFactory,
    RoleFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, settings):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "model",
    ["user", "journal", "section", "journalrole", "callforpapers", "emailtemplate"],
)
def test_every_journal_model_has_a_changelist_and_an_add_form(admin_client, model):
    assert (
        admin_client.get(reverse(f"admin:journal_{model}_changelist")).status_code
        == 200
    )
    assert admin_client.get(reverse(f"admin:journal_{model}_add")).status_code == 200


def test_admin_creates_a_person_with_an_email_and_no_username(admin_client):
    response = admin_client.post(
        reverse("admin:journal_user_add"),
        {
            "email": "New.Editor@Example.org",
            "given_name": "Madina",
            "family_name": "Akhmetova",
            "usable_password": "true",
            "password1": "Strong-pass-2024!",
            "password2": "Strong-pass-2024!",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person = User.objects.get(email="new.editor@example.org")
    assert person.full_name == "Madina Akhmetova"
    assert person.check_password("Strong-pass-2024!")


def test_person_change_page_shows_their_journal_roles(admin_client):
    role = RoleFactory(role=Role.SECTION_EDITOR)
    html = admin_client.get(
        reverse("admin:journal_user_change", args=[role.user.pk])
    ).content.decode()
    assert "journal_roles-TOTAL_FORMS" in html
    assert role.user.email in html


def test_people_can_be_found_by_orcid_and_filtered_by_role(admin_client):
    UserFactory(email="orcid@example.org", orcid="0000-0002-1825-0097")
    editor = RoleFactory(role=Role.EDITOR).user
    UserFactory(email="plain@example.org")

    found = admin_client.get(
        reverse("admin:journal_user_changelist"), {"q": "0000-0002-1825-0097"}
    ).content.decode()
    assert "orcid@example.org" in found
    assert "plain@example.org" not in found

    editors = admin_client.get(
        reverse("admin:journal_user_changelist"), {"journal_roles__role": "editor"}
    ).content.decode()
    assert editor.email in editors
    assert "plain@example.org" not in editors


def test_call_deadline_is_entered_in_the_journals_time_zone(admin_client):
    journal = JournalFactory(timezone="Asia/Almaty")
    response = admin_client.post(
        reverse("admin:journal_callforpapers_add"),
        {
            "journal": journal.pk,
            "title": "Remote work in the civil service",
            "slug": "remote-work",
            "description": "",
            "deadline_0": "2023-11-05",
            "deadline_1": "00:00:00",
            "guest_editors": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    call = CallForPapers.objects.get(slug="remote-work")
    assert call.deadline == dt.datetime(2023, 11, 4, 18, 0, tzinfo=dt.UTC)


def test_call_change_form_shows_the_deadline_in_the_journals_time(admin_client):
    journal = JournalFactory(timezone="Asia/Almaty")
    call = CallFactory(
        journal=journal, deadline=dt.datetime(2023, 11, 4, 18, 0, tzinfo=dt.UTC)
    )
    html = admin_client.get(
        reverse("admin:journal_callforpapers_change", args=[call.pk])
    ).content.decode()
    assert 'value="2023-11-05"' in html
    assert 'value="00:00:00"' in html


def test_calls_list_shows_the_local_deadline_with_the_zone(
    admin_client, django_assert_max_num_queries
):
    journal = JournalFactory(timezone="Asia/Almaty")
    CallFactory(
        journal=journal, deadline=dt.datetime(2023, 11, 4, 18, 0, tzinfo=dt.UTC)
    )
    for _ in range(5):
        CallFactory(journal=JournalFactory(timezone="Europe/Moscow"))
    with django_assert_max_num_queries(12):
        html = admin_client.get(
            reverse("admin:journal_callforpapers_changelist")
        ).content.decode()
    assert "5 November 2023, 00:00 (Asia/Almaty)" in html


def test_role_list_query_count_does_not_grow_with_rows(
    admin_client, django_assert_max_num_queries
):
    journal = JournalFactory()
    for _ in range(8):
        RoleFactory(journal=journal, role=Role.REVIEWER)
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("admin:journal_journalrole_changelist"))
    assert response.status_code == 200


def test_journal_admin_refuses_a_bad_issn(admin_client):
    response = admin_client.post(
        reverse("admin:journal_journal_add"),
        {
            "title": "Bad ISSN Journal",
            "abbreviation": "BIJ",
            "slug": "bij",
            "is_active": "on",
            "issn_online": "2049-3631",
            "publisher": "Hub",
            "default_licence": "cc-by-4.0",
            "review_method": "double-anonymous",
            "languages": '["en"]',
            "timezone": "Asia/Almaty",
            "sections-TOTAL_FORMS": "0",
            "sections-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "wrong check digit" in response.content.decode()


def test_email_templates_list_shows_journal_and_language(admin_client):
    journal = JournalFactory(title="Civil Service Review")
    EmailTemplate.objects.create(
        journal=journal,
        key="submission_received",
        language="ru",
        subject="Рукопись получена",
        body="...",
    )
    SectionFactory(journal=journal)
    html = admin_client.get(
        reverse("admin:journal_emailtemplate_changelist")
    ).content.decode()
    assert "submission_received" in html
    assert "Civil Service Review" in html


def test_an_orcid_id_changed_in_the_admin_is_no_longer_confirmed(admin_client):
    person = UserFactory(orcid="0000-0002-1825-0097", orcid_authenticated=True)
    url = reverse("admin:journal_user_change", args=[person.pk])
    page = admin_client.get(url)
    assert "Confirmed by ORCID" in page.content.decode()
    data = {
        name: value
        for name, value in page.context["adminform"].form.initial.items()
        if value is not None and name not in ("groups", "user_permissions")
    }
    data |= {"journal_roles-TOTAL_FORMS": "0", "journal_roles-INITIAL_FORMS": "0"}

    data["orcid"] = "0000-0001-5109-3700"
    assert admin_client.post(url, data).status_code == 302

    person.refresh_from_db()
    assert (person.orcid, person.orcid_authenticated) == ("0000-0001-5109-3700", False)
