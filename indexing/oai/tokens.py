"""Stateless, signed resumption tokens.

A token carries the whole query and a keyset position, signed with the site's
secret, so any worker can answer the next page without a token table and a
harvester cannot forge or alter one. Pages are cut by keyset, never by OFFSET,
so the cost of a page does not grow with its depth.

The keyset is the article id, which never changes, rather than the datestamp,
which does. Ordered by datestamp, a record corrected mid-harvest jumps behind
the position: with an open window it is sent twice, and with a window frozen
at the first request it drops out of the harvest altogether. Ordered by id,
every record in the window when the harvest starts is sent exactly once (in
its state when its page is served), a record published meanwhile is sent once
if its id is still ahead, and anything changed behind the position is caught by
the next incremental harvest, which starts from this one's first responseDate.
completeListSize is counted at the first request and carried in the token.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone

from .protocol import OaiError

SALT = "indexing.oai.resumption-token"
VERSION = 1


@dataclass(frozen=True)
class Position:
    verb: str
    prefix: str
    set: str | None
    from_: str | None  # the arguments as given, re-parsed on resumption
    until: str | None
    after_id: int  # last article id sent
    cursor: int  # records sent before the next page
    total: int  # completeListSize, counted at the first request
    started: str  # ISO instant of the harvest's first request


def max_age() -> int:
    return int(getattr(settings, "OAI_TOKEN_MAX_AGE", 24 * 3600))


def encode(position: Position) -> tuple[str, datetime]:
    """The token text and the instant it stops being accepted."""
    payload = {"v": VERSION, **vars(position)}  # flat: no need of asdict's deep copy
    token = signing.dumps(payload, salt=SALT, compress=True)
    return token, timezone.now() + timedelta(seconds=max_age())


def decode(token: str, *, verb: str) -> Position:
    """Raises OaiError(badResumptionToken) if the token was altered, has
    expired, is malformed, or belongs to another verb."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        raise OaiError(
            "badResumptionToken",
            "The resumption token has expired; start the harvest again.",
        ) from None
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        raise OaiError(
            "badResumptionToken", "The resumption token is not valid."
        ) from None
    try:
        if payload.pop("v") != VERSION:
            raise ValueError
        position = Position(**payload)
        if position.verb != verb:
            raise ValueError
        if not (
            isinstance(position.after_id, int)
            and isinstance(position.cursor, int)
            and isinstance(position.total, int)
        ):
            raise ValueError
    except (KeyError, TypeError, ValueError, AttributeError):
        raise OaiError(
            "badResumptionToken",
            "The resumption token does not belong to this request.",
        ) from None
    return position
