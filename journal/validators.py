"""Identifier checksums: ORCID iD (ISO 7064 11,2) and ISSN (mod 11); the form
of a ROR id."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
ISSN_RE = re.compile(r"^\d{4}-\d{3}[\dX]$")
# A ROR id: "0", six Crockford base32 characters (no i, l, o, u), two digits.
ROR_RE = re.compile(r"^https://ror\.org/0[0-9a-hjkmnp-tv-z]{6}\d{2}$")


def orcid_check_digit(base_digits: str) -> str:
    total = 0
    for ch in base_digits:
        total = (total + int(ch)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


ORCID_PREFIXES = (
    "https://orcid.org/",
    "http://orcid.org/",
    "https://www.orcid.org/",
    "http://www.orcid.org/",
    "www.orcid.org/",
    "orcid.org/",
)


def normalise_orcid(value: str) -> str:
    """The bare iD from what people paste: a URL, spaces, lower-case x, no hyphens."""
    value = (value or "").strip()
    for prefix in ORCID_PREFIXES:
        if value.lower().startswith(prefix):
            value = value[len(prefix) :]
            break
    value = value.strip().strip("/").upper()
    compact = re.sub(r"[\s-]", "", value)
    if re.fullmatch(r"\d{15}[\dX]", compact):
        value = "-".join(compact[i : i + 4] for i in range(0, 16, 4))
    return value


def validate_orcid(value: str) -> None:
    value = normalise_orcid(value)
    if not ORCID_RE.match(value):
        raise ValidationError(
            _("An ORCID iD looks like 0000-0002-1825-0097."), code="orcid_format"
        )
    digits = value.replace("-", "")
    if orcid_check_digit(digits[:-1]) != digits[-1]:
        raise ValidationError(
            _("This ORCID iD has a wrong check digit; please copy it from orcid.org."),
            code="orcid_checksum",
        )


def issn_check_digit(first_seven: str) -> str:
    total = sum(int(d) * w for d, w in zip(first_seven, range(8, 1, -1), strict=True))
    result = (11 - total % 11) % 11
    return "X" if result == 10 else str(result)


def validate_issn(value: str) -> None:
    value = (value or "").strip().upper()
    if not ISSN_RE.match(value):
        raise ValidationError(_("An ISSN looks like 2226-6348."), code="issn_format")
    digits = value.replace("-", "")
    if issn_check_digit(digits[:7]) != digits[7]:
        raise ValidationError(
            _("This ISSN has a wrong check digit."), code="issn_checksum"
        )


def normalise_ror(value: str) -> str:
    """The ROR URL from what people paste: a bare id, ror.org/..., http://..."""
    value = (value or "").strip().rstrip("/").lower()
    for prefix in ("https://", "http://", "www.", "ror.org/"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    if value.startswith("ror.org/"):
        value = value[len("ror.org/") :]
    return f"https://ror.org/{value}" if value else ""


def validate_ror(value: str) -> None:
    if not ROR_RE.match(normalise_ror(value)):
        raise ValidationError(
            _("A ROR id looks like https://ror.org/03yrm5c26."), code="ror_format"
        )
