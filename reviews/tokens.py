"""Signed one-click links in invitation emails.

A token names one assignment and carries its current nonce. It expires after
the journal's invitation_expiry_days, and it dies as soon as it is used because
the services replace the nonce then.
"""

from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext_lazy as _

SALT = "reviews.invitation"


class LinkError(Exception):
    """A link that cannot be honoured; `status` is the HTTP status to answer with."""

    def __init__(self, message, *, status: int):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class LinkPayload:
    assignment_id: int
    nonce: str


def invitation_token(assignment) -> str:
    return signing.dumps({"a": assignment.pk, "n": assignment.token_nonce}, salt=SALT)


def invitation_token_read(token: str) -> LinkPayload:
    """The payload of a well-formed, correctly signed token (not yet checked for age).

    Raises LinkError(400) when the token was altered or is not one of ours.
    """
    try:
        data = signing.loads(token, salt=SALT)
        return LinkPayload(int(data["a"]), str(data["n"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise LinkError(
            _("This link is not valid. It may have been cut or altered."), status=400
        ) from exc


def invitation_token_check_age(token: str, *, max_age_days: int) -> None:
    try:
        signing.loads(token, salt=SALT, max_age=max_age_days * 86400)
    except signing.SignatureExpired as exc:
        raise LinkError(
            _(
                "This invitation link has expired. Please write to the editor if "
                "you would still like to review."
            ),
            status=410,
        ) from exc
    except signing.BadSignature as exc:
        raise LinkError(_("This link is not valid."), status=400) from exc
