"""The reviewer's copy in double-anonymous review (failures 1, 5, 6 and 7)."""

import datetime as dt
import io
import zipfile
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from journal.errors import DomainError
from reviews.models import (
    AssignmentState,
    FileAction,
    ReviewAssignment,
    ReviewerFileEvent,
)
from reviews.services import assignment_accept, review_invite, round_open
from submissions.models import FileKind, OutboxEmail, State
from tests.factories import docx_bytes

from .helpers import add_file, docx_upload, reviewer_named, signed_submission
from .signed_documents import AFFILIATION, AUTHOR, signed_docx

pytestmark = pytest.mark.django_db

CLEAN_TEXT = "Merit-based recruitment in the civil service of Kazakhstan."


def _accepted(submission, editor, reviewer):
    assignment = review_invite(
        round=submission.review_rounds.get(), actor=editor, reviewer=reviewer
    )
    return assignment_accept(
        assignment=assignment, actor=reviewer, competing_interests="None"
    )


def test_wizard_asks_for_the_reviewers_copy_and_shows_what_it_still_names(client):
    submission, _editor = signed_submission(state=State.DRAFT)
    client.force_login(submission.submitter)

    files_step = client.get(reverse("submissions:step", args=[submission.pk, "files"]))
    review_step = client.get(
        reverse("submissions:step", args=[submission.pk, "review"])
    )
    refused = client.post(
        reverse("submissions:submit", args=[submission.pk]), follow=True
    )

    assert "double-anonymous review: please also upload an anonymised" in (
        files_step.text
    )
    assert "Reviewers receive only the anonymised manuscript" in files_step.text
    assert "Everything the journal needs is here" not in review_step.text
    assert "Upload an anonymised copy of the manuscript" in review_step.text
    assert "Upload an anonymised copy of the manuscript" in refused.text
    submission.refresh_from_db()
    assert submission.state == State.DRAFT
    assert not OutboxEmail.objects.filter(submission=submission).exists()

    # The "anonymised" copy still carries the byline: the author is told at
    # once, with the words around it, before sending.
    response = client.post(
        reverse("submissions:file_upload", args=[submission.pk]),
        {"kind": "anonymised", "file": docx_upload(signed_docx())},
        follow=True,
    )
    page = response.text
    assert "may still say who the authors are" in page
    assert "“Aigerim Nurlanovna”" in page
    assert f"“{AFFILIATION}”" in page
    # The snippet: the words around the match, so the author finds the place.
    assert f"{AUTHOR} {AFFILIATION} Merit-" in page
    review_step = client.get(
        reverse("submissions:step", args=[submission.pk, "review"])
    )
    assert "may still say who you are" in review_step.text

    clean = client.post(
        reverse("submissions:file_upload", args=[submission.pk]),
        {
            "kind": "anonymised",
            "file": docx_upload(signed_docx(byline=None, affiliation=None)),
        },
        follow=True,
    )
    assert "does not show your names" in clean.text
    client.post(reverse("submissions:submit", args=[submission.pk]))
    submission.refresh_from_db()
    assert submission.state == State.SUBMITTED


def test_without_a_reviewers_copy_no_one_is_invited_and_the_editor_is_offered_the_upload(
    client, django_capture_on_commit_callbacks
):
    submission, editor = signed_submission()
    round_open(submission=submission, actor=editor)
    reviewer = reviewer_named()
    client.force_login(editor)

    page = unescape(client.get(reverse("reviews:manage", args=[submission.pk])).text)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:invite", args=[submission.pk]),
            {"reviewer": "", "email": reviewer.email, "due": "2099-01-01"},
            follow=True,
        )

    assert "No reviewer's copy yet." in page
    assert reverse("reviews_extra:anonymity_check", args=[submission.pk]) in page
    assert "there is no reviewer's copy" in unescape(response.text)
    assert not ReviewAssignment.objects.exists()
    assert mail.outbox == []


