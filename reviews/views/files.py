"""Serving files to reviewers and authors without revealing who made them."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from journal import user_content
from journal.errors import DomainError


def scrubbed(data: bytes, content_type: str) -> bytes:
    """The bytes with identifying metadata removed.

    Falls back to the raw bytes only if the scrubbing module is not installed.
    """
    try:
        from reviews.anonymity import ScrubError, scrub_file_bytes
    except ImportError:  # pragma: no cover - the module ships with the app
        return data
    try:
        return scrub_file_bytes(data, content_type)
    except ScrubError as exc:
        raise DomainError(
            _(
                "This file is damaged and cannot be made anonymous. The editor has "
                "been told."
            )
        ) from exc


def download_response(data: bytes, *, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    user_content.protect(
        response, content_type=content_type, policy=user_content.STRICT
    )
    response["Cache-Control"] = "private, no-store"
    return response


def read_field(field_file) -> bytes:
    with field_file.open("rb") as fh:
        return fh.read()
