"""Refuse an oversized upload while it streams in, before it is stored whole."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitUploadHandler(FileUploadHandler):
    """Skips a file once it passes SUBMISSION_MAX_UPLOAD_BYTES.

    The other fields of the form still arrive, so the page can show the reason
    and keep what the person typed. The skipped file's name is kept in
    `request.oversized_uploads`.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.SUBMISSION_MAX_UPLOAD_BYTES
        request.oversized_uploads = []

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        content_length = args[1] if len(args) > 1 else None
        if content_length and content_length > self.limit:
            self._refuse()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        return None

    def _refuse(self):
        self.request.oversized_uploads.append(self.file_name)
        raise SkipFile()
