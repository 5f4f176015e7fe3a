import csv
import datetime as dt
import io

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from journal.models import Role
from reviews.models import AssignmentState
from submissions.models import State
from tests.factories import (
    JournalFactory,
    ReviewAssignmentFactory,
    ReviewRoundFactory,
    RoleFactory,
    SectionFactory,
    SubmissionFactory,
    UserFactory,
    editor_of,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 15, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _days_ago(n):
    return NOW - dt.timedelta(days=n)


def _assignment(
    journal, reviewer, state, *, invited, responded=None, submitted=None, due
):
    round_ = ReviewRoundFactory(
        submission=SubmissionFactory(journal=journal, state=State.UNDER_REVIEW)
    )
    return ReviewAssignmentFactory(
        round=round_,
        reviewer=reviewer,
        state=state,
        invited_at=_days_ago(invited),
        responded_at=_days_ago(responded) if responded is not None else None,
        submitted_at=_days_ago(submitted) if submitted is not None else None,
        due_at=_days_ago(due),
    )


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def journal():
    journal = JournalFactory()
    policy = SectionFactory(journal=journal, title="Policy papers", order=1)
    cases = SectionFactory(journal=journal, title="Case studies", order=2)
    for state in (State.SUBMITTED, State.SUBMITTED, State.ACCEPTED):
        SubmissionFactory(journal=journal, section=policy, state=state)
    SubmissionFactory(journal=journal, section=cases, state=State.REJECTED)
    SubmissionFactory(journal=journal, section=cases)  # a draft: left out
    return journal


@pytest.fixture
def reviewers(journal):
    ana = UserFactory(given_name="Ana", family_name="Beridze")
    bek = UserFactory(given_name="Bek", family_name="Omarov")
    _assignment(
        journal,
        ana,
        AssignmentState.SUBMITTED,
        invited=30,
        responded=28,
        submitted=10,
        due=5,
    )
    _assignment(
        journal,
        ana,
        AssignmentState.SUBMITTED,
        invited=20,
        responded=16,
        submitted=6,
        due=1,
    )
    late = _assignment(
        journal, bek, AssignmentState.ACCEPTED, invited=40, responded=39, due=3
    )
    silent = _assignment(journal, bek, AssignmentState.INVITED, invited=30, due=9)
    _assignment(
        journal, bek, AssignmentState.DECLINED, invited=10, responded=9, due=-10
    )
    _assignment(journal, bek, AssignmentState.ACCEPTED, invited=2, responded=1, due=-20)
    return {"ana": ana, "bek": bek, "late": late, "silent": silent}


def test_manager_sees_submissions_by_state_and_section(client, journal):
    client.force_login(editor_of(journal, role=Role.MANAGER))
    response = client.get(reverse("stats:reports", args=[journal.slug]))
    assert response.status_code == 200
    data = response.context["by_state"]
    assert [s.value for s in data.states] == ["submitted", "accepted", "rejected"]
    assert data.rows[0] == ("Policy papers", [2, 1, 0], 3)
    assert data.rows[1] == ("Case studies", [0, 0, 1], 1)
    assert data.total == 4
    page = response.content.decode()
    assert 'data-total="submissions">4<' in page
    assert "<svg" in page


def test_russian_reader_sees_section_titles_in_russian(client, journal):
    journal.sections.filter(title="Policy papers").update(
        title_translations={"ru": "Аналитические записки"}
    )
    client.force_login(editor_of(journal, role=Role.MANAGER))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = client.get(reverse("stats:reports", args=[journal.slug]))
    titles = [title for title, _values, _total in response.context["by_state"].rows]
    assert titles == ["Аналитические записки", "Case studies"]


def test_reviewer_turnaround_and_overdue_reviews(client, journal, reviewers):
    client.force_login(editor_of(journal))
    response = client.get(reverse("stats:reports", args=[journal.slug]))
    rows = {p.name: p for p in response.context["turnaround"]["reviewers"]}
    ana, bek = rows["Ana Beridze"], rows["Bek Omarov"]
    assert (ana.invited, ana.completed, ana.overdue) == (2, 2, 0)
    assert ana.median_response_days == 3.0  # 2 and 4 days
    assert ana.median_review_days == 17.0  # 20 and 14 days
    assert (bek.invited, bek.accepted, bek.declined, bek.overdue) == (4, 2, 1, 2)
    overall = response.context["turnaround"]["overall"]
    assert overall.invited == 6 and overall.completed == 2
    overdue = response.context["overdue"]
    assert [o.assignment_id for o in overdue] == [
        reviewers["silent"].pk,
        reviewers["late"].pk,
    ]
    assert overdue[0].days_overdue == 9
    assert "Bek Omarov" in response.content.decode()


def _export(journal, name):
    return reverse("stats:report_export", args=[journal.slug, name])


def test_submissions_report_exports_as_csv(client, journal):
    client.force_login(editor_of(journal))
    submissions = _csv(client.get(_export(journal, "submissions")))
    assert submissions[0] == ["Section", "submitted", "accepted", "rejected", "Total"]
    assert submissions[1] == ["Policy papers", "2", "1", "0", "3"]
    assert submissions[-1] == ["Total", "2", "1", "1", "4"]
    assert client.get(_export(journal, "other")).status_code == 404


def test_reviewer_reports_export_as_csv(client, journal, reviewers):
    client.force_login(editor_of(journal))

    def url(name):
        return _export(journal, name)

    people = _csv(client.get(url("reviewers")))
    assert people[0][0] == "Reviewer"
    bek = next(r for r in people if r[0] == "Bek Omarov")
    assert bek[2:7] == ["4", "2", "1", "0", "2"]
    overdue = _csv(client.get(url("overdue")))
    assert [r[6] for r in overdue[1:]] == ["9", "3"]


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.REVIEWER, Role.SECTION_EDITOR])
def test_reports_are_for_managers_and_editors_only(client, journal, role):
    user = UserFactory()
    RoleFactory(journal=journal, user=user, role=role)
    client.force_login(user)
    assert client.get(reverse("stats:reports", args=[journal.slug])).status_code == 404
    export = reverse("stats:report_export", args=[journal.slug, "reviewers"])
    assert client.get(export).status_code == 404


def test_visitors_are_asked_to_sign_in_for_reports(client, journal):
    response = client.get(reverse("stats:reports", args=[journal.slug]))
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def _journal_with(n: int):
    journal = JournalFactory()
    section = SectionFactory(journal=journal)
    for i in range(n):
        SubmissionFactory(journal=journal, section=section, state=State.SUBMITTED)
        _assignment(
            journal,
            UserFactory(),
            AssignmentState.ACCEPTED if i % 2 else AssignmentState.SUBMITTED,
            invited=30,
            responded=25,
            submitted=None if i % 2 else 5,
            due=2,
        )
    return journal


def test_report_queries_do_not_grow_with_submissions(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (5, 50):
        journal = _journal_with(n)
        client.force_login(editor_of(journal))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("stats:reports", args=[journal.slug]))
        assert response.status_code == 200
        assert len(response.context["overdue"]) == n // 2
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert counts[0] <= 12
