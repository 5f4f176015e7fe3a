"""Does a document's text name its authors?

The text of DOCX (body, headers, footers, notes, comments), ODT (content and
styles, where headers and footers live) and PDF (each page) is searched for
names, emails and affiliations, case-insensitively and as whole words.
"""

import io
import re
import unicodedata
import zipfile

from lxml import etree

from journal.errors import DomainError
from submissions.filetypes import DOCX, ODT, PDF, check_package_bytes

from .scrub import NS, ScrubError
from .xml import parse

W_PARAGRAPH = f"{{{NS['w']}}}p"
W_TEXT = f"{{{NS['w']}}}t"
W_BREAKS = {f"{{{NS['w']}}}tab", f"{{{NS['w']}}}br", f"{{{NS['w']}}}cr"}
ODT_BLOCKS = {f"{{{NS['text']}}}p", f"{{{NS['text']}}}h"}

DOCX_TEXT_PARTS = re.compile(
    r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$"
)


def _docx_part_text(root) -> str:
    chunks = []
    for el in root.iter():
        if el.tag == W_TEXT and el.text:
            chunks.append(el.text)
        elif el.tag in W_BREAKS:
            chunks.append(" ")
        elif el.tag == W_PARAGRAPH:
            chunks.append("\n")
    return "".join(chunks)


def _odt_part_text(root) -> str:
    chunks = []
    for block in root.iter(*ODT_BLOCKS):
        # Nested paragraphs (in frames, notes) are visited on their own too.
        chunks.append("".join(block.itertext()))
    return "\n".join(chunks)


def _zip_text(data: bytes, wanted, extract) -> str:
    try:
        check_package_bytes(data, name="document")
    except DomainError as exc:
        raise ScrubError(exc.message) from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = [n for n in zf.namelist() if wanted(n)]
            return "\n".join(extract(parse(zf.read(n))) for n in sorted(parts))
    except (zipfile.BadZipFile, OSError, ValueError, etree.XMLSyntaxError) as exc:
        raise ScrubError(str(exc)) from exc


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        check_pdf_pages(reader)
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError, RecursionError) as exc:
        raise ScrubError(str(exc)) from exc


MAX_PDF_PAGES = 2000


def check_pdf_pages(reader) -> None:
    """Refuse a PDF with more pages than any manuscript has, or whose page tree
    loops back on itself (pypdf raises, or recursion runs out)."""
    count = len(reader.pages)
    if count > MAX_PDF_PAGES:
        raise ValueError(f"the PDF has {count} pages; at most {MAX_PDF_PAGES}")


def document_text(data: bytes, content_type: str) -> str:
    """Plain text of a DOCX, ODT or PDF file; "" for other types."""
    if content_type == DOCX:
        return _zip_text(data, DOCX_TEXT_PARTS.match, _docx_part_text)
    if content_type == ODT:
        return _zip_text(
            data, lambda n: n in ("content.xml", "styles.xml"), _odt_part_text
        )
    if content_type == PDF:
        return _pdf_text(data)
    return ""


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    # Soft hyphens and zero-width characters split words invisibly.
    return re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", text)


def needle_pattern(needle: str) -> re.Pattern | None:
    words = normalise(needle).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def text_leaks(text: str, needles: list[str]) -> list[str]:
    """The needles found in the text, each once, in the order given."""
    haystack = normalise(text)
    found: list[str] = []
    seen: set[str] = set()
    for needle in needles:
        key = normalise(needle).strip().casefold()
        if not key or key in seen:
            continue
        seen.add(key)
        pattern = needle_pattern(needle)
        if pattern is not None and pattern.search(haystack):
            found.append(needle)
    return found


def find_identity_leaks(
    data: bytes, content_type: str, needles: list[str]
) -> list[str]:
    """Which of the needles (names, emails, affiliations) the document's text shows."""
    return text_leaks(document_text(data, content_type), needles)


SNIPPET_CONTEXT = 40


def leak_snippets(text: str, needles: list[str]) -> list[dict]:
    """Each needle the text shows, once, with the words around its first match.

    Returns [{"term": needle, "snippet": "…text around it…"}] in the order given,
    so a person can find the place in their document.
    """
    haystack = normalise(text)
    found: list[dict] = []
    seen: set[str] = set()
    for needle in needles:
        key = normalise(needle).strip().casefold()
        if not key or key in seen:
            continue
        seen.add(key)
        pattern = needle_pattern(needle)
        match = pattern.search(haystack) if pattern is not None else None
        if match is None:
            continue
        start = max(match.start() - SNIPPET_CONTEXT, 0)
        end = min(match.end() + SNIPPET_CONTEXT, len(haystack))
        snippet = " ".join(haystack[start:end].split())
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(haystack) else ""
        found.append({"term": needle, "snippet": f"{prefix}{snippet}{suffix}"})
    return found


def redact(text: str, needles: list[str], replacement: str) -> str:
    """The text with every whole-word match of the needles replaced."""
    result = normalise(text)
    # Longest first, so "Ivan Petrov" goes before "Petrov" leaves "Ivan".
    for needle in sorted({n for n in needles if n}, key=len, reverse=True):
        pattern = needle_pattern(needle)
        if pattern is not None:
            result = pattern.sub(replacement, result)
    return result
