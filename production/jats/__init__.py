"""JATS XML from one source: the body from the accepted manuscript (pandoc), the
front matter and references from the database, validated against JATS 1.3.

For other parts of publishing:
- `build_article_jats(article) -> bytes`: the current JATS of an article, its
  front matter rebuilt from the database and its body taken from the last
  stored version (converted from the manuscript if none is stored yet).
- `validate_jats(xml_bytes) -> list[str]`: the schema validator's messages.
"""

import os
import shutil
import tempfile

from django.utils.translation import gettext as _
from lxml import etree

from journal.errors import DomainError
from publishing.jats_links import strip_unsafe_links
from submissions.models import FileKind

from .body import ConvertedBody, convert_document, safe_parser
from .data import ArticleData, ContributorData, JournalData, article_data
from .front import ArticleBuilder
from .schema import SchemaMissing, jats_schema, validate_jats

__all__ = [
    "ArticleBuilder",
    "ArticleData",
    "ContributorData",
    "ConvertedBody",
    "JournalData",
    "SchemaMissing",
    "article_data",
    "build_article_jats",
    "convert_source",
    "jats_schema",
    "serialise",
    "source_file",
    "validate_jats",
]


def serialise(article_el) -> bytes:
    return etree.tostring(
        article_el, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def source_file(submission):
    """The file production converts: the latest copyedited, else the manuscript."""

    files = submission.files.filter(
        kind__in=[FileKind.COPYEDITED, FileKind.MANUSCRIPT]
    ).order_by("-version", "-uploaded_at")
    by_kind = {}
    for f in files:
        by_kind.setdefault(f.kind, f)
    return by_kind.get(FileKind.COPYEDITED) or by_kind.get(FileKind.MANUSCRIPT)


def convert_source(submission) -> ConvertedBody:
    """Convert the submission's source file; DomainError if there is none usable."""
    record = source_file(submission)
    if record is None:
        raise DomainError(_("There is no manuscript to convert."))
    workdir = tempfile.mkdtemp(prefix="jats-src-")
    try:
        path = os.path.join(workdir, f"source.{record.extension or 'bin'}")
        with record.file.open("rb") as src, open(path, "wb") as dst:
            shutil.copyfileobj(src, dst)
        return convert_document(path, record.extension)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _stored_body(article) -> tuple[etree._Element | None, etree._Element | None]:
    if not article.jats_xml:
        return None, None
    root = etree.fromstring(article.jats_xml.encode("utf-8"), safe_parser())
    back = root.find("back")
    if back is not None:
        for ref_list in back.findall("ref-list"):
            back.remove(ref_list)  # rebuilt from the database's references
    return root.find("body"), back


def build_article_jats(article, converted: ConvertedBody | None = None) -> bytes:
    """The article's JATS document (not yet validated: call validate_jats)."""
    if converted is None:
        body, back = _stored_body(article)
        if body is None:
            converted = convert_source(article.submission)
    if converted is not None:
        body, back = converted.body, converted.back
    element = ArticleBuilder(article_data(article)).build(body=body, back=back)
    strip_unsafe_links(element)
    return serialise(element)
