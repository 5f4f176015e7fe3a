"""Strip what names people from pictures: EXIF (GPS, Artist, Copyright,
XPAuthor, maker notes), XMP, IPTC and comments.

JPEG, PNG, WebP and GIF are rewritten losslessly, segment by segment: the
pixels keep their exact bytes, only the metadata segments go (a JPEG keeps its
orientation, rewritten as a one-tag EXIF block, and its colour profile). TIFF
keeps its metadata in the same directory as the image's layout, so it is
decoded with Pillow, within a pixel budget, and written afresh without it.
Only the headers of the other formats are read, never their pixels, so a
picture costs no more than its own size.
"""

import io
import struct
import warnings

from django.conf import settings
from django.utils.translation import gettext as _

from submissions.filetypes import GIF, JPEG, PNG, TIFF

from .errors import ScrubError

WEBP = "image/webp"

ORIENTATION = 0x0112


def image_type(data: bytes) -> str:
    """The picture's type from its first bytes, or "" if it is none we rewrite."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return TIFF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    return ""


def _damaged() -> ScrubError:
    return ScrubError(_("The picture is damaged and cannot be made anonymous."))


# --- JPEG ---------------------------------------------------------------------

# Segments a picture needs besides its frame and scans: JFIF (APP0), the colour
# profile (APP2 "ICC_PROFILE") and Adobe's colour transform (APP14). Every
# other APPn (EXIF and XMP in APP1, multi-picture and FlashPix in APP2,
# Photoshop/IPTC in APP13, maker segments) and every comment is dropped.
_APP0, _APP1, _APP2, _APP14, _COM, _SOS, _EOI = 0xE0, 0xE1, 0xE2, 0xEE, 0xFE, 0xDA, 0xD9


def _jpeg_orientation_segment(payload: bytes) -> bytes:
    """A one-tag EXIF APP1 with the picture's orientation, or b""."""
    if not payload.startswith(b"Exif\x00\x00"):
        return b""
    from PIL import Image

    try:
        exif = Image.Exif()
        exif.load(payload)
        orientation = exif.get(ORIENTATION)
    except Exception:  # noqa: BLE001 - a damaged EXIF block only loses orientation
        return b""
    if not isinstance(orientation, int) or orientation in (0, 1) or orientation > 8:
        return b""
    kept = Image.Exif()
    kept[ORIENTATION] = orientation
    body = kept.tobytes()
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def _keep_jpeg_segment(marker: int, payload: bytes) -> bool:
    if 0xE0 <= marker <= 0xEF:
        if marker == _APP0:
            return payload.startswith((b"JFIF\x00", b"JFXX\x00"))
        if marker == _APP2:
            return payload.startswith(b"ICC_PROFILE\x00")
        return marker == _APP14 and payload.startswith(b"Adobe")
    return marker != _COM


