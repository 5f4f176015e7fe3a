"""Pictures reviewers receive lose what names their author: EXIF (GPS,
Artist, Copyright, XPAuthor, maker notes), XMP, IPTC, comments and PNG text,
whether shared alone or inside a DOCX or ODT."""

import io
import struct
import zipfile

import pytest
from django.urls import reverse
from PIL import Image

from reviews.anonymity import ScrubError, scrub_file_bytes
from reviews.anonymity.images import scrub_image_bytes
from reviews.models import AssignmentState, ReviewRound
from submissions.filetypes import DOCX, JPEG, ODT
from submissions.models import FileKind, State
from tests.factories import upload
from tests.reviews.factories import AssignmentFactory

from .helpers import add_file, signed_submission
from .signed_documents import signed_docx
from .signed_images import (
    GPS_IFD,
    ORIENTATION,
    docx_with_picture,
    names_the_author,
    odt_with_picture,
    pixels,
    signed_gif,
    signed_jpeg,
    signed_png,
    signed_tiff,
    signed_webp,
)

pytestmark = pytest.mark.django_db

# Artist, Copyright, XPAuthor, XMP, IPTC, Photoshop, the GPS and EXIF
# directories (maker notes live in the latter).
NAMING_TAGS = {0x013B, 0x8298, 0x9C9D, 700, 33723, 34377, GPS_IFD, 0x8769}

PICTURES = {
    "jpeg": signed_jpeg,
    "png": signed_png,
    "tiff": signed_tiff,
    "webp": signed_webp,
    "gif": signed_gif,
}


@pytest.mark.parametrize("kind", list(PICTURES))
def test_a_picture_loses_every_name_and_keeps_its_pixels(kind):
    signed = PICTURES[kind]()
    assert names_the_author(signed)

    clean = scrub_image_bytes(signed)

    assert not names_the_author(clean)
    assert pixels(clean) == pixels(signed)
    with Image.open(io.BytesIO(clean)) as picture:
        exif = picture.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert not NAMING_TAGS & set(exif)
        assert not {"xmp", "XML:com.adobe.xmp", "Author", "comment"} & set(picture.info)


def test_a_jpeg_keeps_its_orientation_and_nothing_after_its_end():
    signed = signed_jpeg() + b"\xff\xd8 a second picture from the camera"

    clean = scrub_image_bytes(signed)

    with Image.open(io.BytesIO(clean)) as picture:
        assert dict(picture.getexif()) == {ORIENTATION: 6}
    assert clean.endswith(b"\xff\xd9")
    assert b"Photoshop" not in clean and b"http://ns.adobe.com/xap" not in clean


def test_png_text_chunks_are_gone():
    clean = scrub_image_bytes(signed_png())
    chunks, i = [], 8
    while i < len(clean):
        (length,) = struct.unpack(">I", clean[i : i + 4])
        chunks.append(clean[i + 4 : i + 8])
        i += 12 + length
    assert chunks == [b"IHDR", b"IDAT", b"IEND"]


@pytest.mark.parametrize(
    "damaged",
    [signed_jpeg()[:200], signed_png()[:60], b"RIFF\x10\x00\x00\x00WEBPVP8X\xff"],
)
def test_a_damaged_picture_is_refused_not_passed_on(damaged):
    with pytest.raises(ScrubError):
        scrub_image_bytes(damaged)


def test_a_tiff_beyond_the_pixel_budget_is_refused(settings):
    settings.DOCUMENT_MAX_UNCOMPRESSED_BYTES = 100
    with pytest.raises(ScrubError):
        scrub_image_bytes(signed_tiff())


def test_pictures_inside_docx_and_odt_are_scrubbed():
    photo = signed_jpeg()
    docx = scrub_file_bytes(docx_with_picture(photo), DOCX)
    odt = scrub_file_bytes(odt_with_picture(photo), ODT)

    for package, media in ((docx, "word/media/"), (odt, "Pictures/")):
        with zipfile.ZipFile(io.BytesIO(package)) as zf:
            pictures = [n for n in zf.namelist() if n.startswith(media)]
            assert pictures
            for name in pictures:
                assert not names_the_author(zf.read(name)), name
                assert pixels(zf.read(name)) == pixels(photo)


def _reviewer_on(submission):
    return AssignmentFactory(
        round=ReviewRound.objects.create(submission=submission, number=1),
        state=AssignmentState.ACCEPTED,
    )


def test_the_reviewer_downloads_a_shared_photograph_without_its_exif(client):
    submission, editor = signed_submission(state=State.UNDER_REVIEW)
    add_file(
        submission, FileKind.ANONYMISED, signed_docx(byline=None, affiliation=None)
    )
    assignment = _reviewer_on(submission)
    client.force_login(editor)
    client.post(
        reverse("reviews_extra:reviewer_file_add", args=[submission.pk]),
        {
            "kind": "figure",
            "file": upload("photo.jpg", signed_jpeg(), JPEG),
            "description": "Figure 1",
        },
    )
    figure = submission.files.get(kind=FileKind.FIGURE)
    client.post(
        reverse("reviews_extra:reviewer_file_share", args=[submission.pk]),
        {"file": figure.pk, "shared": "1"},
    )
    with figure.file.open("rb") as stored:
        assert names_the_author(stored.read())  # the journal keeps the original
    client.force_login(assignment.reviewer)

    download = client.get(
        reverse("reviews:download", args=[assignment.pk, f"shared-{figure.pk}"])
    )

    assert download.status_code == 200
    assert not names_the_author(download.content)
    with Image.open(io.BytesIO(download.content)) as picture:
        assert not picture.getexif().get_ifd(GPS_IFD)


def test_the_reviewers_copy_reaches_the_reviewer_with_clean_pictures(client):
    submission, editor = signed_submission(state=State.UNDER_REVIEW)
    add_file(submission, FileKind.ANONYMISED, docx_with_picture(signed_jpeg()))
    assignment = _reviewer_on(submission)
    client.force_login(assignment.reviewer)

    download = client.get(
        reverse("reviews:download", args=[assignment.pk, "manuscript"])
    )

    assert download.status_code == 200
    with zipfile.ZipFile(io.BytesIO(download.content)) as zf:
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
        assert media
        for name in media:
            assert not names_the_author(zf.read(name)), name
