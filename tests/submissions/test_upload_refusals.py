"""Files the journal refuses: the reason is shown and the form keeps what was typed."""

import pytest
from django.test import override_settings
from django.urls import reverse

from submissions.models import SubmissionFile
from tests.factories import (
    SubmissionFactory,
    UserFactory,
    docx_bytes,
    not_a_zip_docx,
    upload,
)

pytestmark = pytest.mark.django_db

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 400


@pytest.fixture
def draft(client):
    author = UserFactory()
    client.force_login(author)
    return SubmissionFactory(submitter=author, with_manuscript=False)


def post_upload(client, draft, name, content, kind="manuscript"):
    return client.post(
        reverse("submissions:file_upload", args=[draft.pk]),
        {
            "kind": kind,
            "description": "Main text, revised after the workshop",
            "file": upload(name, content),
        },
    )


def assert_refused_and_form_kept(response, reason, kind="manuscript"):
    assert response.status_code == 400
    assert reason in response.text
    assert "Main text, revised after the workshop" in response.text
    assert f'<option value="{kind}" selected>' in response.text
    assert not SubmissionFile.objects.exists()


def test_executable_renamed_to_pdf_is_refused(client, draft):
    response = post_upload(client, draft, "paper.pdf", ELF)
    assert_refused_and_form_kept(response, "is not an accepted file")


def test_docx_that_is_not_a_zip_is_refused(client, draft):
    response = post_upload(client, draft, "paper.docx", not_a_zip_docx())
    assert_refused_and_form_kept(response, "is not a valid word-processor document")


def test_image_is_refused_as_a_manuscript_but_kind_is_kept(client, draft):
    from tests.factories import png_bytes

    response = post_upload(
        client, draft, "figure.png", png_bytes(), kind="cover-letter"
    )
    assert_refused_and_form_kept(response, "is not an accepted file", "cover-letter")


@override_settings(SUBMISSION_MAX_UPLOAD_BYTES=2048)
def test_oversize_file_is_refused_before_it_is_stored(client, draft):
    big = docx_bytes("A long manuscript. " * 2000)
    assert len(big) > 2048
    response = post_upload(client, draft, "paper.docx", big)
    assert_refused_and_form_kept(response, "larger than the limit")


def test_empty_file_is_refused(client, draft):
    response = client.post(
        reverse("submissions:file_upload", args=[draft.pk]),
        {
            "kind": "manuscript",
            "description": "Main text, revised after the workshop",
            "file": upload("paper.docx", b""),
        },
    )
    assert response.status_code == 400
    assert "Main text, revised after the workshop" in response.text
    assert not SubmissionFile.objects.exists()


def test_real_docx_is_accepted_and_stored_under_a_neutral_name(client, draft):
    response = post_upload(client, draft, "Sadykova-final.docx", docx_bytes())
    assert response.status_code == 302
    stored = SubmissionFile.objects.get()
    assert stored.original_name == "Sadykova-final.docx"
    assert "Sadykova" not in stored.file.name


def test_upload_form_needs_a_csrf_token(draft):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(draft.submitter)
    response = post_upload(client, draft, "paper.docx", docx_bytes())
    assert response.status_code == 403
    assert not SubmissionFile.objects.exists()
