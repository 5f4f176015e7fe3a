import pytest

from reviews.models import AssignmentState
from reviews.ranking import decision_queue
from tests.factories import (
    CallFactory,
    JournalFactory,
    ReviewAssignmentFactory,
    ReviewCriterionFactory,
    ReviewFactory,
    ReviewFormFactory,
    ReviewRoundFactory,
    SubmissionFactory,
    UserFactory,
    editor_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def journal():
    return JournalFactory()


@pytest.fixture
def criterion(journal):
    form = ReviewFormFactory(journal=journal)
    return ReviewCriterionFactory(form=form, scale_min=1, scale_max=5)


def reviewed(
    journal, criterion, scores, *, call=None, open_assignment=False, title="S"
):
    """A submission under review whose round holds one submitted review per
    (score, confidence, recommendation)."""
    submission = SubmissionFactory(
        journal=journal, state="under-review", call=call, title={"en": title}
    )
    rnd = ReviewRoundFactory(submission=submission)
    for score, confidence, recommendation in scores:
        a = ReviewAssignmentFactory(round=rnd, state=AssignmentState.SUBMITTED)
        ReviewFactory(
            assignment=a,
            form=criterion.form,
            answers={str(criterion.pk): score},
            confidence=confidence,
            recommendation=recommendation,
            is_draft=False,
        )
    if open_assignment:
        ReviewAssignmentFactory(round=rnd, state=AssignmentState.ACCEPTED)
    return submission


def test_submissions_are_ranked_by_confidence_weighted_score(journal, criterion):
    editor = editor_of(journal)
    strong = reviewed(journal, criterion, [(5, 5, "accept"), (4, 4, "minor-revision")])
    weak = reviewed(journal, criterion, [(2, 4, "major-revision"), (1, 5, "reject")])
    # Same raw mean as `middle`, but the confident reviewer liked it less.
    lower = reviewed(
        journal, criterion, [(5, 1, "minor-revision"), (3, 5, "major-revision")]
    )
    middle = reviewed(
        journal, criterion, [(5, 5, "minor-revision"), (3, 1, "major-revision")]
    )

    ranked = decision_queue(editor, journal)

    assert [r.submission for r in ranked] == [strong, middle, lower, weak]
    assert ranked[0].recommendations == {"accept": 1, "minor-revision": 1}
    assert ranked[-1].disagreement is False


def test_a_single_confident_review_does_not_outrank_several_solid_ones(
    journal, criterion
):
    editor = editor_of(journal)
    solid = reviewed(journal, criterion, [(5, 4, "accept")] * 3)
    lone = reviewed(journal, criterion, [(5, 5, "accept")])
    reviewed(journal, criterion, [(1, 3, "reject")] * 2)

    ranked = [r.submission for r in decision_queue(editor, journal)]

    assert ranked.index(solid) < ranked.index(lone)


def test_submissions_still_waiting_for_a_review_are_not_in_the_queue(
    journal, criterion
):
    editor = editor_of(journal)
    waiting = reviewed(journal, criterion, [(5, 5, "accept")], open_assignment=True)
    done = reviewed(journal, criterion, [(3, 3, "minor-revision")])

    assert [r.submission for r in decision_queue(editor, journal)] == [done]
    assert waiting.pk


def test_strong_disagreement_is_flagged(journal, criterion):
    editor = editor_of(journal)
    reviewed(journal, criterion, [(5, 3, "accept"), (2, 3, "major-revision")])

    [item] = decision_queue(editor, journal)

    assert item.disagreement is True


def test_queue_can_be_limited_to_one_call_for_papers(client, journal, criterion):
    editor = editor_of(journal)
    call = CallFactory(journal=journal, title="Special issue on merit")
    inside = reviewed(
        journal, criterion, [(4, 3, "accept")], call=call, title="Inside the call"
    )
    reviewed(journal, criterion, [(5, 3, "accept")], title="Outside the call")
    client.force_login(editor)

    response = client.get(
        f"/editorial/journals/{journal.slug}/decision-queue/", {"call": call.slug}
    )

    assert response.status_code == 200
    assert [r.submission for r in response.context["ranked"]] == [inside]
    assert "Outside the call" not in response.content.decode()


def test_decision_queue_page_query_count_does_not_grow_with_submissions(
    client, journal, criterion, django_assert_max_num_queries
):
    editor = editor_of(journal)
    client.force_login(editor)
    url = f"/editorial/journals/{journal.slug}/decision-queue/"
    reviewed(journal, criterion, [(4, 3, "accept")])
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    for i in range(25):
        reviewed(journal, criterion, [(i % 5 + 1, 3, "accept"), (3, 2, "reject")])

    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)

    assert len(response.context["ranked"]) == 26


def test_decision_queue_is_not_found_for_non_editors(client, journal):
    client.force_login(UserFactory())
    response = client.get(f"/editorial/journals/{journal.slug}/decision-queue/")
    assert response.status_code == 404
