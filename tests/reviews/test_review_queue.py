"""The reviewer's queue: what is waiting, in progress and done; bounded queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import AssignmentState, Review, ReviewAssignment, ReviewRound
from submissions.models import State, Submission
from tests.factories import JournalFactory, SectionFactory, UserFactory
from tests.reviews.factories import AssignmentFactory, ReviewFactory, RoundFactory

pytestmark = pytest.mark.django_db


def _many(reviewer, count):
    journal = JournalFactory()
    section = SectionFactory(journal=journal, title="Policy Notes")
    author = UserFactory()
    submissions = Submission.objects.bulk_create(
        Submission(
            journal=journal,
            section=section,
            submitter=author,
            title={"en": f"Paper {i}"},
        )
        for i in range(count)
    )
    Submission.objects.filter(pk__in=[s.pk for s in submissions]).update(
        state=State.UNDER_REVIEW
    )
    rounds = ReviewRound.objects.bulk_create(
        ReviewRound(submission=s, number=1) for s in submissions
    )
    states = [
        AssignmentState.INVITED,
        AssignmentState.ACCEPTED,
        AssignmentState.SUBMITTED,
    ]
    now = timezone.now()
    assignments = ReviewAssignment.objects.bulk_create(
        ReviewAssignment(
            round=r,
            submission_id=r.submission_id,
            reviewer=reviewer,
            state=states[i % 3],
            due_at=now + datetime.timedelta(days=i - count // 2),
            submitted_at=now if states[i % 3] == AssignmentState.SUBMITTED else None,
        )
        for i, r in enumerate(rounds)
    )
    Review.objects.bulk_create(
        Review(assignment=a, is_draft=a.state != AssignmentState.SUBMITTED)
        for a in assignments
        if a.state != AssignmentState.INVITED
    )


def test_queue_query_count_does_not_grow_with_assignments(
    client, django_assert_max_num_queries
):
    reviewer = UserFactory()
    _many(reviewer, 10)
    client.force_login(reviewer)
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("reviews:queue"))
    _many(reviewer, 190)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("reviews:queue"))
    assert response.status_code == 200
    groups = response.context["groups"]
    assert sum(len(g) for g in groups.values()) == 200
    assert response.content.count(b"Policy Notes") >= 200


def test_queue_groups_invitations_work_in_progress_and_completed(client):
    reviewer = UserFactory()
    invited = AssignmentFactory(reviewer=reviewer)
    late = AssignmentFactory(
        reviewer=reviewer,
        state=AssignmentState.ACCEPTED,
        due_at=timezone.now() - datetime.timedelta(days=2),
    )
    done = ReviewFactory(assignment__reviewer=reviewer).assignment
    AssignmentFactory(reviewer=reviewer, state=AssignmentState.CANCELLED)
    AssignmentFactory(state=AssignmentState.ACCEPTED)  # someone else's
    client.force_login(reviewer)
    response = client.get(reverse("reviews:queue"))
    groups = response.context["groups"]
    assert groups["invited"] == [invited]
    assert groups["in_progress"] == [late]
    assert groups["completed"] == [done]
    assert b"Overdue" in response.content


def test_due_dates_show_in_the_journals_time_zone(client):
    reviewer = UserFactory()
    review_round = RoundFactory(
        submission__journal=JournalFactory(timezone="Asia/Almaty")
    )
    # 20:00 UTC on 1 March is already 2 March in Almaty (UTC+5).
    AssignmentFactory(
        reviewer=reviewer,
        round=review_round,
        state=AssignmentState.ACCEPTED,
        due_at=datetime.datetime(2099, 3, 1, 20, 0, tzinfo=datetime.UTC),
    )
    client.force_login(reviewer)
    assert b"2 March 2099" in client.get(reverse("reviews:queue")).content


def test_reviewer_cannot_open_someone_elses_review(client):
    theirs = AssignmentFactory(state=AssignmentState.ACCEPTED)
    client.force_login(UserFactory())
    for name in ("reviews:review", "reviews:respond"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    url = reverse("reviews:download", args=[theirs.pk, "manuscript"])
    assert client.get(url).status_code == 404
