"""S3 (SeaweedFS) is down while an author uploads a file: a clear message, the
form keeps what was typed, nothing is half-written; once S3 is back the same
upload works."""

import pytest
from botocore.config import Config
from django.urls import reverse

from submissions.models import FileKind, SubmissionFile
from tests.factories import SubmissionFactory, docx_bytes, upload

pytestmark = [pytest.mark.services]

DESCRIPTION = "Manuscript with the revised tables"


@pytest.fixture
def storage_on(own_seaweedfs, settings):
    bucket = "journal-outage"
    own_seaweedfs.server.client().create_bucket(Bucket=bucket)
    server = own_seaweedfs.server
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": server.endpoint_url,
                "access_key": server.access_key,
                "secret_key": server.secret_key,
                "region_name": server.region,
                "default_acl": None,
                "file_overwrite": False,
                "addressing_style": "path",
                "signature_version": "s3v4",
                # One quick try: the test need not wait out botocore's retries.
                "client_config": Config(connect_timeout=2, retries={"max_attempts": 1}),
            },
        },
    }
    return own_seaweedfs, bucket


def _post(client, draft):
    return client.post(
        reverse("submissions:file_upload", args=[draft.pk]),
        {
            "kind": FileKind.MANUSCRIPT,
            "description": DESCRIPTION,
            "file": upload("manuscript.docx", docx_bytes("Merit-based recruitment")),
        },
    )


def _keys(weed, bucket) -> list[str]:
    listing = weed.server.client().list_objects_v2(Bucket=bucket)
    return [item["Key"] for item in listing.get("Contents", [])]


def test_an_upload_while_s3_is_down_fails_clearly_and_works_once_it_is_back(
    db, storage_on, client
):
    weed, bucket = storage_on
    draft = SubmissionFactory(with_manuscript=False)
    client.force_login(draft.submitter)
    keys_before = _keys(weed, bucket)

    weed.stop()
    response = _post(client, draft)

    assert response.status_code == 400
    html = response.content.decode()
    assert "could not be stored just now, so nothing was saved" in html
    assert DESCRIPTION in html
    assert SubmissionFile.objects.filter(submission=draft).count() == 0

    weed.start()
    assert _keys(weed, bucket) == keys_before
    response = _post(client, draft)

    assert response.status_code == 302
    stored = SubmissionFile.objects.get(submission=draft)
    assert stored.description == DESCRIPTION
    assert _keys(weed, bucket) == [*keys_before, stored.file.name]
