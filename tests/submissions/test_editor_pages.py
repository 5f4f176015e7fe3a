"""The editorial office: dashboard, a submission's page and the moves made there."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import Role
from submissions.models import State, Submission, SubmissionEvent
from submissions.services import submission_submit
from tests.factories import (
    ContributorFactory,
    SectionFactory,
    SubmissionFactory,
    editor_of,
)

pytestmark = pytest.mark.django_db


def dashboard_url(journal):
    return reverse("submissions:editor_dashboard", args=[journal.slug])


def make_submissions(journal, n, section=None, state=State.SUBMITTED):
    section = section or SectionFactory(journal=journal)
    return [
        SubmissionFactory(
            journal=journal, section=section, state=state, with_manuscript=False
        )
        for _ in range(n)
    ]


def test_dashboard_counts_states_and_lists_the_new_queue_with_age(client):
    journal = SectionFactory().journal
    old = SubmissionFactory(
        journal=journal, state=State.SUBMITTED, title={"en": "Old one"}
    )
    Submission.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - timezone.timedelta(days=12)
    )
    make_submissions(journal, 2, state=State.UNDER_REVIEW)
    SubmissionFactory(journal=journal)  # a draft: editors do not see it
    client.force_login(editor_of(journal))
    response = client.get(dashboard_url(journal))
    assert response.status_code == 200
    counts = {value: n for value, _label, n in response.context["counts"]}
    assert counts[State.SUBMITTED] == 1
    assert counts[State.UNDER_REVIEW] == 2
    assert State.DRAFT not in counts
    assert [s.pk for s in response.context["queue"]] == [old.pk]
    assert "12 days" in response.text


def test_dashboard_filters_by_state_and_section(client):
    journal = SectionFactory().journal
    policy, reviews = SectionFactory(journal=journal), SectionFactory(journal=journal)
    wanted = make_submissions(journal, 2, section=policy, state=State.UNDER_REVIEW)
    make_submissions(journal, 1, section=reviews, state=State.UNDER_REVIEW)
    make_submissions(journal, 1, section=policy, state=State.SUBMITTED)
    client.force_login(editor_of(journal))
    response = client.get(
        dashboard_url(journal), {"state": State.UNDER_REVIEW, "section": policy.pk}
    )
    assert {s.pk for s in response.context["page"].object_list} == {
        s.pk for s in wanted
    }


def test_section_editor_sees_only_their_sections_submissions(client):
    journal = SectionFactory().journal
    mine, other = SectionFactory(journal=journal), SectionFactory(journal=journal)
    visible = make_submissions(journal, 1, section=mine)
    make_submissions(journal, 1, section=other)
    editor = editor_of(journal, role=Role.SECTION_EDITOR)
    editor.journal_roles.get().sections.add(mine)
    client.force_login(editor)
    response = client.get(dashboard_url(journal))
    assert [s.pk for s in response.context["page"].object_list] == [visible[0].pk]


def test_dashboard_query_count_does_not_grow_with_submissions(
    client, django_assert_max_num_queries
):
    journal = SectionFactory().journal
    editor = editor_of(journal)
    client.force_login(editor)
    make_submissions(journal, 5)
    with django_assert_max_num_queries(20) as few:
        client.get(dashboard_url(journal))
    make_submissions(journal, 195)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(dashboard_url(journal))
    assert response.context["page"].paginator.count == 200


def test_my_submissions_query_count_does_not_grow_with_submissions(
    client, django_assert_max_num_queries
):
    first = SubmissionFactory(state=State.SUBMITTED)
    author = first.submitter
    client.force_login(author)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("submissions:mine"))
    for _ in range(30):
        s = SubmissionFactory(
            submitter=author, journal=first.journal, with_manuscript=False
        )
        ContributorFactory(submission=s)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("submissions:mine"))
    assert len(response.context["submissions"]) == 31


def test_editor_page_shows_authors_files_history_and_emails(
    client, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory()
    ContributorFactory(submission=submission, orcid="0000-0002-1825-0097")
    submission.reviewer_preferences.create(
        kind="opposed", name="Dr Rival", reason="Rival lab"
    )
    editor = editor_of(submission.journal)
    with django_capture_on_commit_callbacks(execute=True):
        submission_submit(submission=submission, actor=submission.submitter)
    client.force_login(editor)
    response = client.get(reverse("submissions:editor_detail", args=[submission.pk]))
    assert response.status_code == 200
    text = response.text
    assert "https://orcid.org/0000-0002-1825-0097" in text
    assert "Dr Rival" in text and "Rival lab" in text
    assert (
        reverse(
            "submissions:file_download", args=[submission.pk, submission.files.get().pk]
        )
        in text
    )
    assert submission.submitter.full_name in text  # the history's actor
    assert "Asia/Almaty" in text
    assert submission.submitter.email in text
    assert "Send to peer review" in text and "Desk reject" in text


def test_editor_page_shows_history_time_in_the_journals_zone(client):
    submission = SubmissionFactory(state=State.SUBMITTED)
    SubmissionEvent.objects.create(
        submission=submission,
        transition="submit",
        from_state=State.DRAFT,
        to_state=State.SUBMITTED,
        created_at=timezone.datetime(2026, 3, 1, 20, 30, tzinfo=datetime.UTC),
    )
    client.force_login(editor_of(submission.journal))
    response = client.get(reverse("submissions:editor_detail", args=[submission.pk]))
    assert "2 March 2026, 01:30 (Asia/Almaty)" in response.text  # Asia/Almaty is UTC+5


@pytest.mark.parametrize(
    ("url_name", "target"),
    [
        ("desk_reject", State.DESK_REJECTED),
        ("editor_withdraw", State.WITHDRAWN),
    ],
)
def test_editor_moves_a_submission_and_the_note_is_logged(client, url_name, target):
    submission = SubmissionFactory(state=State.SUBMITTED)
    editor = editor_of(submission.journal)
    client.force_login(editor)
    response = client.post(
        reverse(f"submissions:{url_name}", args=[submission.pk]),
        {"seen_state": State.SUBMITTED, "note": "Out of scope"},
        follow=True,
    )
    assert Submission.objects.get(pk=submission.pk).state == target
    event = SubmissionEvent.objects.get(submission=submission)
    assert (event.actor, event.note) == (editor, "Out of scope")
    assert "Done" in response.text


def test_refused_move_shows_the_reason_and_leaves_the_state(client):
    submission = SubmissionFactory(state=State.UNDER_REVIEW)
    client.force_login(editor_of(submission.journal))
    response = client.post(
        reverse("submissions:desk_reject", args=[submission.pk]),
        {"seen_state": State.UNDER_REVIEW},
        follow=True,
    )
    assert "This cannot be done while the submission is" in response.text
    assert Submission.objects.get(pk=submission.pk).state == State.UNDER_REVIEW


def test_second_of_two_editors_acting_from_the_same_page_is_told_someone_else_changed_it(
    client,
):
    from django.test import Client

    submission = SubmissionFactory(state=State.SUBMITTED)
    first, second = Client(), Client()
    first.force_login(editor_of(submission.journal))
    second.force_login(editor_of(submission.journal))
    page_url = reverse("submissions:editor_detail", args=[submission.pk])
    seen = [
        c.get(page_url).context["transition_form"]["seen_state"].value()
        for c in (first, second)
    ]
    assert seen == [State.SUBMITTED, State.SUBMITTED]

    first.post(
        reverse("submissions:desk_reject", args=[submission.pk]),
        {"seen_state": seen[0], "note": "Not for us"},
    )
    response = second.post(
        reverse("submissions:editor_withdraw", args=[submission.pk]),
        {"seen_state": seen[1], "note": "Withdrawn"},
        follow=True,
    )
    assert "Someone else changed this submission" in response.text
    assert Submission.objects.get(pk=submission.pk).state == State.DESK_REJECTED
    assert SubmissionEvent.objects.filter(submission=submission).count() == 1


def test_editor_assigns_a_handling_editor(client):
    submission = SubmissionFactory(state=State.SUBMITTED)
    chief, colleague = editor_of(submission.journal), editor_of(submission.journal)
    client.force_login(chief)
    client.post(
        reverse("submissions:assign_editor", args=[submission.pk]),
        {"editor": colleague.pk},
    )
    assert Submission.objects.get(pk=submission.pk).editor == colleague


def test_only_editors_of_the_journal_can_be_assigned(client):
    submission = SubmissionFactory(state=State.SUBMITTED)
    outsider = editor_of(SectionFactory().journal)
    client.force_login(editor_of(submission.journal))
    response = client.post(
        reverse("submissions:assign_editor", args=[submission.pk]),
        {"editor": outsider.pk},
        follow=True,
    )
    assert "Choose an editor from the list" in response.text
    assert Submission.objects.get(pk=submission.pk).editor is None


def test_no_page_sends_a_manuscript_to_review_without_opening_a_round(client):
    """The only door is the review round: the submission page's button posts to
    it, and the old transition-only address is gone."""
    submission = SubmissionFactory(state=State.SUBMITTED)
    client.force_login(editor_of(submission.journal))
    page = client.get(reverse("submissions:editor_detail", args=[submission.pk]))
    assert reverse("reviews:round_open", args=[submission.pk]) in page.text
    url = f"/editorial/submissions/{submission.pk}/send-to-review/"
    assert client.post(url, {"seen_state": State.SUBMITTED}).status_code == 404
    assert Submission.objects.get(pk=submission.pk).state == State.SUBMITTED
