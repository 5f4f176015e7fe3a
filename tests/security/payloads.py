"""Hostile content an author can put in a manuscript: a figure that is an SVG
with script in it, and hyperlinks to `javascript:`, `vbscript:` and `data:`."""

import io
import re
import zipfile

from tests.production.factories import manuscript_docx

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60">'
    b"<script>alert(document.cookie)</script>"
    b'<rect width="120" height="60" fill="#0b4f6c" onload="alert(2)"/></svg>'
)
UNSAFE_LINKS = (
    "javascript:alert(document.domain)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    " JaVaScRiPt:alert(3)",
)
SAFE_LINK = "https://example.org/report"


def _hyperlinks(links: list[str]) -> tuple[str, str]:
    """Paragraph XML with a hyperlink per address, and their relationships."""
    runs, rels = [], []
    for n, target in enumerate(links, start=1):
        rid = f"rIdHostile{n}"
        runs.append(
            f'<w:hyperlink r:id="{rid}"><w:r><w:t>link {n}</w:t></w:r></w:hyperlink>'
            f'<w:r><w:t xml:space="preserve"> and </w:t></w:r>'
        )
        target = target.replace("&", "&amp;").replace('"', "&quot;")
        rels.append(
            f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/hyperlink" Target="{target}" '
            f'TargetMode="External"/>'
        )
    return "<w:p>" + "".join(runs) + "</w:p>", "".join(rels)


def hostile_docx() -> bytes:
    """A real DOCX whose figure is SVG_WITH_SCRIPT and whose text links to
    every address in UNSAFE_LINKS and to SAFE_LINK."""
    source = zipfile.ZipFile(io.BytesIO(manuscript_docx(figures=1)))
    out = io.BytesIO()
    paragraph, rels = _hyperlinks([*UNSAFE_LINKS, SAFE_LINK])
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            name = item.filename
            if name.startswith("word/media/"):
                name = re.sub(r"\.\w+$", ".svg", name)
                data = SVG_WITH_SCRIPT
            elif name == "word/_rels/document.xml.rels":
                text = re.sub(r'(Target="media/[^"]+)\.\w+"', r'\1.svg"', data.decode())
                data = text.replace("</Relationships>", rels + "</Relationships>")
                data = data.encode()
            elif name == "[Content_Types].xml":
                data = data.replace(
                    b"<Default ",
                    b'<Default Extension="svg" ContentType="image/svg+xml"/><Default ',
                    1,
                )
            elif name == "word/document.xml":
                data = data.replace(b"</w:body>", b"").replace(
                    b"<w:sectPr", paragraph.encode() + b"<w:sectPr", 1
                )
                if b"</w:body>" not in data:
                    data = data.replace(b"</w:document>", b"</w:body></w:document>")
            target.writestr(name, data)
    return out.getvalue()
