"""A double-anonymous round from the first submission to acceptance, in Chromium.

Steps that are not the point are seeded through factories and services; each
step the issue names is taken in the browser, with a screenshot.
"""

import io
import zipfile

import pytest
from django.core import mail

from reviews.models import AssignmentState, ReviewAssignment, ReviewRound
from reviews.services import (
    assignment_accept,
    review_invite,
    review_submit,
    revision_resubmit,
)
from submissions.models import FileKind, State, Submission
from submissions.services import submission_file_upload
from tests.browser.conftest import login, screenshot
from tests.reviews.anonymity.helpers import (
    docx_upload,
    reviewer_named,
    signed_submission,
)
from tests.reviews.anonymity.signed_documents import AUTHOR, signed_docx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLEAN = dict(byline=None, affiliation=None)


def _file(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_double_anonymous_round_from_first_submission_to_acceptance(
    page, live_server, tmp_path
):
    submission, editor = signed_submission(state=State.DRAFT)
    author = submission.submitter
    base = live_server.url

    # 1. The author sends only the manuscript and is asked for the copy.
    login(page, live_server, author)
    page.goto(f"{base}/submissions/{submission.pk}/edit/review/")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit to the journal").click()
    assert "/edit/files/" in page.url
    assert page.get_by_text("please also upload an anonymised manuscript").is_visible()
    screenshot(page, "anon-1-asked-for-reviewers-copy")
    page.select_option("select[name='kind']", "anonymised")
    page.set_input_files(
        "input[type='file'][name='file']",
        _file(tmp_path, "anon.docx", signed_docx(byline=None)),
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Upload").click()
    assert page.locator("#reviewer-copy-findings").is_visible()
    screenshot(page, "anon-1-copy-still-names-institution")
    page.goto(f"{base}/submissions/{submission.pk}/edit/review/")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit to the journal").click()
    submission = Submission.objects.get(pk=submission.pk)
    assert submission.state == State.SUBMITTED

    # 2. The editor clears the copy and sends it out; two reviewers are invited.
    page.context.clear_cookies()
    login(page, live_server, editor)
    page.goto(f"{base}/editorial/submissions/{submission.pk}/anonymity/")
    with page.expect_navigation():
        page.get_by_role("button", name="Clear it: reviewers may download").click()
    screenshot(page, "anon-2-editor-cleared-copy")
    page.goto(f"{base}/editorial/submissions/{submission.pk}/review/")
    with page.expect_navigation():
        page.get_by_role("button", name="Send out for review").click()
    round_one = ReviewRound.objects.select_related("submission").get(
        submission_id=submission.pk
    )
    first, second = reviewer_named(), reviewer_named("Dana", "Sultanova")
    for person in (first, second):
        assignment = review_invite(round=round_one, actor=editor, reviewer=person)
        assignment_accept(assignment=assignment, actor=person, competing_interests="-")

    # 3. A reviewer downloads the copy, signs the review, is warned, fixes it.
    page.context.clear_cookies()
    login(page, live_server, first)
    mine = ReviewAssignment.objects.get(reviewer=first)
    page.goto(f"{base}/reviews/{mine.pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the manuscript").click()
    data = open(download_info.value.path(), "rb").read()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert AUTHOR.encode() not in zf.read("docProps/core.xml")
        assert b"Nurlanovna" not in zf.read("word/document.xml")
    page.select_option("select[name='confidence']", "4")
    page.select_option("select[name='recommendation']", "major-revision")
    page.fill(
        "textarea[name='comments_to_author']",
        "Clarify the sampling.\nBest regards, Timur Bekov",
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Submit review").click()
    assert page.locator("#identity-warning").is_visible()
    screenshot(page, "anon-3-reviewer-warned")
    page.fill("textarea[name='comments_to_author']", "Clarify the sampling.")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit review").click()
    assert ReviewAssignment.objects.get(pk=mine.pk).state == AssignmentState.SUBMITTED
    other = ReviewAssignment.objects.get(reviewer=second)
    review_submit(
        assignment=other,
        actor=second,
        answers={},
        confidence=3,
        recommendation="minor-revision",
        comments_to_author="Add the 2023 data.",
    )

    # 4. The editor approves what the author reads of each review; the decision
    # asks for a revision; the author sends a signed response.
    page.context.clear_cookies()
    login(page, live_server, editor)
    page.goto(f"{base}/editorial/submissions/{submission.pk}/review/")
    for _review in range(2):
        with page.expect_navigation():
            page.get_by_role(
                "button", name="Approve what the author reads"
            ).first.click()
    page.goto(f"{base}/editorial/submissions/{submission.pk}/decision/major-revision/")
    with page.expect_navigation():
        page.get_by_role(
            "button", name="Record the decision and send the letter"
        ).click()
    assert page.get_by_text("the letter is on its way to the author").is_visible()
    assert [m for m in mail.outbox if m.to == [author.email]]

    page.context.clear_cookies()
    login(page, live_server, author)
    page.goto(f"{base}/submissions/{submission.pk}/revise/")
    assert "Timur Bekov" not in page.content()
    assert "Clarify the sampling." in page.content()
    page.select_option("select[name='kind']", "response")
    page.set_input_files(
        "input[type='file'][name='file']",
        _file(tmp_path, "response.docx", signed_docx(body="We thank the reviewers.")),
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Upload").click()
    assert page.get_by_text("reviewers will not receive it as it is").is_visible()
    screenshot(page, "anon-4-author-response-held")
    for kind in (FileKind.MANUSCRIPT, FileKind.ANONYMISED):
        submission_file_upload(
            submission=Submission.objects.get(pk=submission.pk),
            actor=author,
            kind=kind,
            upload=docx_upload(signed_docx(**CLEAN, body="Revised.")),
        )
    submission = Submission.objects.get(pk=submission.pk)
    revision_resubmit(submission=submission, actor=author)

    # 5. Round 2: the reviewer finds the response held, the editor is told and
    # replaces it.
    page.context.clear_cookies()
    login(page, live_server, editor)
    page.goto(f"{base}/editorial/submissions/{submission.pk}/review/")
    with page.expect_navigation():
        page.get_by_role("button", name="Open the next review round").click()
    again = ReviewAssignment.objects.get(reviewer=first, round__number=2)
    assignment_accept(assignment=again, actor=first, competing_interests="-")
    mail.outbox.clear()
    page.context.clear_cookies()
    login(page, live_server, first)
    page.goto(f"{base}/reviews/{again.pk}/")
    assert page.locator("#response-waiting").is_visible()
    assert [m.to for m in mail.outbox if "waiting" in m.subject] == [[editor.email]]

    page.context.clear_cookies()
    login(page, live_server, editor)
    page.goto(f"{base}/editorial/submissions/{submission.pk}/anonymity/")
    assert page.locator("#reviewers-waiting").is_visible()
    page.select_option("select[name='kind']", "response")
    page.set_input_files(
        "input[type='file'][name='file']",
        _file(tmp_path, "response-anon.docx", signed_docx(**CLEAN, body="Thanks.")),
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()
    screenshot(page, "anon-5-editor-replaced-response")
    assert [m for m in mail.outbox if m.to == [first.email] and "ready" in m.subject]

    # 6. The paper is accepted.
    page.goto(f"{base}/editorial/submissions/{submission.pk}/decision/accept/")
    with page.expect_navigation():
        page.get_by_role(
            "button", name="Record the decision and send the letter"
        ).click()
    screenshot(page, "anon-6-accepted")
    assert Submission.objects.get(pk=submission.pk).state == State.ACCEPTED
