"""Convert an accepted DOCX or ODT to a JATS body (and back) with pandoc.

pandoc (bundled by pypandoc-binary) writes JATS 1.2 Journal Publishing; only its
`<body>` and `<back>` are kept, the front matter comes from the database. Images
are extracted to a temporary folder and returned as bytes, keyed by the
content-addressed name that the body now refers to.
"""

import hashlib
import io
import mimetypes
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

from journal.bounded_process import BoundedProcessError, Limits, run_bounded
from journal.errors import DomainError
from publishing.jats_links import safe_parser
from submissions.filetypes import check_package

from .front import XLINK

HREF = f"{{{XLINK}}}href"
FORMATS = {"docx": "docx", "odt": "odt"}
CAPTION_START = re.compile(r"^\s*(figure|fig\.|рисунок|рис\.)\s*\d*[.:]?\s*", re.I)


@dataclass
class ConvertedBody:
    body: etree._Element
    back: etree._Element | None
    media: dict[str, tuple[bytes, str]] = field(default_factory=dict)


def convert_document(path: str, extension: str) -> ConvertedBody:
    """Run pandoc on a DOCX/ODT file; raise DomainError if it cannot be read."""
    import pypandoc

    fmt = FORMATS.get(extension.lower())
    if fmt is None:
        raise DomainError(
            _(
                "Only DOCX and ODT manuscripts can be converted to JATS; upload the "
                "copyedited file in one of those formats, or a typeset PDF."
            )
        )
    workdir = tempfile.mkdtemp(prefix="jats-")
    try:
        media_dir = os.path.join(workdir, "media")
        with open(path, "rb") as handle:
            check_package(handle, name=os.path.basename(path))
        xml = _pandoc(pypandoc.get_pandoc_path(), path, fmt, media_dir)
        root = etree.fromstring(xml, safe_parser())
        body = root.find("body")
        if body is None:
            body = etree.Element("body")
        back = root.find("back")
        media = _collect_media(body, Path(media_dir))
        _wrap_figures(body)
        return ConvertedBody(body=body, back=back, media=media)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _pandoc(pandoc: str, path: str, fmt: str, media_dir: str) -> bytes:
    """pandoc in a child process with a memory ceiling (both the address-space
    limit and pandoc's own heap limit) and a time limit."""
    from django.conf import settings

    memory = settings.PANDOC_MEMORY_MB
    limits = Limits(
        memory_bytes=(memory + 256) * 1024 * 1024,
        cpu_seconds=settings.PANDOC_TIMEOUT_SECONDS,
        timeout_seconds=settings.PANDOC_TIMEOUT_SECONDS,
    )
    argv = [
        pandoc, path, "--from", fmt, "--to", "jats_publishing", "--standalone",
        f"--extract-media={media_dir}", "+RTS", f"-M{memory}m", "-RTS",
    ]  # fmt: skip
    try:
        return run_bounded(argv, limits=limits)
    except BoundedProcessError as exc:
        if exc.reason == "timeout":
            why = _("it took longer than %(n)s seconds") % {"n": limits.timeout_seconds}
        elif "Heap exhausted" in exc.detail or "+RTS -M" in exc.detail:
            why = _("it needed more than %(n)s MB of memory") % {"n": memory}
        else:
            why = exc.detail or _("the converter stopped")
        raise DomainError(
            _("The manuscript could not be converted: %(e)s") % {"e": why}
        ) from exc


def _collect_media(body, media_dir: Path) -> dict[str, tuple[bytes, str]]:
    media: dict[str, tuple[bytes, str]] = {}
    root = media_dir.resolve()
    for el in body.iter("graphic", "inline-graphic"):
        href = el.get(HREF, "")
        target = Path(href)
        if not target.is_absolute():
            target = Path.cwd() / target
        target = target.resolve()
        if root not in target.parents or not target.is_file():
            el.getparent().remove(el)  # never reach outside the extraction folder
            continue
        data = target.read_bytes()
        ext = target.suffix.lower().lstrip(".") or "bin"
        if ext in SVG_EXTENSIONS:
            data, ext = _svg_as_png(data, target.name), "png"
        name = f"{hashlib.sha256(data).hexdigest()[:20]}.{ext}"
        content_type = mimetypes.types_map.get(f".{ext}", "application/octet-stream")
        media[name] = (data, content_type)
        el.set(HREF, name)
        major, _sep, minor = content_type.partition("/")
        el.set("mimetype", major)
        el.set("mime-subtype", minor)
    return media


SVG_EXTENSIONS = {"svg", "svgz"}


