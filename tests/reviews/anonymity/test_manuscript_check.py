import pytest
from django.core.files.base import ContentFile

from journal.models import ReviewMethod
from reviews.anonymity.checks import (
    anonymised_manuscript_check,
    reviewer_download_allowed,
)
from reviews.models import ManuscriptCheck
from submissions.filetypes import DOCX
from submissions.models import FileKind
from tests.factories import (
    JournalFactory,
    SubmissionFactory,
    SubmissionFileFactory,
    UserFactory,
    docx_bytes,
    editor_of,
)

pytestmark = pytest.mark.django_db


def _submission(text, method=ReviewMethod.DOUBLE_ANONYMOUS):
    journal = JournalFactory(review_method=method)
    submitter = UserFactory(given_name="Aigerim", family_name="Nurlanovna")
    submission = SubmissionFactory(
        journal=journal,
        submitter=submitter,
        state="under-review",
        with_manuscript=False,
    )
    anonymised = SubmissionFileFactory(
        submission=submission,
        kind=FileKind.ANONYMISED,
        content_type=DOCX,
        file=ContentFile(docx_bytes(text), name="anon.docx"),
    )
    return submission, anonymised


def test_manuscript_naming_its_author_is_held_back_until_an_editor_clears_it(client):
    submission, _file = _submission("As Nurlanovna (2021) showed, merit matters.")
    editor = editor_of(submission.journal)
    client.force_login(editor)
    url = f"/editorial/submissions/{submission.pk}/anonymity/"

    response = client.post(url, follow=True)

    assert "“Nurlanovna”" in response.content.decode()
    assert reviewer_download_allowed(submission) is False

    client.post(f"/editorial/submissions/{submission.pk}/anonymity/clear/")

    assert reviewer_download_allowed(submission) is True
    assert ManuscriptCheck.objects.get().cleared_by == editor


def test_clean_manuscript_may_be_downloaded_and_is_checked_on_first_request():
    submission, file = _submission("Merit-based recruitment in ministries.")

    assert reviewer_download_allowed(submission) is True
    assert ManuscriptCheck.objects.get(file=file).hits == []


def test_new_check_withdraws_an_earlier_clearance():
    submission, _file = _submission("Contact aigerim for data. Nurlanovna 2020.")
    editor = editor_of(submission.journal)
    anonymised_manuscript_check(submission=submission, actor=editor)
    ManuscriptCheck.objects.update(cleared_by=editor)
    from django.utils import timezone

    ManuscriptCheck.objects.update(cleared_at=timezone.now())
    assert reviewer_download_allowed(submission) is True

    hits = anonymised_manuscript_check(submission=submission, actor=editor)

    assert [h["term"] for h in hits] == ["Nurlanovna"]
    assert reviewer_download_allowed(submission) is False


def test_single_anonymous_review_never_holds_the_file_back():
    submission, _file = _submission(
        "Aigerim Nurlanovna wrote this.", ReviewMethod.SINGLE_ANONYMOUS
    )
    assert reviewer_download_allowed(submission) is True


def test_only_editors_reach_the_check_page(client):
    submission, _file = _submission("Text")
    client.force_login(submission.submitter)
    assert (
        client.get(f"/editorial/submissions/{submission.pk}/anonymity/").status_code
        == 404
    )
    assert (
        client.post(
            f"/editorial/submissions/{submission.pk}/anonymity/clear/"
        ).status_code
        == 404
    )
