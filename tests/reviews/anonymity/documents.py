"""Builders of real DOCX, ODT and PDF files carrying an author's identity."""

import io
import zipfile

AUTHOR = "Aigerim Nurlanovna"
AUTHOR_EMAIL = "aigerim@ministry.example.kz"
COMPANY = "Agency for Civil Service Affairs"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_with_identity(body: str = "Merit-based recruitment in ministries.") -> bytes:
    """A DOCX whose properties, comments and tracked changes name the author."""
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph(body)
    document.core_properties.author = AUTHOR
    document.core_properties.last_modified_by = AUTHOR
    document.add_comment(
        paragraph.runs, text="Check this figure", author=AUTHOR, initials="AN"
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return _add_docx_extras(buffer.getvalue())


def _add_docx_extras(data: bytes) -> bytes:
    """Company/manager in app.xml, a tracked insertion and deletion, people.xml."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/app.xml":
                content = content.replace(
                    b"</Properties>",
                    f"<Company>{COMPANY}</Company><Manager>{AUTHOR}</Manager>"
                    f"</Properties>".encode(),
                )
            if info.filename == "word/document.xml":
                tracked = (
                    f'<w:p><w:ins w:id="91" w:author="{AUTHOR}" '
                    f'w:date="2024-01-01T00:00:00Z"><w:r><w:t>added</w:t></w:r>'
                    f'</w:ins><w:del w:id="92" w:author="{AUTHOR}" '
                    f'w:date="2024-01-01T00:00:00Z"><w:r><w:delText>gone</w:delText>'
                    f"</w:r></w:del></w:p>"
                ).encode()
                content = content.replace(b"<w:sectPr", tracked + b"<w:sectPr", 1)
            target.writestr(info, content)
        target.writestr(
            "word/people.xml",
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
                f'<w15:person w15:author="{AUTHOR}"><w15:presenceInfo '
                f'w15:providerId="AD" w15:userId="{AUTHOR_EMAIL}"/></w15:person>'
                "</w15:people>"
            ).encode(),
        )
    return out.getvalue()


ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def odt_with_identity(body: str = "Merit-based recruitment in ministries.") -> bytes:
    """An ODT package written by hand: meta.xml, content.xml with an annotation."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    meta_ns = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
    dc = "http://purl.org/dc/elements/1.1/"
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-meta xmlns:office="{office}" xmlns:meta="{meta_ns}" '
        f'xmlns:dc="{dc}" office:version="1.3"><office:meta>'
        f"<meta:initial-creator>{AUTHOR}</meta:initial-creator>"
        f"<dc:creator>{AUTHOR}</dc:creator>"
        f"<dc:title>Recruitment</dc:title>"
        f'<meta:user-defined meta:name="Owner">{AUTHOR_EMAIL}</meta:user-defined>'
        f"</office:meta></office:document-meta>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content xmlns:office="{office}" xmlns:text="{text}" '
        f'xmlns:dc="{dc}" office:version="1.3"><office:body><office:text>'
        f"<text:p>{body}<office:annotation><dc:creator>{AUTHOR}</dc:creator>"
        f"<dc:date>2024-01-01T00:00:00</dc:date><text:p>Check this</text:p>"
        f"</office:annotation></text:p>"
        f"</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), ODT_MIMETYPE, zipfile.ZIP_STORED)
        zf.writestr("meta.xml", meta, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def pdf_with_identity(text: str | None = None) -> bytes:
    """A PDF with Author/Creator/Producer and an XMP stream naming the author."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    if text:
        _write_text(writer, page, text)
    writer.add_metadata(
        {"/Author": AUTHOR, "/Creator": f"Word for {AUTHOR}", "/Producer": COMPANY}
    )
    xmp = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:creator><rdf:Seq><rdf:li>{AUTHOR}</rdf:li></rdf:Seq></dc:creator>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()
    stream = DecodedStreamObject()
    stream.set_data(xmp)
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _write_text(writer, page, text: str) -> None:
    from pypdf.generic import (
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
    )

    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject(
                {NameObject("/F1"): writer._add_object(font)}
            )
        }
    )
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(content)


def zip_entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}
