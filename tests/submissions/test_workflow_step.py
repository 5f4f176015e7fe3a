"""The submission page says where the manuscript stands: the current step, who
it waits on, and the next action (with a link when it is done elsewhere)."""

import pytest
from django.urls import reverse

from submissions.models import State
from tests.factories import SubmissionFactory, editor_of
from tests.reviews.factories import AssignmentFactory, RoundFactory

pytestmark = pytest.mark.django_db


def test_editor_sees_the_step_who_it_waits_on_and_where_to_go(client):
    submission = SubmissionFactory(state=State.UNDER_REVIEW)
    review_round = RoundFactory(submission=submission)
    AssignmentFactory(round=review_round)
    client.force_login(editor_of(submission.journal))

    page = client.get(reverse("submissions:editor_detail", args=[submission.pk])).text

    assert "data-workflow-step" in page
    assert "Peer review" in page and "The reviewers, then the editor" in page
    assert "Round 1: 1 invited, not answered" in page
    go = reverse("reviews:manage", args=[submission.pk])
    assert f'href="{go}" data-next-action' in page


def test_ready_manuscript_points_the_editor_to_the_issues(client):
    submission = SubmissionFactory(state=State.READY_FOR_PUBLICATION)
    client.force_login(editor_of(submission.journal))

    page = client.get(reverse("submissions:editor_detail", args=[submission.pk])).text

    issues = reverse("publishing:editor_issues", args=[submission.journal.slug])
    assert f'href="{issues}" data-next-action' in page


def test_author_sees_what_they_wait_for_and_what_to_do(client):
    submission = SubmissionFactory(state=State.REVISIONS_REQUESTED)
    client.force_login(submission.submitter)

    page = client.get(reverse("submissions:detail", args=[submission.pk])).text

    assert "data-workflow-step" in page
    assert "revise the manuscript and resubmit it" in page
    assert "data-next-action" not in page