def test_editor_uploads_the_copy_clears_it_and_the_reviewer_downloads_it(
    client, django_capture_on_commit_callbacks
):
    submission, editor = signed_submission()
    round_open(submission=submission, actor=editor)
    client.force_login(editor)
    files_url = reverse("reviews_extra:anonymity_check", args=[submission.pk])

    # The editor's copy still names the institution: stored, logged, held.
    upload_page = client.post(
        reverse("reviews_extra:reviewer_file_add", args=[submission.pk]),
        {"kind": "anonymised", "file": docx_upload(signed_docx(byline=None))},
        follow=True,
    ).text
    copy = submission.files.get(kind=FileKind.ANONYMISED)
    assert "held from reviewers until you clear it" in upload_page
    assert f"“{AFFILIATION}”" in upload_page
    assert [e.action for e in ReviewerFileEvent.objects.filter(file=copy)] == [
        FileAction.UPLOADED,
        FileAction.HELD,
    ]
    with pytest.raises(DomainError) as refused:
        review_invite(
            round=submission.review_rounds.get(),
            actor=editor,
            reviewer=reviewer_named(),
        )
    assert refused.value.code == "reviewer_copy_held"

    client.post(
        reverse("reviews_extra:anonymity_clear", args=[submission.pk]),
        {"file": copy.pk},
    )
    assert "Cleared by" in client.get(files_url).text
    reviewer = reviewer_named()
    with django_capture_on_commit_callbacks(execute=True):
        _accepted(submission, editor, reviewer)

    client.force_login(reviewer)
    assignment = ReviewAssignment.objects.get(reviewer=reviewer)
    page = client.get(reverse("reviews:review", args=[assignment.pk])).text
    download = client.get(
        reverse("reviews:download", args=[assignment.pk, "manuscript"])
    )

    assert "Download the manuscript" in page
    assert download.status_code == 200
    data = (
        b"".join(download.streaming_content) if download.streaming else download.content
    )
    assert 'filename="anonymised-v1.docx"' in download["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        core = zf.read("docProps/core.xml")
        body = zf.read("word/document.xml")
    assert AUTHOR.encode() not in core
    assert not [n for n in names if "thumbnail" in n]
    assert CLEAN_TEXT.encode() in body
    assert AUTHOR.encode() not in body


def test_a_new_copy_is_checked_afresh_and_a_waiting_reviewer_is_never_left_silent(
    client, django_capture_on_commit_callbacks, time_machine
):
    # 19:30 UTC on 4 April is 00:30 on 5 April in the journal's Almaty.
    time_machine.move_to(dt.datetime(2026, 4, 4, 19, 30, tzinfo=dt.UTC))
    submission, editor = signed_submission()
    add_file(
        submission, FileKind.ANONYMISED, signed_docx(byline=None, affiliation=None)
    )
    round_open(submission=submission, actor=editor)
    reviewer = reviewer_named()
    with django_capture_on_commit_callbacks(execute=True):
        assignment = _accepted(submission, editor, reviewer)
    mail.outbox.clear()

    # A second version names the author again: the first one's clean check
    # does not carry over.
    with django_capture_on_commit_callbacks(execute=True):
        add_file(submission, FileKind.ANONYMISED, signed_docx())
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        download = client.get(
            reverse("reviews:download", args=[assignment.pk, "manuscript"]),
            follow=True,
        )
        client.get(reverse("reviews:review", args=[assignment.pk]))

    assert "They were told on 5 April 2026" in download.text
    assert "you will get an email as soon as it is ready" in download.text
    to_editor = [m for m in mail.outbox if m.to == [editor.email]]
    assert len(to_editor) == 1
    assert "waiting for a file" in to_editor[0].subject
    assert "held because its text may reveal the authors" in to_editor[0].body
    wait = ReviewerFileEvent.objects.get(action=FileAction.REVIEWER_WAITING)
    assert wait.resolved_at is None

    client.force_login(editor)
    queue = client.get(
        reverse("reviews_extra:editor_queues", args=[submission.journal.slug])
    ).text
    assert "Reviewers waiting for a file" in queue
    assert submission.display_title in queue

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reviews_extra:anonymity_clear", args=[submission.pk]),
            {"file": submission.files.get(kind=FileKind.ANONYMISED, version=2).pk},
        )
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    assert "ready" in mail.outbox[0].subject
    wait.refresh_from_db()
    assert wait.resolved_at is not None


