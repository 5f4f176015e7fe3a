import pytest
from django.core import mail

from journal.errors import ActionNotAllowed, DomainError
from submissions.models import State, Submission, SubmissionEvent
from submissions.services import submission_submit, submission_transition
from tests.factories import SubmissionFactory, UserFactory, editor_of

pytestmark = pytest.mark.django_db


def test_author_submits_complete_draft_and_editors_are_told(
    django_capture_on_commit_callbacks,
):
    submission = SubmissionFactory()
    editor = editor_of(submission.journal)
    with django_capture_on_commit_callbacks(execute=True):
        submission_submit(submission=submission, actor=submission.submitter)
    submission.refresh_from_db()
    assert submission.state == State.SUBMITTED
    event = SubmissionEvent.objects.get(submission=submission)
    assert (event.actor, event.from_state, event.to_state) == (
        submission.submitter,
        State.DRAFT,
        State.SUBMITTED,
    )
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([submission.submitter.email, editor.email])


def test_submit_without_manuscript_is_refused_and_state_kept():
    submission = SubmissionFactory(with_manuscript=False)
    with pytest.raises(DomainError, match="Upload the manuscript"):
        submission_submit(submission=submission, actor=submission.submitter)
    assert submission.state == State.DRAFT
    assert Submission.objects.get(pk=submission.pk).state == State.DRAFT
    assert not SubmissionEvent.objects.exists()


def test_other_person_cannot_submit_someone_elses_draft():
    submission = SubmissionFactory()
    with pytest.raises(ActionNotAllowed):
        submission_submit(submission=submission, actor=UserFactory())
    assert Submission.objects.get(pk=submission.pk).state == State.DRAFT


def test_second_of_two_concurrent_editors_is_told_someone_else_acted():
    submission = SubmissionFactory(state=State.SUBMITTED)
    first, second = editor_of(submission.journal), editor_of(submission.journal)
    copy_a = Submission.objects.get(pk=submission.pk)
    copy_b = Submission.objects.get(pk=submission.pk)
    submission_transition(submission=copy_a, actor=first, name="send_to_review")
    with pytest.raises(DomainError, match="Someone else changed"):
        submission_transition(submission=copy_b, actor=second, name="desk_reject")
    assert copy_b.state == State.SUBMITTED
    assert Submission.objects.get(pk=submission.pk).state == State.UNDER_REVIEW
    assert SubmissionEvent.objects.filter(submission=submission).count() == 1
