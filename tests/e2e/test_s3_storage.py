"""Manuscripts stored in S3 (SeaweedFS on loopback) through django-storages."""

import hashlib
import io

import pytest

from submissions.models import FileKind
from submissions.services import submission_file_upload
from tests.factories import SubmissionFactory, upload

pytestmark = [pytest.mark.services, pytest.mark.django_db]

ORIGINAL_NAME = "Nurlanovna_Merit_Recruitment_Kazakhstan_FINAL.docx"


def _manuscript() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Merit-based recruitment in the civil service", level=1)
    document.add_paragraph("Competitive examinations for entry-level posts.")
    document.add_paragraph("Аннотация: меритократия при найме на госслужбу.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def draft():
    return SubmissionFactory(with_manuscript=False)


def test_uploaded_manuscript_is_stored_in_the_bucket_and_reads_back_unchanged(
    s3_storage, draft
):
    s3 = s3_storage
    content = _manuscript()

    record = submission_file_upload(
        submission=draft,
        actor=draft.submitter,
        kind=FileKind.MANUSCRIPT,
        upload=upload(ORIGINAL_NAME, content),
    )

    head = s3.client.head_object(Bucket=s3.bucket, Key=s3.prefix + record.file.name)
    assert head["ContentLength"] == len(content)
    stored = s3.client.get_object(Bucket=s3.bucket, Key=s3.prefix + record.file.name)[
        "Body"
    ].read()
    assert hashlib.sha256(stored).hexdigest() == hashlib.sha256(content).hexdigest()
    with record.file.open("rb") as fh:
        through_django = fh.read()
    assert hashlib.sha256(through_django).hexdigest() == record.sha256


def test_object_key_does_not_reveal_the_authors_file_name(s3_storage, draft):
    s3 = s3_storage

    record = submission_file_upload(
        submission=draft,
        actor=draft.submitter,
        kind=FileKind.MANUSCRIPT,
        upload=upload(ORIGINAL_NAME, _manuscript()),
    )

    keys = s3.keys()
    assert keys == [s3.prefix + record.file.name]
    stem = ORIGINAL_NAME.rsplit(".", 1)[0].lower()
    assert "nurlanovna" not in keys[0].lower()
    assert stem not in keys[0].lower()
    assert record.original_name == ORIGINAL_NAME


def test_second_version_is_a_separate_object(s3_storage, draft):
    s3 = s3_storage
    first = submission_file_upload(
        submission=draft,
        actor=draft.submitter,
        kind=FileKind.MANUSCRIPT,
        upload=upload(ORIGINAL_NAME, _manuscript()),
    )
    second = submission_file_upload(
        submission=draft,
        actor=draft.submitter,
        kind=FileKind.MANUSCRIPT,
        upload=upload("revised.docx", _manuscript()),
    )

    assert (first.version, second.version) == (1, 2)
    assert first.file.name != second.file.name
    assert sorted(s3.keys()) == sorted(
        s3.prefix + name for name in (first.file.name, second.file.name)
    )