def _svg_as_png(data: bytes, name: str) -> bytes:
    """A drawing can carry script; only its pixels are kept (see render.svg)."""
    from ..render.svg import SvgConversionError, svg_to_png

    if name.lower().endswith(".svgz"):
        import gzip

        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
                data = handle.read(MAX_SVG_BYTES + 1)
        except OSError as exc:
            raise _figure_refused(name, str(exc)) from exc
    if len(data) > MAX_SVG_BYTES:
        raise _figure_refused(name, _("it is larger than 20 MB"))
    try:
        return svg_to_png(data)
    except SvgConversionError as exc:
        raise _figure_refused(name, str(exc)) from exc


MAX_SVG_BYTES = 20 * 1024 * 1024


def _figure_refused(name: str, why: str) -> DomainError:
    return DomainError(
        _(
            "The figure %(name)s is an SVG drawing that could not be turned into "
            "an image (%(why)s). Replace it with a PNG or JPEG in the manuscript."
        )
        % {"name": name, "why": why}
    )


def _wrap_figures(body) -> None:
    """Put block images into numbered `<fig>`s; a "Figure 1. …" paragraph just
    after the image (or just before it) becomes the caption and gives the
    number."""
    count = len(body.findall(".//fig"))
    for graphic in list(body.iter("graphic")):
        parent = graphic.getparent()
        if parent.tag == "fig":
            continue
        count += 1
        paragraph = _figure_caption(graphic, count)
        number = count
        if paragraph is not None:
            number = int(
                _digits(CAPTION_START.match(_text(paragraph)).group()) or count
            )
        fig = etree.Element("fig", id=f"fig-{count}")
        label = etree.SubElement(fig, "label")
        label.text = f"Figure {number}"
        parent.replace(graphic, fig)
        fig.tail, graphic.tail = graphic.tail, None
        if paragraph is not None:
            caption = etree.SubElement(fig, "caption")
            paragraph.text = CAPTION_START.sub("", paragraph.text or "", count=1)
            _detach(paragraph)
            caption.append(paragraph)
        fig.append(graphic)
    tables = 0
    used = {el.get("id") for el in body.iter(tag=etree.Element) if el.get("id")}
    for wrap in body.iter("table-wrap"):
        tables += 1
        number = _caption_table(wrap, tables)
        if not wrap.get("id"):
            wrap_id = f"table-{number}"
            while wrap_id in used:  # two tables numbered alike in the manuscript
                wrap_id += "-b"
            used.add(wrap_id)
            wrap.set("id", wrap_id)


TABLE_CAPTION = re.compile(r"^\s*(?:table|табл\.|таблица)\s*(\d+)[.:]?\s*", re.I)


def _text(el) -> str:
    return "".join(el.itertext())


def _figure_caption(graphic, expected: int):
    """The caption paragraph of an image: the one beside it numbered as
    expected, else the one after it, else the one before it."""
    found = [
        el
        for el in (graphic.getnext(), graphic.getprevious())
        if el is not None and el.tag == "p" and CAPTION_START.match(_text(el))
    ]
    for el in found:
        if _digits(CAPTION_START.match(_text(el)).group()) == str(expected):
            return el
    return found[0] if found else None


def _detach(paragraph) -> None:
    """Take a paragraph out of the text flow, keeping any text after it."""
    parent = paragraph.getparent()
    previous = paragraph.getprevious()
    if paragraph.tail and paragraph.tail.strip():
        if previous is None:
            parent.text = (parent.text or "") + paragraph.tail
        else:
            previous.tail = (previous.tail or "") + paragraph.tail
    paragraph.tail = None


def _caption_paragraph(el):
    if el is not None and el.tag == "p":
        match = TABLE_CAPTION.match("".join(el.itertext()))
        if match:
            return el, match
    return None, None


def _caption_table(wrap, count: int) -> int:
    """Give a table its label and caption from a "Table 2. …" paragraph just
    before it (the usual place) or just after it; returns its number."""
    if wrap.find("label") is not None:
        return int(_digits(wrap.findtext("label")) or count)
    caption = wrap.find("caption")
    if caption is not None:
        match = TABLE_CAPTION.match("".join(caption.itertext()))
        number = int(match.group(1)) if match else count
        first = caption[0] if len(caption) else None
        if match and first is not None and first.text:
            first.text = TABLE_CAPTION.sub("", first.text, count=1)
    else:
        paragraph, match = _caption_paragraph(wrap.getprevious())
        if paragraph is None:
            paragraph, match = _caption_paragraph(wrap.getnext())
        if paragraph is None:
            number = count
        else:
            number = int(match.group(1))
            _detach(paragraph)
            paragraph.text = TABLE_CAPTION.sub("", paragraph.text or "", count=1)
            caption = etree.Element("caption")
            caption.append(paragraph)  # moves it out of the body's flow
            wrap.insert(0, caption)
    label = etree.Element("label")
    label.text = f"Table {number}"
    wrap.insert(0, label)
    return number


def _digits(text: str | None) -> str:
    match = re.search(r"\d+", text or "")
    return match.group() if match else ""
