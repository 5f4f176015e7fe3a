"""The dashboard shows each person the cards for what they can do."""

import re

import pytest
from django.utils import timezone

from journal.models import Role
from tests.factories import CallFactory, JournalFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def cards(html: str) -> list[str]:
    return re.findall(r'data-card="([a-z-]+)"', html)


def test_dashboard_needs_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_author_sees_submissions_start_and_review_queue_but_no_journal_office(client):
    journal = JournalFactory(slug="ijcsr", abbreviation="IJCSRP")
    author = RoleFactory(journal=journal, role=Role.AUTHOR).user
    client.force_login(author)

    html = client.get("/dashboard/").content.decode()

    assert cards(html) == ["my-submissions", "start-submission", "review-queue"]
    assert 'href="/submissions/"' in html
    assert 'href="/j/ijcsr/submit/"' in html
    assert "Submit to IJCSRP" in html
    assert 'href="/reviews/"' in html
    assert "/editorial/" not in html
    assert "/production/" not in html
    assert "two-factor" not in html


def test_start_a_submission_lists_every_active_journal_only(client):
    JournalFactory(slug="first")
    JournalFactory(slug="second")
    JournalFactory(slug="closed", is_active=False)
    client.force_login(UserFactory())

    html = client.get("/dashboard/").content.decode()

    assert 'href="/j/first/submit/"' in html
    assert 'href="/j/second/submit/"' in html
    assert "/j/closed/" not in html


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MANAGER])
def test_editor_and_manager_see_the_editorial_office_and_production(client, role):
    journal = JournalFactory(slug="ijcsr")
    person = RoleFactory(journal=journal, role=role).user
    client.force_login(person)

    html = client.get("/dashboard/").content.decode()

    assert "editorial-office" in cards(html)
    assert "production" in cards(html)
    assert 'href="/j/ijcsr/editorial/"' in html
    assert 'href="/j/ijcsr/production/"' in html


def test_section_editor_sees_the_editorial_office_but_not_production(client):
    journal = JournalFactory(slug="ijcsr")
    client.force_login(RoleFactory(journal=journal, role=Role.SECTION_EDITOR).user)

    found = cards(client.get("/dashboard/").content.decode())

    assert "editorial-office" in found
    assert "production" not in found


def test_production_editor_sees_production_but_not_the_editorial_office(client):
    journal = JournalFactory(slug="ijcsr")
    client.force_login(RoleFactory(journal=journal, role=Role.PRODUCTION_EDITOR).user)

    html = client.get("/dashboard/").content.decode()

    assert "production" in cards(html)
    assert "editorial-office" not in cards(html)
    assert 'href="/j/ijcsr/production/"' in html


def test_editor_of_one_journal_gets_no_office_for_another(client):
    mine = JournalFactory(slug="mine")
    JournalFactory(slug="theirs")
    client.force_login(RoleFactory(journal=mine, role=Role.EDITOR).user)

    html = client.get("/dashboard/").content.decode()

    assert 'href="/j/mine/editorial/"' in html
    assert "/j/theirs/editorial/" not in html
    assert "/j/theirs/production/" not in html


def test_superuser_sees_the_office_of_every_active_journal(client):
    JournalFactory(slug="one")
    JournalFactory(slug="two")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    html = client.get("/dashboard/").content.decode()

    assert 'href="/j/one/editorial/"' in html
    assert 'href="/j/two/editorial/"' in html


def test_open_calls_are_listed_with_the_deadline_in_the_journals_time(client):
    journal = JournalFactory(timezone="Asia/Almaty")
    CallFactory(
        journal=journal,
        title="Digital public services",
        deadline=timezone.now() + timezone.timedelta(days=10),
    )
    CallFactory(
        journal=journal,
        title="Closed call",
        deadline=timezone.now() - timezone.timedelta(days=1),
    )
    client.force_login(UserFactory())

    html = client.get("/dashboard/").content.decode()

    assert "Digital public services" in html
    assert "(Asia/Almaty)" in html
    assert "Closed call" not in html


def test_dashboard_query_count_does_not_grow_with_journals(
    client, django_assert_max_num_queries
):
    person = UserFactory()
    journal = JournalFactory()
    RoleFactory(journal=journal, user=person, role=Role.EDITOR)
    CallFactory(journal=journal)
    client.force_login(person)
    # One of them lists the person's unanswered review invitations.
    with django_assert_max_num_queries(7):
        client.get("/dashboard/")

    for _ in range(6):
        journal = JournalFactory()
        RoleFactory(journal=journal, user=person, role=Role.EDITOR)
        RoleFactory(journal=journal, user=person, role=Role.PRODUCTION_EDITOR)
        CallFactory(journal=journal)
    with django_assert_max_num_queries(7):
        response = client.get("/dashboard/")
    assert cards(response.content.decode()).count("editorial-office") == 7


def test_dashboard_renders_with_the_sites_own_pages(client):
    journal = JournalFactory()
    client.force_login(RoleFactory(journal=journal, role=Role.EDITOR).user)
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert "my-submissions" in cards(response.content.decode())
