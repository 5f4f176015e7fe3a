"""The author's own pages: their list, one submission, withdrawing it."""

import pytest
from django.urls import reverse

from submissions.models import State, Submission, SubmissionEvent
from submissions.services import submission_submit, submission_transition
from tests.factories import SubmissionFactory, editor_of

pytestmark = pytest.mark.django_db


def test_my_submissions_offers_the_actions_open_in_each_state(client):
    draft = SubmissionFactory(title={"en": "A draft"})
    author = draft.submitter
    sent = SubmissionFactory(
        submitter=author, state=State.SUBMITTED, title={"en": "Sent"}
    )
    done = SubmissionFactory(
        submitter=author, state=State.REJECTED, title={"en": "Done"}
    )
    client.force_login(author)
    text = client.get(reverse("submissions:mine")).text
    assert reverse("submissions:step", args=[draft.pk, "review"]) in text
    assert reverse("submissions:detail", args=[sent.pk]) in text
    assert reverse("submissions:withdraw", args=[sent.pk]) in text
    assert reverse("submissions:withdraw", args=[draft.pk]) in text
    assert reverse("submissions:withdraw", args=[done.pk]) not in text


def test_author_withdraws_with_a_reason(client):
    submission = SubmissionFactory(state=State.SUBMITTED)
    client.force_login(submission.submitter)
    url = reverse("submissions:withdraw", args=[submission.pk])
    assert "cannot be undone" in client.get(url).text
    response = client.post(url, {"reason": "Published elsewhere"})
    assert response.url == reverse("submissions:mine")
    assert Submission.objects.get(pk=submission.pk).state == State.WITHDRAWN
    assert (
        SubmissionEvent.objects.get(submission=submission).note == "Published elsewhere"
    )


def test_withdrawing_an_accepted_submission_is_refused_with_the_reason(client):
    submission = SubmissionFactory(state=State.ACCEPTED)
    client.force_login(submission.submitter)
    response = client.post(reverse("submissions:withdraw", args=[submission.pk]), {})
    assert "cannot be done while the submission is" in response.text
    assert Submission.objects.get(pk=submission.pk).state == State.ACCEPTED


def test_author_page_tells_the_history_in_plain_words_without_editor_names(
    client, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory()
    editor = editor_of(submission.journal)
    # A name no generated author can share, so the check below only finds
    # the editor.
    editor.family_name = "Zeitgeistova"
    editor.save(update_fields=["family_name"])
    with django_capture_on_commit_callbacks(execute=True):
        submission_submit(submission=submission, actor=submission.submitter)
    submission_transition(
        submission=submission,
        actor=editor,
        name="send_to_review",
        note="Internal: ask Dr X",
    )
    client.force_login(submission.submitter)
    text = client.get(reverse("submissions:detail", args=[submission.pk])).text
    assert "You sent the manuscript to the journal." in text
    assert "The editors sent the manuscript to peer review." in text
    assert editor.family_name not in text
    assert "Internal: ask Dr X" not in text
    assert "Меритократия при найме на государственную службу" in text
    file = submission.files.get()
    assert reverse("submissions:file_download", args=[submission.pk, file.pk]) in text


def test_draft_page_redirects_editing_after_submission_to_the_detail_page(client):
    submission = SubmissionFactory(state=State.SUBMITTED)
    client.force_login(submission.submitter)
    response = client.post(
        reverse("submissions:file_upload", args=[submission.pk]), {"kind": "manuscript"}
    )
    assert response.url == reverse("submissions:detail", args=[submission.pk])
