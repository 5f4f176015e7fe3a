"""Manuscripts that name their authors everywhere a real one does.

Each DOCX carries the author in its core and app properties, custom
properties, a byline and affiliation in the text, a comment, a tracked change
and a picture of page one in docProps/thumbnail.jpeg. The PDF carries them in
its document information, its XMP packet and an annotation, and in its text.
One of each is in Russian.
"""

import io
import zipfile

AUTHOR = "Aigerim Nurlanovna"
EMAIL = "aigerim.n@asyl.example.kz"
AFFILIATION = "Agency for Civil Service Affairs"
ORCID = "0000-0002-1825-0097"

AUTHOR_RU = "Айгерим Нурлановна"
AFFILIATION_RU = "Агентство по делам государственной службы"

THUMBNAIL = b"\xff\xd8\xff\xe0 page one showing " + AUTHOR.encode() + b"\xff\xd9"
CP = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
THUMB_REL = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
)
CUSTOM_REL = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "custom-properties"
)


def signed_docx(
    *,
    byline: str | None = AUTHOR,
    affiliation: str | None = AFFILIATION,
    body: str = "Merit-based recruitment in the civil service of Kazakhstan.",
    author: str = AUTHOR,
    closing: str = "",
) -> bytes:
    """A DOCX naming `author` in properties, comments, changes and thumbnail;
    the byline and affiliation lines are left out when None."""
    import docx

    document = docx.Document()
    if byline:
        document.add_paragraph(byline)
    if affiliation:
        document.add_paragraph(affiliation)
    paragraph = document.add_paragraph(body)
    if closing:
        document.add_paragraph(closing)
    document.core_properties.author = author
    document.core_properties.last_modified_by = author
    document.add_comment(paragraph.runs, text="Check", author=author, initials="AN")
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_parts(buffer.getvalue(), author)


def _with_parts(data: bytes, author: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    has_thumbnail = "docProps/thumbnail.jpeg" in source.namelist()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                tracked = (
                    f'<w:p><w:ins w:id="91" w:author="{author}" '
                    f'w:date="2024-01-01T00:00:00Z"><w:r><w:t>added</w:t></w:r>'
                    f"</w:ins></w:p>"
                ).encode()
                content = content.replace(b"<w:sectPr", tracked + b"<w:sectPr", 1)
            if info.filename == "docProps/thumbnail.jpeg":
                content = THUMBNAIL
            if info.filename == "_rels/.rels":
                thumb = (
                    ""
                    if has_thumbnail
                    else f'<Relationship Id="rIdThumb" Type="{THUMB_REL}" '
                    f'Target="docProps/thumbnail.jpeg"/>'
                )
                content = content.replace(
                    b"</Relationships>",
                    (
                        f"{thumb}"
                        f'<Relationship Id="rIdCustom" Type="{CUSTOM_REL}" '
                        f'Target="docProps/custom.xml"/></Relationships>'
                    ).encode(),
                )
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Default Extension="jpeg" ContentType="image/jpeg"/>'
                    b'<Override PartName="/docProps/custom.xml" ContentType='
                    b'"application/vnd.openxmlformats-officedocument.custom-'
                    b'properties+xml"/></Types>',
                )
            target.writestr(info, content)
        if not has_thumbnail:
            target.writestr("docProps/thumbnail.jpeg", THUMBNAIL)
        target.writestr(
            "docProps/custom.xml",
            (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<Properties xmlns="{CP}" xmlns:vt="{VT}">'
                f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" '
                f'name="Owner"><vt:lpwstr>{author} &lt;{EMAIL}&gt;</vt:lpwstr>'
                f"</property></Properties>"
            ).encode(),
        )
    return out.getvalue()


def signed_docx_ru() -> bytes:
    return signed_docx(
        byline=AUTHOR_RU,
        affiliation=AFFILIATION_RU,
        body="Меритократия при найме на государственную службу Казахстана.",
        author=AUTHOR_RU,
    )


def signed_pdf(
    text: str = f"{AUTHOR}, {AFFILIATION}. Merit-based recruitment.",
) -> bytes:
    """A one-page PDF with the text, /Info and XMP naming the author, and an
    annotation they wrote."""
    import pikepdf

    content = (
        b"BT /F1 11 Tf 40 780 Td (" + text.encode("latin-1", "replace") + b") Tj ET"
    )
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
        )
    )
    page = pikepdf.Page(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 595, 842],
            Contents=pdf.make_stream(content),
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        )
    )
    pdf.pages.append(page)
    annot = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Text,
            Rect=[10, 10, 30, 30],
            T=pikepdf.String(AUTHOR),
            Contents=pikepdf.String("A note"),
        )
    )
    pdf.pages[0].obj["/Annots"] = pdf.make_indirect(pikepdf.Array([annot]))
    pdf.docinfo["/Author"] = AUTHOR
    pdf.docinfo["/Creator"] = AFFILIATION
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [AUTHOR]
        meta["xmp:CreatorTool"] = AFFILIATION
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}
