"""Convert an accepted DOCX or ODT to a JATS body (and back) with pandoc.

pandoc (bundled by pypandoc-binary) writes JATS 1.2 Journal Publishing; only its
`<body>` and `<back>` are kept, the front matter comes from the database. Images
are extracted to a temporary folder and returned as bytes, keyed by the
content-addressed name that the body now refers to.
"""

import hashlib
import mimetypes
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

from journal.errors import DomainError

from .front import XLINK

HREF = f"{{{XLINK}}}href"
FORMATS = {"docx": "docx", "odt": "odt"}
CAPTION_START = re.compile(r"^\s*(figure|fig\.|рисунок|рис\.)\s*\d*[.:]?\s*", re.I)


@dataclass
class ConvertedBody:
    body: etree._Element
    back: etree._Element | None
    media: dict[str, tuple[bytes, str]] = field(default_factory=dict)


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


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
        try:
            xml = pypandoc.convert_file(
                path,
                "jats_publishing",
                format=fmt,
                extra_args=["--standalone", f"--extract-media={media_dir}"],
            )
        except RuntimeError as exc:
            raise DomainError(
                _("The manuscript could not be converted: %(e)s") % {"e": exc}
            ) from exc
        root = etree.fromstring(xml.encode("utf-8"), safe_parser())
        body = root.find("body")
        if body is None:
            body = etree.Element("body")
        back = root.find("back")
        media = _collect_media(body, Path(media_dir))
        _wrap_figures(body)
        return ConvertedBody(body=body, back=back, media=media)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


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
        name = f"{hashlib.sha256(data).hexdigest()[:20]}.{ext}"
        content_type = mimetypes.types_map.get(f".{ext}", "application/octet-stream")
        media[name] = (data, content_type)
        el.set(HREF, name)
        major, _sep, minor = content_type.partition("/")
        el.set("mimetype", major)
        el.set("mime-subtype", minor)
    return media


def _wrap_figures(body) -> None:
    """Put block images into numbered `<fig>`s; a following "Figure 1. …"
    paragraph becomes the caption."""
    count = len(body.findall(".//fig"))
    for graphic in list(body.iter("graphic")):
        parent = graphic.getparent()
        if parent.tag == "fig":
            continue
        count += 1
        fig = etree.Element("fig", id=f"fig-{count}")
        label = etree.SubElement(fig, "label")
        label.text = f"Figure {count}"
        following = graphic.getnext()
        parent.replace(graphic, fig)
        fig.tail, graphic.tail = graphic.tail, None
        if (
            following is not None
            and following.tag == "p"
            and CAPTION_START.match("".join(following.itertext()))
        ):
            caption = etree.SubElement(fig, "caption")
            text = CAPTION_START.sub("", following.text or "", count=1)
            following.text = text
            caption.append(following)
        fig.append(graphic)
    tables = 0
    for wrap in body.iter("table-wrap"):
        tables += 1
        wrap.set("id", wrap.get("id") or f"table-{tables}")
