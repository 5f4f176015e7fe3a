"""A double-anonymous submission whose author is named everywhere, for the
reviewer's-copy, outcome and text-check tests."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from journal.models import ReviewMethod, Role
from submissions.filetypes import DOCX
from submissions.models import FileKind, State
from tests.factories import (
    ContributorFactory,
    JournalFactory,
    RoleFactory,
    SectionFactory,
    SubmissionFactory,
    SubmissionFileFactory,
    UserFactory,
    upload,
)

from .signed_documents import AFFILIATION, EMAIL, ORCID, signed_docx


def signed_submission(*, state=State.SUBMITTED, method=ReviewMethod.DOUBLE_ANONYMOUS):
    """A submission by Aigerim Nurlanovna with only her signed manuscript, and
    its handling editor. Returns (submission, editor)."""
    journal = JournalFactory(review_method=ReviewMethod.DOUBLE_ANONYMOUS)
    section = SectionFactory(journal=journal, review_method=method)
    author = UserFactory(
        given_name="Aigerim",
        family_name="Nurlanovna",
        email=EMAIL,
        affiliation=AFFILIATION,
    )
    submission = SubmissionFactory(
        journal=journal,
        section=section,
        submitter=author,
        state=state,
        with_author=False,
        with_manuscript=False,
    )
    ContributorFactory(
        submission=submission,
        user=author,
        given_name="Aigerim",
        family_name="Nurlanovna",
        email=EMAIL,
        affiliation=AFFILIATION,
        orcid=ORCID,
        is_corresponding=True,
    )
    add_file(submission, FileKind.MANUSCRIPT, signed_docx())
    editor = RoleFactory(journal=journal, role=Role.EDITOR).user
    submission.editor = editor
    submission.save(update_fields=["editor"])
    return submission, editor


def add_file(submission, kind, data, *, version=None, minutes_ago=0):
    last = submission.files.filter(kind=kind).order_by("-version").first()
    return SubmissionFileFactory(
        submission=submission,
        kind=kind,
        version=version or (last.version + 1 if last else 1),
        content_type=DOCX,
        original_name=f"{kind}.docx",
        file=ContentFile(data, name=f"{kind}.docx"),
        uploaded_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )


def docx_upload(data: bytes, name: str = "paper.docx"):
    return upload(name, data, DOCX)


def reviewer_named(given="Timur", family="Bekov", **kwargs):
    return UserFactory(given_name=given, family_name=family, **kwargs)
