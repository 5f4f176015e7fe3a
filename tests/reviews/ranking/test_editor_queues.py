from datetime import timedelta

import pytest
from django.utils import timezone

from reviews.models import AssignmentState
from tests.factories import (
    JournalFactory,
    ReviewAssignmentFactory,
    ReviewRoundFactory,
    SubmissionFactory,
    UserFactory,
    editor_of,
)

pytestmark = pytest.mark.django_db


def _url(journal):
    return f"/editorial/journals/{journal.slug}/queues/"


def _queues(response):
    return {q.key: q for q in response.context["queues"]}


def test_each_submission_lands_in_the_queue_that_needs_the_editor(client):
    journal = JournalFactory()
    editor = editor_of(journal)
    now = timezone.now()

    no_reviewers = SubmissionFactory(journal=journal, state="under-review")
    ReviewRoundFactory(submission=no_reviewers)
    awaiting = SubmissionFactory(journal=journal, state="under-review")
    rnd = ReviewRoundFactory(submission=awaiting)
    ReviewAssignmentFactory(round=rnd, invited_at=now - timedelta(days=3))
    ReviewAssignmentFactory(round=rnd, state=AssignmentState.ACCEPTED)
    late = SubmissionFactory(journal=journal, state="under-review")
    rnd = ReviewRoundFactory(submission=late)
    ReviewAssignmentFactory(
        round=rnd, state=AssignmentState.ACCEPTED, due_at=now - timedelta(days=4)
    )
    ReviewAssignmentFactory(round=rnd, state=AssignmentState.SUBMITTED)
    ready = SubmissionFactory(journal=journal, state="under-review")
    rnd = ReviewRoundFactory(submission=ready)
    for _ in range(2):
        ReviewAssignmentFactory(
            round=rnd, state=AssignmentState.SUBMITTED, submitted_at=now
        )
    revised = SubmissionFactory(journal=journal, state="resubmitted")
    client.force_login(editor)

    response = client.get(_url(journal))

    queues = _queues(response)
    assert [i.submission for i in queues["needs_reviewers"].items] == [no_reviewers]
    assert [i.submission for i in queues["awaiting"].items] == [awaiting]
    assert queues["awaiting"].items[0].age_days == 3
    assert [i.submission for i in queues["overdue"].items] == [late]
    assert queues["overdue"].items[0].age_days == 4
    assert [i.submission for i in queues["ready"].items] == [ready]
    assert [i.submission for i in queues["revisions"].items] == [revised]


def test_stalled_submissions_are_flagged_on_the_queues_page(client):
    journal = JournalFactory()
    editor = editor_of(journal)
    old = SubmissionFactory(
        journal=journal, state="submitted", title={"en": "Forgotten"}
    )
    type(old).objects.filter(pk=old.pk).update(
        state_changed_at=timezone.now() - timedelta(days=30)
    )
    SubmissionFactory(journal=journal, state="submitted", title={"en": "Fresh"})
    client.force_login(editor)

    response = client.get(_url(journal))

    assert [s.pk for s in response.context["stalled"]] == [old.pk]


def test_queues_page_with_200_submissions_runs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    journal = JournalFactory()
    editor = editor_of(journal)
    client.force_login(editor)
    states = [
        AssignmentState.INVITED,
        AssignmentState.ACCEPTED,
        AssignmentState.SUBMITTED,
    ]
    for i in range(200):
        submission = SubmissionFactory(
            journal=journal,
            state="resubmitted" if i % 10 == 0 else "under-review",
            with_manuscript=False,
        )
        if i % 10:
            rnd = ReviewRoundFactory(submission=submission)
            ReviewAssignmentFactory(round=rnd, state=states[i % 3])

    with django_assert_max_num_queries(20):
        response = client.get(_url(journal))

    queues = _queues(response)
    assert queues["revisions"].count == 20
    assert sum(q.count for q in queues.values()) >= 200


def test_queues_page_is_not_found_for_non_editors(client):
    journal = JournalFactory()
    client.force_login(UserFactory())
    assert client.get(_url(journal)).status_code == 404
