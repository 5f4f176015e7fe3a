"""Downloading a submission's file: its author and its editors only."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from journal import user_content

from .. import selectors


@login_required
def file_download(request, pk, file_pk):
    submission = selectors.submission_visible_to(request.user, pk)
    record = selectors.file_for(submission, file_pk)
    if not request.user.has_perm("submissions.file_download", record):
        raise Http404
    # Through the storage API, so it streams from the disk or from S3 alike.
    handle = record.file.storage.open(record.file.name, "rb")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=record.original_name,
        content_type=record.content_type or "application/octet-stream",
    )
    user_content.protect(
        response, content_type=response["Content-Type"], policy=user_content.STRICT
    )
    response["Cache-Control"] = "private, no-store"
    return response