def _scrub_jpeg(data: bytes) -> bytes:
    out = bytearray(b"\xff\xd8")
    i, n = 2, len(data)
    orientation_done = False
    while i < n:
        if data[i] != 0xFF:
            raise _damaged()
        while i < n and data[i] == 0xFF:  # fill bytes
            i += 1
        if i >= n:
            raise _damaged()
        marker = data[i]
        i += 1
        if marker == _EOI:
            out += b"\xff\xd9"
            # Whatever follows the picture (a second image with its own EXIF,
            # appended by multi-picture cameras) goes.
            return bytes(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += bytes((0xFF, marker))
            continue
        if i + 2 > n:
            raise _damaged()
        (length,) = struct.unpack(">H", data[i : i + 2])
        if length < 2 or i + length > n:
            raise _damaged()
        payload = data[i + 2 : i + length]
        segment = data[i - 2 : i + length]
        i += length
        if marker == _APP1 and not orientation_done:
            kept = _jpeg_orientation_segment(payload)
            if kept:
                out += kept
                orientation_done = True
            continue
        if _keep_jpeg_segment(marker, payload):
            out += segment
        if marker == _SOS:
            # Entropy-coded data runs to the next marker that is not a stuffed
            # 0xFF00 or a restart marker.
            start = i
            while True:
                j = data.find(b"\xff", i)
                if j < 0 or j + 1 >= n:
                    raise _damaged()
                following = data[j + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    i = j + 2
                    continue
                out += data[start:j]
                i = j
                break
    raise _damaged()


# --- PNG ----------------------------------------------------------------------

# Chunks that draw the picture; text (tEXt, zTXt, iTXt), eXIf, tIME and any
# private chunk go.
_PNG_KEEP = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"gAMA",
    b"cHRM",
    b"sRGB",
    b"iCCP",
    b"sBIT",
    b"pHYs",
    b"bKGD",
    b"hIST",
    b"sPLT",
    b"cICP",
    b"mDCv",
    b"cLLi",
    b"acTL",
    b"fcTL",
    b"fdAT",
}


def _scrub_png(data: bytes) -> bytes:
    out = bytearray(data[:8])
    i, n = 8, len(data)
    while i + 12 <= n:
        (length,) = struct.unpack(">I", data[i : i + 4])
        kind = data[i + 4 : i + 8]
        end = i + 12 + length
        if end > n:
            raise _damaged()
        if kind in _PNG_KEEP:
            out += data[i:end]
        i = end
        if kind == b"IEND":
            return bytes(out)
    raise _damaged()


# --- WebP ---------------------------------------------------------------------

_VP8X_XMP, _VP8X_EXIF = 0x04, 0x08


def _scrub_webp(data: bytes) -> bytes:
    (size,) = struct.unpack("<I", data[4:8])
    end = min(len(data), 8 + size)
    chunks = bytearray()
    i = 12
    while i + 8 <= end:
        kind = data[i : i + 4]
        (length,) = struct.unpack("<I", data[i + 4 : i + 8])
        stop = i + 8 + length + (length & 1)
        if i + 8 + length > end:
            raise _damaged()
        chunk = data[i:stop]
        if kind == b"VP8X" and length >= 10:
            flags = chunk[8] & ~(_VP8X_XMP | _VP8X_EXIF)
            chunk = chunk[:8] + bytes((flags,)) + chunk[9:]
        if kind not in (b"EXIF", b"XMP "):
            chunks += chunk
        i = stop
    if i < end or not chunks.startswith((b"VP8 ", b"VP8L", b"VP8X")):
        raise _damaged()
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WEBP" + bytes(chunks)


# --- GIF ----------------------------------------------------------------------

# Application extensions that change how the picture plays: looping and the
# colour profile. XMP ("XMP DataXMP") and every comment extension go.
_GIF_KEEP_APPS = (b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012")


def _gif_sub_blocks(data: bytes, i: int) -> int:
    """The index just past a chain of sub-blocks starting at `i`."""
    n = len(data)
    while True:
        if i >= n:
            raise _damaged()
        size = data[i]
        i += 1 + size
        if size == 0:
            return i


def _scrub_gif(data: bytes) -> bytes:
    if len(data) < 13:
        raise _damaged()
    flags = data[10]
    i = 13 + (3 * (2 ** ((flags & 0x07) + 1)) if flags & 0x80 else 0)
    out = bytearray(data[:i])
    n = len(data)
    while i < n:
        block = data[i]
        if block == 0x3B:  # trailer
            out.append(0x3B)
            return bytes(out)
        if block == 0x2C:  # image descriptor
            if i + 10 > n:
                raise _damaged()
            local = data[i + 9]
            start = i
            i += 10 + (3 * (2 ** ((local & 0x07) + 1)) if local & 0x80 else 0)
            i = _gif_sub_blocks(data, i + 1)  # after the LZW code size
            out += data[start:i]
            continue
        if block == 0x21 and i + 2 <= n:
            label = data[i + 1]
            start = i
            i = _gif_sub_blocks(data, i + 2)
            application = data[start + 3 : start + 3 + 11]
            if label == 0xFE or (label == 0xFF and application not in _GIF_KEEP_APPS):
                continue
            out += data[start:i]
            continue
        raise _damaged()
    raise _damaged()


# --- TIFF ---------------------------------------------------------------------

MAX_TIFF_FRAMES = 64
_TIFF_COMPRESSIONS = {"raw", "tiff_lzw", "tiff_adobe_deflate", "packbits", "group4"}


def _scrub_tiff(data: bytes) -> bytes:
    """Decode and write afresh: the directory that holds Artist, Copyright,
    XMP, IPTC and the EXIF and GPS sub-directories is not copied."""
    from PIL import Image, UnidentifiedImageError

    budget = settings.DOCUMENT_MAX_UNCOMPRESSED_BYTES
    frames = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                count = getattr(picture, "n_frames", 1)
                if count > MAX_TIFF_FRAMES:
                    raise _damaged()
                used = 0
                for index in range(count):
                    picture.seek(index)
                    width, height = picture.size
                    used += width * height * max(len(picture.getbands()), 1)
                    if used > budget:
                        raise ScrubError(
                            _("The picture is too large to be made anonymous.")
                        )
                    compression = picture.info.get("compression", "raw")
                    dpi = picture.info.get("dpi")
                    icc = picture.info.get("icc_profile")
                    clean = picture.copy()  # a plain image: no TIFF tags
                    clean.info = {}
                    frames.append((clean, compression, dpi, icc))
    except ScrubError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        ValueError,
        SyntaxError,
        struct.error,
    ) as exc:
        raise _damaged() from exc
    first, compression, dpi, icc = frames[0]
    options: dict = {
        "compression": compression if compression in _TIFF_COMPRESSIONS else "tiff_lzw",
    }
    if first.mode != "1" and options["compression"] == "group4":
        options["compression"] = "tiff_lzw"
    if dpi:
        options["dpi"] = dpi
    if icc:
        options["icc_profile"] = icc
    out = io.BytesIO()
    try:
        first.save(
            out,
            format="TIFF",
            save_all=len(frames) > 1,
            append_images=[f[0] for f in frames[1:]],
            **options,
        )
    except (OSError, ValueError) as exc:
        raise _damaged() from exc
    return out.getvalue()


_SCRUBBERS = {
    JPEG: _scrub_jpeg,
    PNG: _scrub_png,
    WEBP: _scrub_webp,
    GIF: _scrub_gif,
    TIFF: _scrub_tiff,
}


def scrub_image_bytes(data: bytes, content_type: str = "") -> bytes:
    """The picture without the metadata that can name people (see the module).

    The type is read from the bytes (`content_type` is only a hint); bytes that
    are no picture this module knows come back unchanged. Raises ScrubError
    for a damaged picture, or a TIFF beyond DOCUMENT_MAX_UNCOMPRESSED_BYTES
    of pixels.
    """
    kind = image_type(data)
    scrub = _SCRUBBERS.get(kind)
    if scrub is None:
        return data
    try:
        return scrub(data)
    except (IndexError, struct.error) as exc:
        raise _damaged() from exc