def test_round_two_with_a_newer_manuscript_than_its_copy_warns_the_editor_first(
    client,
):
    submission, editor = signed_submission(state=State.RESUBMITTED)
    add_file(
        submission,
        FileKind.ANONYMISED,
        docx_bytes(CLEAN_TEXT),
        minutes_ago=60,
    )
    from reviews.models import ReviewRound

    ReviewRound.objects.create(submission=submission, number=1)
    add_file(submission, FileKind.MANUSCRIPT, signed_docx(body="Revised text."))
    client.force_login(editor)

    page = unescape(client.get(reverse("reviews:manage", args=[submission.pk])).text)
    refused = unescape(
        client.post(
            reverse("reviews:round_open", args=[submission.pk]), follow=True
        ).text
    )

    assert "The reviewer's copy is older than the manuscript." in page
    assert "has a newer version than the reviewer's copy" in refused
    assert f"({submission.journal.timezone})" in refused
    assert submission.review_rounds.count() == 1
    client.post(
        reverse("reviews:round_open", args=[submission.pk]),
        {"stale_copy_confirmed": "1"},
    )
    assert submission.review_rounds.count() == 2


def test_the_reviewer_sees_the_editor_is_told_when_there_is_no_copy_at_all(
    client, django_capture_on_commit_callbacks
):
    submission, editor = signed_submission(state=State.UNDER_REVIEW)
    from reviews.models import ReviewRound

    round_ = ReviewRound.objects.create(submission=submission, number=1)
    reviewer = reviewer_named()
    from tests.reviews.factories import AssignmentFactory

    assignment = AssignmentFactory(
        round=round_, reviewer=reviewer, state=AssignmentState.ACCEPTED
    )
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(reverse("reviews:review", args=[assignment.pk])).text

    assert "the editor is preparing an anonymised copy" in page
    assert "The editor was told on" in page
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "which has not been uploaded" in mail.outbox[0].body


def test_reminders_repeat_a_wait_the_editor_has_not_resolved(
    django_capture_on_commit_callbacks,
):
    import datetime

    import time_machine
    from django.utils import timezone

    from reviews.reminders import reminders_send
    from reviews.services import reviewer_file_wait

    submission, editor = signed_submission(state=State.UNDER_REVIEW)
    from reviews.models import ReviewRound
    from tests.reviews.factories import AssignmentFactory

    assignment = AssignmentFactory(
        round=ReviewRound.objects.create(submission=submission, number=1),
        state=AssignmentState.ACCEPTED,
    )
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_file_wait(assignment=assignment, what="manuscript", file=None)
    mail.outbox.clear()

    later = timezone.now() + datetime.timedelta(days=3)
    with time_machine.travel(later, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            first = reminders_send()
            again = reminders_send()

    assert first.file_waits == 1 and again.file_waits == 0
    reminders = [m for m in mail.outbox if m.to == [editor.email]]
    assert len(reminders) == 1
    assert "They have been waiting for 3 days." in reminders[0].body


def test_editor_shares_a_checked_supplementary_file_with_reviewers(
    client, django_capture_on_commit_callbacks
):
    submission, editor = signed_submission(state=State.UNDER_REVIEW)
    add_file(submission, FileKind.ANONYMISED, docx_bytes(CLEAN_TEXT))
    from reviews.models import ReviewRound
    from tests.reviews.factories import AssignmentFactory

    assignment = AssignmentFactory(
        round=ReviewRound.objects.create(submission=submission, number=1),
        state=AssignmentState.ACCEPTED,
    )
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reviews_extra:reviewer_file_add", args=[submission.pk]),
            {
                "kind": "supplementary",
                "file": docx_upload(signed_docx(body="Survey instrument.")),
                "description": "Survey instrument",
            },
        )
    supplement = submission.files.get(kind=FileKind.SUPPLEMENTARY)
    client.force_login(assignment.reviewer)
    assert (
        "Survey instrument"
        not in client.get(reverse("reviews:review", args=[assignment.pk])).text
    )

    client.force_login(editor)
    client.post(
        reverse("reviews_extra:reviewer_file_share", args=[submission.pk]),
        {"file": supplement.pk, "shared": "1"},
    )
    client.force_login(assignment.reviewer)
    page = client.get(reverse("reviews:review", args=[assignment.pk])).text
    held = client.get(
        reverse("reviews:download", args=[assignment.pk, f"shared-{supplement.pk}"])
    )
    assert "being checked by the editor" in page
    assert held.status_code == 302

    client.force_login(editor)
    client.post(
        reverse("reviews_extra:anonymity_clear", args=[submission.pk]),
        {"file": supplement.pk},
    )
    client.force_login(assignment.reviewer)
    download = client.get(
        reverse("reviews:download", args=[assignment.pk, f"shared-{supplement.pk}"])
    )
    assert download.status_code == 200
    assert f'filename="{supplement.neutral_name}"' in download["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(download.content)) as zf:
        assert AUTHOR.encode() not in zf.read("docProps/core.xml")
