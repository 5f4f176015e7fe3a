"""What an uploaded file really is, judged by its bytes, never by its name."""

import hashlib
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from journal.errors import DomainError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
GIF = "image/gif"
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ZIP = "application/zip"

EXTENSIONS = {
    DOCX: "docx",
    ODT: "odt",
    PDF: "pdf",
    PNG: "png",
    JPEG: "jpg",
    TIFF: "tif",
    GIF: "gif",
    CSV: "csv",
    XLSX: "xlsx",
    ODS: "ods",
    ZIP: "zip",
}
DOCUMENTS = {DOCX, ODT, PDF}
IMAGES = {PNG, JPEG, TIFF, GIF}
DATA = DOCUMENTS | IMAGES | {CSV, XLSX, ODS, ZIP}


@dataclass(frozen=True)
class Detected:
    content_type: str
    extension: str


def _zip_kind(fileobj) -> str | None:
    try:
        with zipfile.ZipFile(fileobj) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                mt = zf.read("mimetype").decode("ascii", "replace").strip()
                if mt in (ODT, ODS):
                    return mt
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
            return ZIP
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None


# --- bounds on packages (DOCX, ODT, XLSX, ODS, ZIP) ----------------------------
# A package is read (type detection, anonymity check, scrubbing, pandoc) only
# once its directory shows it is a document and not a decompression bomb. The
# directory's sizes are what zipfile then enforces while reading.
PACKAGES = {DOCX, ODT, XLSX, ODS, ZIP}


@dataclass(frozen=True)
class PackageLimits:
    max_entries: int = 2000
    max_uncompressed_bytes: int = 150 * 1024 * 1024
    # Expanded over compressed size, for entries large enough to matter: text
    # XML compresses about 10:1, a bomb 1000:1.
    max_ratio: int = 100
    ratio_floor_bytes: int = 1024 * 1024


def package_limits() -> PackageLimits:
    from django.conf import settings

    return PackageLimits(
        max_entries=settings.DOCUMENT_MAX_ENTRIES,
        max_uncompressed_bytes=settings.DOCUMENT_MAX_UNCOMPRESSED_BYTES,
        max_ratio=settings.DOCUMENT_MAX_COMPRESSION_RATIO,
    )


def check_package(fileobj, *, name: str, limits: PackageLimits | None = None) -> None:
    """Raise DomainError saying why, if the package has too many entries,
    expands to too much, or compresses suspiciously well. Reads only the
    package's directory."""
    limits = limits or package_limits()
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as zf:
            entries = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DomainError(
            _("“%(name)s” is not a readable document package.") % {"name": name},
            code="bad_package",
        ) from exc
    finally:
        fileobj.seek(0)
    if len(entries) > limits.max_entries:
        raise DomainError(
            _(
                "“%(name)s” holds %(count)s parts; a document may hold at most "
                "%(limit)s. Please save it again from your editor."
            )
            % {"name": name, "count": len(entries), "limit": limits.max_entries},
            code="package_entries",
        )
    total = sum(max(e.file_size, 0) for e in entries)
    if total > limits.max_uncompressed_bytes:
        raise DomainError(
            _(
                "“%(name)s” expands to %(size)s MB when opened; the limit is "
                "%(limit)s MB. Please make its images smaller or split it."
            )
            % {
                "name": name,
                "size": f"{total / 1048576:.0f}",
                "limit": f"{limits.max_uncompressed_bytes / 1048576:.0f}",
            },
            code="package_size",
        )
    for entry in entries:
        if entry.file_size < limits.ratio_floor_bytes:
            continue
        if entry.file_size > limits.max_ratio * max(entry.compress_size, 1):
            raise DomainError(
                _(
                    "“%(name)s” contains a part that expands %(ratio)s times when "
                    "opened, which no real document does; it was not opened."
                )
                % {
                    "name": name,
                    "ratio": entry.file_size // max(entry.compress_size, 1),
                },
                code="package_ratio",
            )


def check_package_bytes(data: bytes, *, name: str) -> None:
    import io

    check_package(io.BytesIO(data), name=name)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        # A cut multibyte character at the end of the sample is fine.
        try:
            head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


def detect(fileobj) -> Detected | None:
    """The file's type from its content, or None when it is none we accept."""
    fileobj.seek(0)
    head = fileobj.read(4096)
    fileobj.seek(0)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head[:4] in (b"II*\x00", b"MM\x00*"):
        kind = TIFF
    elif head[:6] in (b"GIF87a", b"GIF89a"):
        kind = GIF
    elif head.startswith(b"PK\x03\x04"):
        check_package(fileobj, name=getattr(fileobj, "name", "") or _("the file"))
        kind = _zip_kind(fileobj)
        fileobj.seek(0)
    elif head and _looks_like_text(head) and b"," in head:
        kind = CSV
    return Detected(kind, EXTENSIONS[kind]) if kind else None


def sha256_of(fileobj) -> str:
    digest = hashlib.sha256()
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(1024 * 1024), b""):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def describe(types: set[str]) -> str:
    return ", ".join(sorted(EXTENSIONS[t].upper() for t in types))


def check_upload(fileobj, *, allowed: set[str], max_bytes: int, name: str) -> Detected:
    """Raise DomainError with a readable reason unless the file is acceptable."""
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, 2)
        size = fileobj.tell()
        fileobj.seek(0)
    if size == 0:
        raise DomainError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    if size > max_bytes:
        raise DomainError(
            _("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "name": name,
                "size": f"{size / 1048576:.1f}",
                "limit": f"{max_bytes / 1048576:.0f}",
            },
            code="too_large",
        )
    fileobj.seek(0)
    if fileobj.read(4) == b"PK\x03\x04":
        check_package(fileobj, name=name)
    fileobj.seek(0)
    detected = detect(fileobj)
    if detected is None or detected.content_type not in allowed:
        if detected is None and name.lower().endswith((".docx", ".odt")):
            reason = _(
                "“%(name)s” is not a valid word-processor document (it is not a "
                "DOCX or ODT package). Please save it again from your editor."
            )
        else:
            reason = _(
                "“%(name)s” is not an accepted file: its content is not one of %(types)s, "
                "whatever its name says."
            )
        raise DomainError(
            reason % {"name": name, "types": describe(allowed)}, code="bad_type"
        )
    return detected
