"""Strip identifying metadata from manuscripts and reviewers' annotated files.

DOCX and ODT are zip packages: only the parts that carry people's names are
rewritten, every other entry keeps its exact bytes, name, order and
compression; thumbnails (a picture of page one) are dropped. PDF is rewritten
by pikepdf without its document information and XMP metadata, and annotation
authors are replaced. Pictures, alone or inside a package (word/media,
Pictures/), lose their EXIF, XMP, IPTC and text chunks (`images`).
"""

import io
import zipfile
from collections.abc import Callable

from django.utils.translation import gettext as _
from lxml import etree

from submissions.filetypes import DOCX, ODT, PDF

from .errors import ScrubError
from .images import image_type, scrub_image_bytes
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


REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def _is_docx_thumbnail(name: str) -> bool:
    # A picture of page one: the byline as an image, which no text check sees.
    return name.startswith("docProps/thumbnail.")


def _docx_package_rels(root):
    for rel in list(root.iter(f"{{{REL_NS}}}Relationship")):
        if _is_docx_thumbnail(rel.get("Target", "").lstrip("/")):
            rel.getparent().remove(rel)
    return root


def _docx_content_types(root):
    for override in list(root.iter(f"{{{CT_NS}}}Override")):
        if _is_docx_thumbnail(override.get("PartName", "").lstrip("/")):
            override.getparent().remove(override)
    return root


def _docx_rewriter(name: str) -> Callable | None:
    if name == "_rels/.rels":
        return _docx_package_rels
    if name == "[Content_Types].xml":
        return _docx_content_types
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


MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"


def _is_odt_thumbnail(name: str) -> bool:
    return name.startswith("Thumbnails/")


def _odt_manifest(root):
    for entry in list(root.iter(f"{{{MANIFEST_NS}}}file-entry")):
        if _is_odt_thumbnail(entry.get(f"{{{MANIFEST_NS}}}full-path", "")):
            entry.getparent().remove(entry)
    return root


def _odt_rewriter(name: str) -> Callable | None:
    if name == "META-INF/manifest.xml":
        return _odt_manifest
    if name == "meta.xml":
        return _odt_meta
    if name in ("content.xml", "styles.xml"):
        return _odt_content
    return None


# --- zip packages -------------------------------------------------------------


def _rewrite_zip(
    data: bytes,
    rewriter_for: Callable[[str], Callable | None],
    drop: Callable[[str], bool] = lambda name: False,
) -> bytes:
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
            if drop(info.filename):
                continue
            content = source.read(info)
            if image_type(content):
                # A photograph pasted into the text still carries its camera's
                # EXIF: the owner, the place, the date.
                content = scrub_image_bytes(content)
            rewrite = rewriter_for(info.filename)
            if rewrite is not None and content.strip():
                try:
                    before = serialise(parse(content))
                    after = serialise(rewrite(parse(content)))
                    # A part with nothing to remove keeps its exact bytes.
                    if after != before:
                        content = after
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
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise ScrubError(
            _("The PDF is password-protected; upload it without a password.")
        ) from exc
    except (pikepdf.PdfError, ValueError, OSError, RecursionError) as exc:
        raise ScrubError(_("The file is not a readable PDF.")) from exc
    from .leaks import MAX_PDF_PAGES

    try:
        too_long = len(pdf.pages) > MAX_PDF_PAGES
    except (pikepdf.PdfError, ValueError, RecursionError) as exc:
        pdf.close()
        raise ScrubError(_("The file is not a readable PDF.")) from exc
    if too_long:
        pdf.close()
        raise ScrubError(_("The file is not a readable PDF."))
    with pdf:
        # The document information (Author, Creator, Producer...) and the XMP
        # packet (dc:creator, xmp:CreatorTool, history) go entirely.
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        for key in ("/Metadata", "/PieceInfo"):
            if key in pdf.Root:
                del pdf.Root[key]
        for page in pdf.pages:
            for key in ("/Metadata", "/PieceInfo"):
                if key in page.obj:
                    del page.obj[key]
            for annot in page.obj.get("/Annots", None) or []:
                _anonymise_annotation(annot, pikepdf)
                popup = annot.get("/Popup")
                if popup is not None:
                    _anonymise_annotation(popup, pikepdf)
        out = io.BytesIO()
        # Unreferenced objects (the old /Info and XMP stream) are not written;
        # no document ID ties the copy to the original.
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def _anonymise_annotation(annot, pikepdf) -> None:
    if "/T" in annot:
        annot["/T"] = pikepdf.String(ANONYMOUS)
    for key in ("/RC", "/Metadata", "/NM"):
        # Rich-text bodies and per-annotation XMP may repeat the author.
        if key == "/RC" and "/Contents" not in annot:
            continue
        if key in annot:
            del annot[key]


def scrub_file_bytes(data: bytes, content_type: str) -> bytes:
    """The same document without the metadata that names people.

    DOCX: core creator and last-modified-by, company and manager, custom
    properties, authors and initials of comments and tracked changes, the
    thumbnail. ODT: initial creator, creator, printed-by, user-defined fields,
    authors of annotations and tracked changes, Thumbnails/. PDF: document
    information (Author, Creator, Producer…), XMP metadata streams, annotation
    authors.
    Pictures inside DOCX and ODT, and JPEG, PNG, TIFF, GIF and WebP files:
    EXIF (GPS, Artist, Copyright, XPAuthor, maker notes), XMP, IPTC, comments
    and text chunks. Other types come back unchanged. Raises ScrubError for a
    damaged file.
    """
    if content_type.startswith("image/"):
        return scrub_image_bytes(data, content_type)
    if content_type == DOCX:
        return _rewrite_zip(data, _docx_rewriter, drop=_is_docx_thumbnail)
    if content_type == ODT:
        return _rewrite_zip(data, _odt_rewriter, drop=_is_odt_thumbnail)
    if content_type == PDF:
        return _scrub_pdf(data)
    return data
