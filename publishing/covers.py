"""Issue covers: bounded in size and pixels, and only the raster formats a
browser shows as a picture (PNG, JPEG, WebP, GIF). An SVG is refused here: it
is a document that can carry script (an import converts it to PNG first, with
production's bounded converter)."""

from io import BytesIO

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

MAX_COVER_BYTES = 5 * 1024 * 1024
MAX_COVER_PIXELS = 40_000_000
COVER_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}


class CoverRefused(ValueError):
    """The file cannot be a cover; the message says why, for a person."""


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in text)


def cover_check(data: bytes, *, name: str = "") -> str:
    """The image's format if `data` may be an issue cover; CoverRefused otherwise."""
    label = name or _("The cover")
    if len(data) > MAX_COVER_BYTES:
        raise CoverRefused(
            _("%(name)s is larger than %(limit)s MB.")
            % {"name": label, "limit": MAX_COVER_BYTES // (1024 * 1024)}
        )
    if _looks_like_svg(data[:1024]):
        raise CoverRefused(
            _("%(name)s is an SVG drawing; upload the cover as PNG or JPEG.")
            % {"name": label}
        )
    try:
        with Image.open(BytesIO(data)) as image:
            width, height = image.size
            kind = image.format or ""
            if width * height > MAX_COVER_PIXELS:
                raise CoverRefused(
                    _(
                        "%(name)s is %(w)s × %(h)s pixels; covers are at most 40 megapixels."
                    )
                    % {"name": label, "w": width, "h": height}
                )
            image.verify()
    except CoverRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise CoverRefused(
            _("%(name)s is not an image a browser can show.") % {"name": label}
        ) from exc
    if kind not in COVER_FORMATS:
        raise CoverRefused(
            _("%(name)s is a %(kind)s image; upload the cover as PNG or JPEG.")
            % {"name": label, "kind": kind or "?"}
        )
    return kind


class CoverImageField(forms.ImageField):
    """A form field for covers: cover_check before Django's own image check."""

    default_error_messages = {
        "invalid_image": gettext_lazy("This is not an image a browser can show.")
    }

    def to_python(self, data):
        if data in self.empty_values:
            return None
        if getattr(data, "size", 0) > MAX_COVER_BYTES:
            raise forms.ValidationError(
                _("The cover is larger than %(limit)s MB.")
                % {"limit": MAX_COVER_BYTES // (1024 * 1024)}
            )
        data.seek(0)
        content = data.read()
        data.seek(0)
        try:
            cover_check(content, name=getattr(data, "name", ""))
        except CoverRefused as exc:
            raise forms.ValidationError(str(exc)) from exc
        return super().to_python(data)
