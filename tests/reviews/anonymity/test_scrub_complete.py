"""Scrubbing removes every place a real manuscript names its author (failure 8)."""

import io

import pytest

from reviews.anonymity import scrub_file_bytes
from submissions.filetypes import DOCX, ODT, PDF

from .documents import odt_with_identity, zip_entries
from .signed_documents import (
    AFFILIATION,
    AUTHOR,
    AUTHOR_RU,
    EMAIL,
    docx_parts,
    signed_docx,
    signed_docx_ru,
    signed_pdf,
)

METADATA_PARTS = ("docProps/", "word/comments.xml", "word/people.xml")


@pytest.mark.parametrize(
    "make, author", [(signed_docx, AUTHOR), (signed_docx_ru, AUTHOR_RU)]
)
def test_docx_thumbnail_custom_properties_and_authorship_are_removed(make, author):
    original = make()
    assert "docProps/thumbnail.jpeg" in docx_parts(original)

    parts = docx_parts(scrub_file_bytes(original, DOCX))

    assert not [n for n in parts if "thumbnail" in n]
    assert b"thumbnail" not in parts["_rels/.rels"]
    assert b"thumbnail" not in parts["[Content_Types].xml"].replace(
        b'Extension="jpeg"', b""
    ).lower().replace(b"image/jpeg", b"")
    for name, content in parts.items():
        if name.startswith(METADATA_PARTS):
            assert author.encode() not in content, name
            assert EMAIL.encode() not in content, name
    assert b'w:author="Anonymous"' in parts["word/document.xml"]
    # Still a document Word opens.
    import docx

    docx.Document(io.BytesIO(scrub_file_bytes(original, DOCX)))


def test_odt_thumbnails_are_removed_from_the_package_and_its_manifest():
    import zipfile

    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as out:
        with zipfile.ZipFile(io.BytesIO(odt_with_identity())) as odt:
            for info in odt.infolist():
                content = odt.read(info)
                if info.filename == "META-INF/manifest.xml":
                    content = content.replace(
                        b"</manifest:manifest>",
                        b'<manifest:file-entry manifest:full-path="Thumbnails/'
                        b'thumbnail.png" manifest:media-type="image/png"/>'
                        b"</manifest:manifest>",
                    )
                out.writestr(info, content)
        out.writestr("Thumbnails/thumbnail.png", b"\x89PNG page one " + AUTHOR.encode())

    entries = zip_entries(scrub_file_bytes(source.getvalue(), ODT))

    assert not [n for n in entries if n.startswith("Thumbnails/")]
    assert b"Thumbnails/" not in entries["META-INF/manifest.xml"]


def test_pdf_information_xmp_and_annotation_authors_are_removed():
    import pikepdf

    scrubbed = scrub_file_bytes(signed_pdf(), PDF)

    with pikepdf.open(io.BytesIO(scrubbed)) as pdf:
        assert "/Info" not in pdf.trailer or not dict(pdf.docinfo)
        assert "/Metadata" not in pdf.Root
        annots = pdf.pages[0].obj["/Annots"]
        assert [str(a["/T"]) for a in annots] == ["Anonymous"]
    # Nowhere in the bytes: not in a stale object, not in an XMP packet.
    body_text = f"{AUTHOR}, {AFFILIATION}. Merit-based recruitment."
    raw = scrubbed.replace(body_text.encode(), b"")
    assert AUTHOR.encode() not in raw
    assert AFFILIATION.encode() not in raw
