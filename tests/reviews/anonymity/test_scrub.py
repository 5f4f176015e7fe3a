import io
import zlib

import pytest

from reviews.anonymity import ScrubError, scrub_file_bytes
from submissions.filetypes import DOCX, ODT, PDF

from .documents import (
    AUTHOR,
    AUTHOR_EMAIL,
    COMPANY,
    docx_with_identity,
    odt_with_identity,
    pdf_with_identity,
    zip_entries,
)

IDENTITY = [AUTHOR.encode(), AUTHOR_EMAIL.encode(), COMPANY.encode()]


def assert_identity_absent_from_zip(data: bytes):
    assert not any(needle in data for needle in IDENTITY)
    for name, content in zip_entries(data).items():
        for needle in IDENTITY:
            assert needle not in content, f"{needle!r} still in {name}"


def test_docx_fixture_really_names_the_author_before_scrubbing():
    entries = zip_entries(docx_with_identity())
    assert AUTHOR.encode() in entries["docProps/core.xml"]
    assert AUTHOR.encode() in entries["word/comments.xml"]
    assert AUTHOR.encode() in entries["word/document.xml"]
    assert COMPANY.encode() in entries["docProps/app.xml"]
    assert AUTHOR_EMAIL.encode() in entries["word/people.xml"]


def test_scrubbed_docx_names_the_author_nowhere_and_still_opens():
    import docx

    scrubbed = scrub_file_bytes(docx_with_identity(), DOCX)

    assert_identity_absent_from_zip(scrubbed)
    document = docx.Document(io.BytesIO(scrubbed))
    assert document.core_properties.author == "Anonymous"
    assert document.core_properties.last_modified_by == "Anonymous"
    assert "Merit-based recruitment in ministries." in [
        p.text for p in document.paragraphs
    ]
    assert [c.author for c in document.comments] == ["Anonymous"]


def test_scrubbed_docx_keeps_tracked_changes_but_not_their_author():
    entries = zip_entries(scrub_file_bytes(docx_with_identity(), DOCX))
    body = entries["word/document.xml"]
    assert b"<w:ins" in body and b"<w:del" in body
    assert b'w:author="Anonymous"' in body


def test_scrubbing_docx_keeps_other_parts_byte_for_byte():
    original = zip_entries(docx_with_identity())
    scrubbed = zip_entries(scrub_file_bytes(docx_with_identity(), DOCX))
    # Only the thumbnail (a picture of page one) goes, with its relationship.
    assert list(scrubbed) == [n for n in original if "thumbnail" not in n]
    assert b"thumbnail" not in scrubbed["_rels/.rels"]
    untouched = [
        n
        for n in scrubbed
        if n != "_rels/.rels"
        and (not n.endswith(".xml") or n.startswith("word/"))
        and n not in ("word/document.xml", "word/comments.xml", "word/people.xml")
    ]
    assert untouched
    for name in untouched:
        assert scrubbed[name] == original[name], name
    assert scrubbed["word/styles.xml"] != b"" and "[Content_Types].xml" in scrubbed
    assert scrubbed["[Content_Types].xml"] == original["[Content_Types].xml"]


def test_scrubbed_odt_names_the_author_nowhere_and_keeps_its_text():
    from lxml import etree

    scrubbed = scrub_file_bytes(odt_with_identity(), ODT)

    assert_identity_absent_from_zip(scrubbed)
    entries = zip_entries(scrubbed)
    assert list(entries)[0] == "mimetype"
    assert entries["mimetype"] == b"application/vnd.oasis.opendocument.text"
    content = etree.fromstring(entries["content.xml"])
    assert "Merit-based recruitment in ministries." in "".join(content.itertext())
    meta = etree.fromstring(entries["meta.xml"])
    assert "Recruitment" in "".join(meta.itertext())


def test_scrubbed_odt_stores_mimetype_uncompressed_first():
    import zipfile

    with zipfile.ZipFile(io.BytesIO(scrub_file_bytes(odt_with_identity(), ODT))) as zf:
        first = zf.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED


def _pdf_streams_decompressed(data: bytes) -> bytes:
    """Every FlateDecode stream inflated, so a compressed XMP packet is searched too."""
    out = [data]
    start = 0
    while (i := data.find(b"stream", start)) != -1:
        j = data.find(b"endstream", i)
        if j == -1:
            break
        raw = data[i + 6 : j].strip(b"\r\n")
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            pass
        start = j + 9
    return b"\n".join(out)


def test_pdf_fixture_really_names_the_author_before_scrubbing():
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_with_identity()))
    assert reader.metadata.author == AUTHOR
    assert AUTHOR.encode() in _pdf_streams_decompressed(pdf_with_identity())


def test_scrubbed_pdf_has_no_author_creator_producer_or_xmp_and_still_opens():
    from pypdf import PdfReader

    scrubbed = scrub_file_bytes(pdf_with_identity("Recruitment by merit"), PDF)

    everything = _pdf_streams_decompressed(scrubbed)
    for needle in IDENTITY:
        assert needle not in everything
    reader = PdfReader(io.BytesIO(scrubbed))
    assert len(reader.pages) == 1
    assert "Recruitment by merit" in reader.pages[0].extract_text()
    info = reader.metadata or {}
    assert "/Author" not in info and "/Creator" not in info and "/Producer" not in info
    assert "/Metadata" not in reader.trailer["/Root"]


def test_other_file_types_come_back_unchanged():
    # Pictures are scrubbed too (test_scrub_images); a data table is not.
    assert scrub_file_bytes(b"region,count\nAstana,3\n", "text/csv") == (
        b"region,count\nAstana,3\n"
    )


@pytest.mark.parametrize("content_type", [DOCX, ODT, PDF])
def test_a_damaged_document_is_refused_with_a_reason(content_type):
    with pytest.raises(ScrubError):
        scrub_file_bytes(b"not a document at all", content_type)


def test_xml_entities_in_a_document_are_not_expanded():
    import zipfile

    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>&e;</dc:creator>'
        b"</cp:coreProperties>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("docProps/core.xml", evil)
    scrubbed = zip_entries(scrub_file_bytes(buffer.getvalue(), DOCX))
    assert b"root:" not in scrubbed["docProps/core.xml"]
