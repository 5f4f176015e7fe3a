"""Who may prepare, schedule and publish issues and manage published articles:
section editors only within their sections, production editors prepare and
schedule, editors and managers publish (publishing/issues/rules.py)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import Role
from publishing.issues.services import issues_publish_due
from publishing.models import ArticleStatus, IssueState
from tests.factories import JournalFactory, RoleFactory, SectionFactory, UserFactory
from tests.publishing.factories import (
    IssueFactory,
    PublishedArticleFactory,
    ready_issue,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def journal():
    return JournalFactory(slug="ijcsr")


def section_editor_for(journal, *sections):
    role = RoleFactory(journal=journal, role=Role.SECTION_EDITOR)
    role.sections.set(sections)
    return role.user


def production_editor_of(journal):
    return RoleFactory(journal=journal, role=Role.PRODUCTION_EDITOR).user


def test_section_editor_cannot_retract_an_article_outside_their_sections(
    client, journal
):
    first, second, third = (SectionFactory(journal=journal) for _ in range(3))
    article = PublishedArticleFactory(
        submission__journal=journal, submission__section=first
    )
    client.force_login(section_editor_for(journal, second, third))

    response = client.post(
        reverse("publishing:editor_article_retract", args=[journal.slug, article.pk]),
        {"notice": "Duplicate publication."},
    )

    assert response.status_code == 404
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    page = client.get(
        reverse("publishing:editor_article", args=[journal.slug, article.pk])
    )
    assert page.status_code == 404


def test_section_editor_retracts_an_article_in_their_own_section(client, journal):
    mine = SectionFactory(journal=journal)
    article = PublishedArticleFactory(
        submission__journal=journal, submission__section=mine
    )
    client.force_login(section_editor_for(journal, mine))

    client.post(
        reverse("publishing:editor_article_retract", args=[journal.slug, article.pk]),
        {"notice": "Duplicate publication."},
    )

    article.refresh_from_db()
    assert article.status == ArticleStatus.RETRACTED


def test_issues_and_publishing_settings_are_not_a_section_editors(client, journal):
    issue = IssueFactory(journal=journal)
    client.force_login(section_editor_for(journal, SectionFactory(journal=journal)))

    for name, args in [
        ("publishing:editor_issues", [journal.slug]),
        ("publishing:editor_issue", [journal.slug, issue.pk]),
        ("publishing:editor_publishing_settings", [journal.slug]),
        ("stats:usage", [journal.slug]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    menu = client.get(reverse("submissions:editor_dashboard", args=[journal.slug]))
    assert menu.status_code == 200
    assert reverse("publishing:editor_issues", args=[journal.slug]) not in (
        menu.content.decode()
    )


def test_production_editor_prepares_and_schedules_but_does_not_publish(client, journal):
    issue, _articles, _editor = ready_issue(journal)
    client.force_login(production_editor_of(journal))

    assert (
        client.get(
            reverse("publishing:editor_issue", args=[journal.slug, issue.pk])
        ).status_code
        == 200
    )
    client.post(
        reverse("publishing:editor_issue_schedule", args=[journal.slug, issue.pk]),
        {"when": "2030-01-15T09:00"},
    )
    issue.refresh_from_db()
    assert issue.state == IssueState.SCHEDULED

    response = client.post(
        reverse("publishing:editor_issue_publish", args=[journal.slug, issue.pk])
    )
    assert response.status_code == 404
    issue.refresh_from_db()
    assert issue.state == IssueState.SCHEDULED


def test_an_issue_a_production_editor_scheduled_publishes_when_due(client, journal):
    issue, articles, _editor = ready_issue(journal)
    client.force_login(production_editor_of(journal))
    when = timezone.now() + dt.timedelta(hours=1)
    client.post(
        reverse("publishing:editor_issue_schedule", args=[journal.slug, issue.pk]),
        {"when": when.astimezone(journal.tz).strftime("%Y-%m-%dT%H:%M")},
    )

    published = issues_publish_due(now=when + dt.timedelta(minutes=5))

    assert published == [issue.pk]
    for article in articles:
        article.refresh_from_db()
        assert article.status == ArticleStatus.PUBLISHED


def test_editor_publishes_the_issue(client, journal):
    issue, _articles, editor = ready_issue(journal)
    client.force_login(editor)

    client.post(
        reverse("publishing:editor_issue_publish", args=[journal.slug, issue.pk])
    )

    issue.refresh_from_db()
    assert issue.state == IssueState.PUBLISHED


def test_someone_without_a_role_gets_404_on_every_issue_page(client, journal):
    issue = IssueFactory(journal=journal)
    client.force_login(UserFactory())
    assert (
        client.get(
            reverse("publishing:editor_issue", args=[journal.slug, issue.pk])
        ).status_code
        == 404
    )
