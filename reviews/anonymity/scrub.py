"""Strip identifying metadata from manuscripts and reviewers' annotated files.

DOCX and ODT are zip packages: only the parts that carry people's names are
rewritten, every other entry keeps its exact bytes, name, order and
compression. PDF is rewritten by pypdf without its document information and
XMP metadata, and annotation authors are replaced.
"""

import io
import zipfile
from collections.abc import Callable

from django.utils.translation import gettext as _
from lxml import etree

from journal.errors import DomainError
from submissions.filetypes import DOCX, ODT, PDF

from .xml import parse, serialise

ANONYMOUS = "Anonymous"
ANONYMOUS_INITIALS = "A"

NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
}


class ScrubError(DomainError):
    """The file claims a type but cannot be read as one."""


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


# --- DOCX ---------------------------------------------------------------------


def _docx_core(root):
    for tag in ("dc:creator", "cp:lastModifiedBy"):
        for el in root.iter(_q(*tag.split(":"))):
            el.text = ANONYMOUS
    return root


def _docx_app(root):
    for tag in ("Company", "Manager"):
        for el in root.iter(f"{{{NS['ep']}}}{tag}"):
            el.text = ""
    return root


def _docx_custom(root):
    # Custom properties are free-form (document-management systems put owners'
    # names and emails there); none is needed to open the document.
    for child in list(root):
        root.remove(child)
    return root


WORD_AUTHOR_ATTRS = {
    _q("w", "author"): ANONYMOUS,
    _q("w", "initials"): ANONYMOUS_INITIALS,
    _q("w15", "author"): ANONYMOUS,
}


def _docx_word_part(root):
    """Tracked changes (w:ins, w:del, w:rPrChange…) and comments carry w:author."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr, value in WORD_AUTHOR_ATTRS.items():
            if attr in el.attrib:
                el.set(attr, value)
    # people.xml links each author to an account (often an email address).
    for presence in root.iter(_q("w15", "presenceInfo")):
        presence.getparent().remove(presence)
    return root


def _docx_rewriter(name: str) -> Callable | None:
    if name == "docProps/core.xml":
        return _docx_core
    if name == "docProps/app.xml":
        return _docx_app
    if name == "docProps/custom.xml":
        return _docx_custom
    if name.startswith("word/") and name.endswith(".xml"):
        return _docx_word_part
    return None


# --- ODT ----------------------------------------------------------------------


def _odt_meta(root):
    for tag in ("meta:initial-creator", "dc:creator", "meta:printed-by"):
        for el in root.iter(_q(*tag.split(":"))):
            el.text = ANONYMOUS
    for el in list(root.iter(_q("meta", "user-defined"))):
        el.getparent().remove(el)
    return root


def _odt_content(root):
    # Annotations and tracked changes (office:change-info) name their author
    # with dc:creator; LibreOffice adds initials.
    for el in root.iter(_q("dc", "creator")):
        el.text = ANONYMOUS
    for tag in ("meta:creator-initials", "loext:sender-initials"):
        for el in root.iter(_q(*tag.split(":"))):
            el.text = ANONYMOUS_INITIALS
    # Fields that print the author's name into the text.
    for tag in ("text:author-name", "text:initial-creator", "text:creator"):
        for el in root.iter(_q(*tag.split(":"))):
            for child in list(el):
                el.remove(child)
            el.text = ANONYMOUS
    for el in list(root.iter(_q("text", "author-initials"))):
        for child in list(el):
            el.remove(child)
        el.text = ANONYMOUS_INITIALS
    return root


def _odt_rewriter(name: str) -> Callable | None:
    if name == "meta.xml":
        return _odt_meta
    if name in ("content.xml", "styles.xml"):
        return _odt_content
    return None


# --- zip packages -------------------------------------------------------------


def _rewrite_zip(data: bytes, rewriter_for: Callable[[str], Callable | None]) -> bytes:
    from journal.errors import DomainError
    from submissions.filetypes import check_package_bytes

    try:
        check_package_bytes(data, name="document")
    except DomainError as exc:
        raise ScrubError(exc.message) from exc
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        entries = source.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ScrubError(_("The file is not a readable document package.")) from exc
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w") as target:
        for info in entries:
            content = source.read(info)
            rewrite = rewriter_for(info.filename)
            if rewrite is not None and content.strip():
                try:
                    content = serialise(rewrite(parse(content)))
                except etree.XMLSyntaxError as exc:
                    raise ScrubError(
                        _("The document part “%(name)s” is not valid XML.")
                        % {"name": info.filename}
                    ) from exc
            # A fresh header: the original's extra fields and comment may hold
            # the creating machine's details.
            fresh = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            fresh.compress_type = info.compress_type
            fresh.external_attr = info.external_attr
            fresh.create_system = info.create_system
            target.writestr(fresh, content)
    return out.getvalue()


# --- PDF ----------------------------------------------------------------------


def _scrub_pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError
    from pypdf.generic import NameObject, TextStringObject

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ScrubError(
                _("The PDF is password-protected; upload it without a password.")
            )
        from .leaks import check_pdf_pages

        check_pdf_pages(reader)
        writer = PdfWriter(clone_from=reader)
    except (PdfReadError, ValueError, KeyError, OSError, RecursionError) as exc:
        raise ScrubError(_("The file is not a readable PDF.")) from exc
    # No /Info at all: pypdf would otherwise add its own /Producer.
    writer.metadata = None
    root = writer.root_object
    for key in ("/Metadata", "/PieceInfo"):
        if key in root:
            del root[NameObject(key)]
    for page in writer.pages:
        for key in ("/Metadata", "/PieceInfo"):
            if key in page:
                del page[NameObject(key)]
        for ref in page.get("/Annots", None) or []:
            annot = ref.get_object()
            if "/T" in annot:
                annot[NameObject("/T")] = TextStringObject(ANONYMOUS)
            popup = annot.get("/Popup")
            if popup is not None and "/T" in popup.get_object():
                popup.get_object()[NameObject("/T")] = TextStringObject(ANONYMOUS)
    # Cloning copies every object, referenced or not; this also drops the
    # unreferenced ones (the old /Info dictionary and XMP stream among them).
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scrub_file_bytes(data: bytes, content_type: str) -> bytes:
    """The same document without the metadata that names people.

    DOCX: core creator and last-modified-by, company and manager, custom
    properties, authors and initials of comments and tracked changes.
    ODT: initial creator, creator, printed-by, user-defined fields, authors of
    annotations and tracked changes. PDF: document information (Author,
    Creator, Producer…), XMP metadata streams, annotation authors.
    Other types come back unchanged. Raises ScrubError for a damaged file.
    """
    if content_type == DOCX:
        return _rewrite_zip(data, _docx_rewriter)
    if content_type == ODT:
        return _rewrite_zip(data, _odt_rewriter)
    if content_type == PDF:
        return _scrub_pdf(data)
    return data
