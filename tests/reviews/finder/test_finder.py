import pytest

from journal.models import Role
from reviews.finder import reviewer_candidates, tfidf_vectors, tokenise
from reviews.models import AssignmentState
from submissions.models import ReviewerPreference
from tests.factories import (
    ContributorFactory,
    JournalFactory,
    ReviewAssignmentFactory,
    RoleFactory,
    SubmissionFactory,
    UserFactory,
    editor_of,
)

pytestmark = pytest.mark.django_db


def reviewer(journal, interests="", **kwargs):
    kwargs.setdefault("affiliation", "Independent")
    user = UserFactory(research_interests=interests, **kwargs)
    RoleFactory(journal=journal, user=user, role=Role.REVIEWER)
    return user


@pytest.fixture
def submission():
    journal = JournalFactory()
    sub = SubmissionFactory(
        journal=journal,
        state="under-review",
        title={
            "en": "Merit-based recruitment in the civil service of Kazakhstan",
            "ru": "Меритократический найм на государственную службу",
        },
        abstract={"en": "Competitive examinations and merit recruitment reforms."},
        keywords={"en": ["meritocracy", "recruitment", "civil service"]},
    )
    sub.authors.update(affiliation="Academy of Public Administration")
    return sub


def test_tokeniser_handles_latin_and_cyrillic_and_drops_function_words():
    assert tokenise("The Reforms of the Civil Service") == [
        "reform",
        "civil",
        "service",
    ]
    assert tokenise("Реформы государственной службы") == tokenise(
        "реформа государственная служба"
    )
    assert tokenise("и в на") == []


def test_tfidf_vectors_are_normalised():
    vectors = tfidf_vectors([["a1", "b2"], ["a1"]])
    for v in vectors:
        assert abs(sum(x * x for x in v.values()) - 1) < 1e-9


def test_candidates_are_ranked_by_how_well_their_interests_match(submission):
    journal = submission.journal
    expert = reviewer(journal, "meritocracy, recruitment, civil service examinations")
    partial = reviewer(journal, "civil service ethics, public finance")
    unrelated = reviewer(journal, "hydrology, river basins")

    ranked = [c.user for c in reviewer_candidates(submission)]

    assert ranked == [expert, partial, unrelated]


def test_russian_interests_match_the_russian_title(submission):
    journal = submission.journal
    russian = reviewer(journal, "государственная служба, найм")
    other = reviewer(journal, "водные ресурсы")

    ranked = reviewer_candidates(submission)

    assert ranked[0].user == russian and ranked[0].score > 0
    assert ranked[1].user == other and ranked[1].score == 0


def test_past_reviews_count_as_expertise(submission):
    journal = submission.journal
    seasoned = reviewer(journal, "")
    newcomer = reviewer(journal, "")
    earlier = SubmissionFactory(
        journal=journal,
        title={"en": "Recruitment examinations and meritocracy"},
        keywords={"en": ["meritocracy"]},
    )
    ReviewAssignmentFactory(
        round__submission=earlier, reviewer=seasoned, state=AssignmentState.SUBMITTED
    )

    ranked = reviewer_candidates(submission)

    assert [c.user for c in ranked] == [seasoned, newcomer]


def test_authors_coauthors_colleagues_and_opposed_people_are_never_suggested(
    submission,
):
    journal = submission.journal
    interests = "meritocracy, recruitment"
    contributor_user = reviewer(journal, interests)
    ContributorFactory(
        submission=submission, user=contributor_user, email="x@example.org"
    )
    by_email = reviewer(journal, interests, email="coauthor@example.org")
    ContributorFactory(submission=submission, email="coauthor@example.org")
    coauthor = reviewer(journal, interests)
    earlier = SubmissionFactory(journal=journal, submitter=submission.submitter)
    ContributorFactory(submission=earlier, user=coauthor, email=coauthor.email)
    colleague = reviewer(
        journal, interests, affiliation="academy of public administration"
    )
    opposed = reviewer(journal, interests)
    ReviewerPreference.objects.create(
        submission=submission, kind="opposed", name="X", email=opposed.email
    )
    submitter_as_reviewer = submission.submitter
    RoleFactory(journal=journal, user=submitter_as_reviewer, role=Role.REVIEWER)
    allowed = reviewer(journal, interests)

    ranked = [c.user for c in reviewer_candidates(submission)]

    assert ranked == [allowed]
    for excluded in (contributor_user, by_email, coauthor, colleague, opposed):
        assert excluded not in ranked


def test_candidates_show_load_turnaround_decline_rate_and_rating(submission):
    from datetime import timedelta

    from django.utils import timezone

    journal = submission.journal
    person = reviewer(journal, "meritocracy")
    now = timezone.now()
    other = SubmissionFactory(journal=journal, state="under-review")
    ReviewAssignmentFactory(round__submission=other, reviewer=person, state="accepted")
    for days, rating in ((10, 4), (20, 2)):
        ReviewAssignmentFactory(
            round__submission=SubmissionFactory(journal=journal),
            reviewer=person,
            state="submitted",
            invited_at=now - timedelta(days=days + 5),
            submitted_at=now - timedelta(days=5),
            editor_rating=rating,
        )
    ReviewAssignmentFactory(
        round__submission=SubmissionFactory(journal=journal),
        reviewer=person,
        state="declined",
    )

    [c] = reviewer_candidates(submission)

    assert c.current_load == 1
    assert round(c.average_turnaround_days) == 15
    assert c.decline_rate == pytest.approx(1 / 4)
    assert c.mean_rating == pytest.approx(3.0)


def test_finder_page_lists_candidates_with_bounded_queries(
    client, submission, django_assert_max_num_queries
):
    journal = submission.journal
    editor = editor_of(journal)
    for i in range(30):
        person = reviewer(journal, f"meritocracy, topic{i}")
        ReviewAssignmentFactory(
            round__submission=SubmissionFactory(journal=journal),
            reviewer=person,
            state="submitted",
        )
    client.force_login(editor)

    with django_assert_max_num_queries(25):
        response = client.get(
            f"/editorial/submissions/{submission.pk}/reviewer-finder/"
        )

    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("Invite") >= 25
    assert submission.submitter.email not in body


def test_finder_page_is_not_found_for_someone_who_is_not_an_editor(client, submission):
    client.force_login(UserFactory())
    response = client.get(f"/editorial/submissions/{submission.pk}/reviewer-finder/")
    assert response.status_code == 404
