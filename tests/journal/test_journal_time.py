"""Every date and time a person sees, on pages and in emails, is in the
journal's time zone (Asia/Almaty, UTC+5, here), in one format per language,
with the zone's name wherever a time of day is shown."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from publishing.models import IssueState
from reviews.services import review_invite, round_open
from submissions.models import State, SubmissionEvent
from tests.factories import (
    CallFactory,
    JournalFactory,
    RoleFactory,
    SubmissionFactory,
    UserFactory,
    editor_of,
)
from tests.publishing.factories import IssueFactory

pytestmark = pytest.mark.django_db

# 19:00 UTC on 4 April is midnight, 5 April, in Almaty.
DEADLINE = dt.datetime(2026, 4, 4, 19, 0, tzinfo=dt.UTC)
LOCAL_DEADLINE = "5 April 2026, 00:00 (Asia/Almaty)"


@pytest.fixture
def journal():
    return JournalFactory(slug="ijcsr", timezone="Asia/Almaty")


def _russian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    return client


def test_a_calls_deadline_reads_the_same_on_the_home_page_and_the_dashboard(
    client, journal, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    CallFactory(journal=journal, deadline=DEADLINE, title="Remote work")
    client.force_login(UserFactory())

    home = client.get(reverse("publishing:journal_home", args=[journal.slug])).text
    dashboard = client.get(reverse("journal:dashboard")).text

    for page in (home, dashboard):
        assert LOCAL_DEADLINE in page
        assert "4 April" not in page
        assert "19:00" not in page
    russian = _russian(client).get(reverse("journal:dashboard")).text
    assert "5 апреля 2026, 00:00 (Asia/Almaty)" in russian


def test_the_editors_history_shows_local_times_with_the_zone(client, journal):
    submission = SubmissionFactory(journal=journal, state=State.SUBMITTED)
    event = SubmissionEvent.objects.create(
        submission=submission,
        transition="submit",
        from_state=State.DRAFT,
        to_state=State.SUBMITTED,
    )
    SubmissionEvent.objects.filter(pk=event.pk).update(created_at=DEADLINE)
    client.force_login(editor_of(journal))

    page = client.get(reverse("submissions:editor_detail", args=[submission.pk])).text

    assert LOCAL_DEADLINE in page


def test_a_scheduled_issue_shows_its_local_time(client, journal):
    issue = IssueFactory(
        journal=journal, state=IssueState.SCHEDULED, scheduled_for=DEADLINE
    )
    client.force_login(editor_of(journal))

    detail = client.get(
        reverse("publishing:editor_issue", args=[journal.slug, issue.pk])
    ).text
    listing = client.get(reverse("publishing:editor_issues", args=[journal.slug])).text

    assert LOCAL_DEADLINE in detail
    assert LOCAL_DEADLINE in listing


def test_the_review_invitation_states_the_local_due_date(
    journal, django_capture_on_commit_callbacks
):
    from journal.models import ReviewMethod

    # Single-anonymous: no reviewer's copy is needed before inviting.
    journal.review_method = ReviewMethod.SINGLE_ANONYMOUS
    journal.save(update_fields=["review_method"])
    submission = SubmissionFactory(journal=journal, state=State.SUBMITTED)
    editor = editor_of(journal)
    reviewer = RoleFactory(journal=journal, role="reviewer").user
    review_round = round_open(submission=submission, actor=editor)

    with django_capture_on_commit_callbacks(execute=True):
        review_invite(
            round=review_round,
            actor=editor,
            reviewer=reviewer,
            due=dt.date(2099, 4, 5),
        )

    (message,) = [m for m in mail.outbox if reviewer.email in m.to]
    assert "5 April 2099" in message.body


def test_the_reviewers_queue_shows_the_local_due_date(client, journal):
    from reviews.models import AssignmentState
    from tests.reviews.factories import AssignmentFactory, RoundFactory

    reviewer = UserFactory()
    AssignmentFactory(
        reviewer=reviewer,
        round=RoundFactory(submission__journal=journal),
        state=AssignmentState.ACCEPTED,
        due_at=DEADLINE,
    )
    client.force_login(reviewer)

    page = client.get(reverse("reviews:queue")).text

    assert "5 April 2026" in page
    assert "4 April" not in page
