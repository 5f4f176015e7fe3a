import pytest
from django.urls import reverse

from publishing.models import Issue, IssueState, Volume
from submissions.models import State
from tests.factories import CallFactory, JournalFactory, UserFactory, editor_of
from tests.publishing.factories import ArticleFactory, IssueFactory, ready_issue

pytestmark = pytest.mark.django_db


def _url(name, journal, *args):
    return reverse(f"publishing:{name}", args=[journal.slug, *args])


def test_people_who_do_not_edit_the_journal_get_not_found(client):
    journal = JournalFactory()
    issue = IssueFactory(journal=journal)
    client.force_login(UserFactory())
    assert client.get(_url("editor_issues", journal)).status_code == 404
    assert client.get(_url("editor_issue", journal, issue.pk)).status_code == 404
    response = client.post(_url("editor_issue_publish", journal, issue.pk))
    assert response.status_code == 404


def test_editor_creates_a_volume_and_a_special_issue_with_a_call(client):
    journal = JournalFactory()
    call = CallFactory(journal=journal)
    client.force_login(editor_of(journal))
    client.post(
        _url("editor_volume_new", journal), {"number": 3, "year": 2026, "title": ""}
    )
    volume = Volume.objects.get(journal=journal)
    client.post(
        _url("editor_issue_new", journal),
        {
            "volume": volume.pk,
            "number": "1",
            "year": 2026,
            "title": "Merit in Central Asia",
            "description": "",
            "is_special": "on",
            "guest_editors": "A. Example, B. Example",
            "call": call.pk,
        },
    )
    issue = Issue.objects.get(journal=journal)
    assert issue.title == "Merit in Central Asia"
    assert issue.is_special and issue.guest_editors == "A. Example, B. Example"
    assert issue.call == call
    assert issue.state == IssueState.DRAFT


def test_a_duplicate_volume_number_is_refused_with_a_message(client):
    journal = JournalFactory()
    Volume.objects.create(journal=journal, number=1, year=2025)
    client.force_login(editor_of(journal))
    response = client.post(
        _url("editor_volume_new", journal), {"number": 1, "year": 2026}
    )
    assert "already has a volume" in response.content.decode()
    assert Volume.objects.filter(journal=journal).count() == 1


def test_editor_assigns_orders_and_paginates_articles(client):
    issue, articles, editor = ready_issue(articles=2)
    journal = issue.journal
    waiting = ArticleFactory(submission__journal=journal)
    not_ready = ArticleFactory(
        submission__journal=journal, submission__state=State.IN_PRODUCTION
    )
    client.force_login(editor)

    page = client.get(_url("editor_issue", journal, issue.pk)).content.decode()
    assert waiting.submission.display_title in page

    client.post(_url("editor_issue_assign", journal, issue.pk), {"article": waiting.pk})
    response = client.post(
        _url("editor_issue_assign", journal, issue.pk),
        {"article": not_ready.pk},
        follow=True,
    )
    assert "Only articles ready for publication" in response.content.decode()
    waiting.refresh_from_db()
    not_ready.refresh_from_db()
    assert waiting.issue == issue and waiting.order == 3
    assert not_ready.issue is None

    client.post(_url("editor_issue_move", journal, issue.pk, waiting.pk, "up"))
    order = list(issue.articles.order_by("order").values_list("pk", flat=True))
    assert order == [articles[0].pk, waiting.pk, articles[1].pk]

    client.post(
        _url("editor_issue_pages", journal, issue.pk, waiting.pk),
        {
            f"a{waiting.pk}-first_page": "21",
            f"a{waiting.pk}-last_page": "40",
            f"a{waiting.pk}-elocation_id": "",
        },
    )
    waiting.refresh_from_db()
    assert (waiting.first_page, waiting.last_page) == ("21", "40")

    response = client.post(
        _url("editor_issue_pages", journal, issue.pk, waiting.pk),
        {
            f"a{waiting.pk}-first_page": "21",
            f"a{waiting.pk}-last_page": "",
            f"a{waiting.pk}-elocation_id": "e7",
        },
        follow=True,
    )
    assert "either a page range or an article number" in response.content.decode()


def test_editor_publishes_the_issue_from_its_page(client):
    issue, articles, editor = ready_issue(articles=2)
    client.force_login(editor)
    client.post(_url("editor_issue_publish", issue.journal, issue.pk))
    issue.refresh_from_db()
    assert issue.state == IssueState.PUBLISHED
    response = client.get(
        reverse("publishing:issue", args=[issue.journal.slug, issue.pk])
    )
    assert response.status_code == 200


def test_editor_schedules_in_the_journals_time_zone(client):
    issue, _articles, editor = ready_issue(articles=1)
    client.force_login(editor)
    client.post(
        _url("editor_issue_schedule", issue.journal, issue.pk),
        {"when": "2099-01-10T09:00"},
    )
    issue.refresh_from_db()
    assert issue.state == IssueState.SCHEDULED
    # 09:00 in Almaty (UTC+5) is 04:00 UTC.
    assert issue.scheduled_for.isoformat() == "2099-01-10T04:00:00+00:00"
    assert issue.scheduled_by == editor


def test_issue_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    journal = JournalFactory()
    editor = editor_of(journal)
    for _i in range(6):
        ready_issue(journal, articles=2)
    client.force_login(editor)
    with django_assert_max_num_queries(10):
        assert client.get(_url("editor_issues", journal)).status_code == 200


def test_editor_issue_page_query_count_does_not_grow(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small, _a, editor = ready_issue(articles=1)
    large, _b, _e = ready_issue(small.journal, articles=8)
    client.force_login(editor)
    counts = []
    for issue in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            assert (
                client.get(_url("editor_issue", issue.journal, issue.pk)).status_code
                == 200
            )
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_editor_sets_the_doi_pattern_and_a_bad_one_is_refused(client):
    from publishing.models import JournalPublishingSettings

    journal = JournalFactory()
    client.force_login(editor_of(journal))
    url = _url("editor_publishing_settings", journal)
    response = client.post(
        url,
        {"article_doi_pattern": "{prefix}/{journal}.{oops}", "issue_doi_pattern": ""},
    )
    assert "Unknown placeholders" in response.content.decode()
    assert JournalPublishingSettings.objects.get(
        journal=journal
    ).article_doi_pattern != ("{prefix}/{journal}.{oops}")
    client.post(
        url,
        {
            "article_doi_pattern": "{prefix}/{journal}.{year}.{article_id}",
            "issue_doi_pattern": "",
            "depositor_name": "Hub",
            "depositor_email": "doi@hub.example.org",
        },
    )
    row = JournalPublishingSettings.objects.get(journal=journal)
    assert row.article_doi_pattern == "{prefix}/{journal}.{year}.{article_id}"
    assert row.issue_doi_pattern == ""
