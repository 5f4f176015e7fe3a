"""Pictures that name their author in every place a camera or an editor puts
it: EXIF Artist, Copyright and XPAuthor, GPS position, maker notes, XMP, IPTC,
comments and PNG text chunks."""

import io
import struct
import zipfile

from PIL import Image, PngImagePlugin

from .signed_documents import AUTHOR

XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><rdf:Description>'
    f"<dc:creator>{AUTHOR}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
).encode()
XP_AUTHOR = AUTHOR.encode("utf-16-le")
ORIENTATION, ARTIST, COPYRIGHT, XP_AUTHOR_TAG = 0x0112, 0x013B, 0x8298, 0x9C9D
GPS_IFD, EXIF_IFD, MAKER_NOTE = 0x8825, 0x8769, 0x927C


def _picture() -> Image.Image:
    picture = Image.new("RGB", (24, 16), "white")
    picture.paste((200, 30, 30), (0, 0, 12, 16))
    return picture


def signed_exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[ARTIST] = AUTHOR
    exif[COPYRIGHT] = f"(c) {AUTHOR}"
    exif[XP_AUTHOR_TAG] = XP_AUTHOR + b"\x00\x00"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (51.0, 7.0, 30.0), 3: "E", 4: (71.0, 26.0, 0.0)}
    )
    exif.get_ifd(EXIF_IFD).update({MAKER_NOTE: b"Owner " + AUTHOR.encode()})
    return exif


def _iptc_segment() -> bytes:
    body = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + b"\x1c\x02\x50" + AUTHOR.encode()
    return b"\xff\xed" + struct.pack(">H", len(body) + 2) + body


def signed_jpeg() -> bytes:
    out = io.BytesIO()
    _picture().save(
        out, "JPEG", quality=90, exif=signed_exif(), xmp=XMP, comment=AUTHOR.encode()
    )
    data = out.getvalue()
    # Photoshop's IPTC block (the byline) after the first segment, where
    # Photoshop puts it.
    (first,) = struct.unpack(">H", data[4:6])
    cut = 4 + first
    return data[:cut] + _iptc_segment() + data[cut:]


def signed_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", AUTHOR)
    info.add_text("Copyright", f"(c) {AUTHOR}", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    _picture().save(out, "PNG", pnginfo=info, exif=signed_exif(1))
    return out.getvalue()


def signed_tiff() -> bytes:
    out = io.BytesIO()
    _picture().save(
        out,
        "TIFF",
        compression="tiff_lzw",
        tiffinfo={ARTIST: AUTHOR, COPYRIGHT: f"(c) {AUTHOR}", 700: XMP},
        exif=signed_exif(1),
    )
    return out.getvalue()


def signed_webp() -> bytes:
    out = io.BytesIO()
    _picture().save(out, "WEBP", lossless=True, exif=signed_exif(1), xmp=XMP)
    return out.getvalue()


def signed_gif() -> bytes:
    out = io.BytesIO()
    _picture().convert("P").save(out, "GIF", comment=AUTHOR.encode())
    return out.getvalue()


def pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as picture:
        return picture.convert("RGB").tobytes()


def names_the_author(data: bytes) -> bool:
    return AUTHOR.encode() in data or XP_AUTHOR in data


def odt_with_picture(picture: bytes, name: str = "Pictures/photo.jpg") -> bytes:
    """A small ODT whose only picture is `picture`."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
        'xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' office:version="1.3"><office:body><office:text><text:p>Figure 1.</text:p>'
        "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type='
        '"text/xml"/>'
        f'<manifest:file-entry manifest:full-path="{name}" manifest:media-type='
        '"image/jpeg"/></manifest:manifest>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"
        )
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr(name, picture)
    return out.getvalue()


def docx_with_picture(picture: bytes) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Figure 1 shows the survey regions.")
    document.add_picture(io.BytesIO(picture))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
