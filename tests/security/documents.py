"""Hostile documents made on the fly: decompression bombs, XML nested far
deeper than any document, and a PDF whose page tree loops forever."""

import io
import zipfile

from tests.factories import docx_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_with(extra: dict[str, bytes] | None = None, *, replace=None, big=None):
    source = zipfile.ZipFile(io.BytesIO(docx_bytes("A manuscript.")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if replace and item.filename in replace:
                data = replace[item.filename]
            target.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
        if big:
            name, size = big
            with target.open(name, "w", force_zip64=True) as handle:
                chunk = b"\0" * (1024 * 1024)
                for _ in range(size // len(chunk)):
                    handle.write(chunk)
    return out.getvalue()


def zip_bomb_docx(expanded_mb: int = 160) -> bytes:
    """About 0.2 MB that expands to `expanded_mb` MB of zeros."""
    return _docx_with(big=("word/media/image1.bin", expanded_mb * 1024 * 1024))


def many_entries_docx(count: int = 2500) -> bytes:
    return _docx_with({f"word/parts/item{n}.xml": b"<a/>" for n in range(count)})


def deeply_nested_docx(depth: int = 20_000) -> bytes:
    """A document.xml nested `depth` elements deep (libxml2 stops at 256)."""
    body = b"<w:sdt><w:sdtContent>" * depth + b"</w:sdtContent></w:sdt>" * depth
    document = (
        f'<w:document xmlns:w="{W}"><w:body>'.encode()
        + body
        + b"</w:body></w:document>"
    )
    return _docx_with(replace={"word/document.xml": document})


def looping_pdf() -> bytes:
    """A PDF whose page tree refers back to itself."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()
