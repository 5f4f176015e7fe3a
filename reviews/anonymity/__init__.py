"""Keeping identities hidden where the review method says so.

- ``scrub``: strip identifying metadata from DOCX, ODT and PDF files.
- ``leaks``: search a document's text for names, emails and affiliations.
- ``checks``: the editor's check of the anonymised manuscript and the rule that
  lets reviewers download it.
- ``send_checks``: stop an email that would reveal who someone is.
"""

from .leaks import document_text, find_identity_leaks
from .scrub import ANONYMOUS, ScrubError, scrub_file_bytes

__all__ = [
    "ANONYMOUS",
    "ScrubError",
    "document_text",
    "find_identity_leaks",
    "scrub_file_bytes",
]
