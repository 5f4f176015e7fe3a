"""OAI-PMH 2.0 request parsing: verbs, arguments, dates and identifiers.

Everything a harvester sends is checked here before any query runs; a problem
becomes an `OaiError` carrying the protocol's error code, never an exception
that reaches Django's error handler.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from xml.sax.saxutils import escape

from django.conf import settings

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"

DAY = "YYYY-MM-DD"
SECONDS = "YYYY-MM-DDThh:mm:ssZ"

# Per verb: (required, optional, exclusive).
VERBS: dict[str, tuple[frozenset, frozenset, str | None]] = {
    "Identify": (frozenset(), frozenset(), None),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"}), None),
    "ListSets": (frozenset(), frozenset(), "resumptionToken"),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset(), None),
    "ListIdentifiers": (
        frozenset({"metadataPrefix"}),
        frozenset({"from", "until", "set"}),
        "resumptionToken",
    ),
    "ListRecords": (
        frozenset({"metadataPrefix"}),
        frozenset({"from", "until", "set"}),
        "resumptionToken",
    ),
}

# Patterns of the OAI-PMH schema's simple types: a value is echoed in the
# response's <request> element only when the schema accepts it there.
_PREFIX_RE = re.compile(r"[A-Za-z0-9\-_.!~*'()]+\Z")
_SETSPEC_RE = re.compile(
    r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*\Z", re.ASCII
)
_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z", re.ASCII)
_SECONDS_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z\Z", re.ASCII
)
_XML_CHARS_RE = re.compile(
    "[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


class OaiError(Exception):
    """One or more protocol errors, each (code, message)."""

    def __init__(self, code: str, message: str, *, echo: dict | None = None):
        super().__init__(message)
        self.errors = [(code, message)]
        # Arguments the <request> element may echo (none for badVerb/badArgument).
        self.echo = echo or {}

    @property
    def code(self) -> str:
        return self.errors[0][0]


def xml_safe(value: str) -> bool:
    return not _XML_CHARS_RE.search(value)


def xml_text(value: str) -> str:
    """A value as XML character data, for text written without lxml: markup
    escaped, characters XML cannot carry replaced."""
    return escape(_XML_CHARS_RE.sub("\ufffd", value))


def shown(value: str, limit: int = 80) -> str:
    """A user-supplied value made safe to quote in an error message."""
    value = _XML_CHARS_RE.sub("\ufffd", value)
    return value if len(value) <= limit else value[:limit] + "…"


@dataclass(frozen=True)
class DateBound:
    """A from/until argument: the instant it denotes and its granularity."""

    text: str
    granularity: str
    instant: datetime


def parse_date(text: str, *, name: str, upper: bool) -> DateBound:
    """Parse a from (`upper=False`) or until (`upper=True`) argument.

    Both bounds are inclusive. A day `until` covers the whole day; a seconds
    `until` covers that whole second, because datestamps are shown to the
    second while stored to the microsecond. Returns the bound as the first
    instant included (from) or the first instant excluded (until).
    """
    try:
        if m := _DAY_RE.match(text):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            instant = datetime.combine(day, time.min, tzinfo=UTC)
            if upper:
                instant = _add(instant, timedelta(days=1))
            return DateBound(text, DAY, instant)
        if m := _SECONDS_RE.match(text):
            instant = datetime(*(int(g) for g in m.groups()), tzinfo=UTC)
            if upper:
                instant = _add(instant, timedelta(seconds=1))
            return DateBound(text, SECONDS, instant)
    except (ValueError, OverflowError):
        pass
    raise OaiError(
        "badArgument",
        f"The '{name}' argument '{shown(text)}' is not a valid UTC date "
        f"({DAY} or {SECONDS}).",
    )


def _add(instant: datetime, delta: timedelta) -> datetime:
    try:
        return instant + delta
    except OverflowError:
        return datetime.max.replace(tzinfo=UTC)


def format_datestamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def identifier_for(article_id: int) -> str:
    return f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:article/{article_id}"


def article_id_from(identifier: str) -> int | None:
    """The article id an identifier names, or None if it names nothing here."""
    prefix = f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:article/"
    if not identifier.startswith(prefix):
        return None
    rest = identifier[len(prefix) :]
    if not rest.isascii() or not rest.isdigit() or len(rest) > 18:
        return None
    if rest != str(int(rest)):  # "007" is not the identifier of article 7
        return None
    return int(rest)


@dataclass
class OaiRequest:
    verb: str
    args: dict[str, str] = field(default_factory=dict)

    def echo(self) -> dict[str, str]:
        return {"verb": self.verb, **self.args}


def parse_request(params) -> OaiRequest:
    """Check verb and arguments of a QueryDict (GET or POST) against the protocol.

    Raises OaiError(badVerb) for a missing, repeated or unknown verb and
    OaiError(badArgument) for missing, unknown, repeated or empty arguments or
    an exclusive argument given beside others.
    """
    verbs = params.getlist("verb")
    if not verbs:
        raise OaiError("badVerb", "The request has no verb.")
    if len(verbs) > 1:
        raise OaiError("badVerb", "The verb argument is repeated.")
    verb = verbs[0]
    if verb not in VERBS:
        raise OaiError("badVerb", f"'{shown(verb)}' is not an OAI-PMH verb.")
    required, optional, exclusive = VERBS[verb]
    allowed = required | optional | ({exclusive} if exclusive else set())

    args: dict[str, str] = {}
    problems: list[str] = []
    for name in params:
        if name == "verb":
            continue
        values = params.getlist(name)
        if name not in allowed:
            problems.append(f"'{shown(name)}' is not an argument of {verb}.")
        elif len(values) > 1:
            problems.append(f"The '{name}' argument is repeated.")
        elif not values[0]:
            problems.append(f"The '{name}' argument is empty.")
        else:
            args[name] = values[0]
    if not problems:
        if exclusive and exclusive in args:
            if len(args) > 1:
                problems.append(f"'{exclusive}' is an exclusive argument.")
        else:
            problems.extend(
                f"The '{name}' argument is required."
                for name in sorted(required - set(args))
            )
    if problems:
        error = OaiError("badArgument", problems[0])
        error.errors = [("badArgument", p) for p in problems]
        raise error
    return OaiRequest(verb=verb, args=args)


def echo_attributes(args: dict[str, str]) -> dict[str, str]:
    """The arguments that the schema lets the <request> element repeat."""
    checks = {
        "verb": lambda v: v in VERBS,
        "identifier": lambda v: article_id_from(v) is not None,
        "metadataPrefix": lambda v: bool(_PREFIX_RE.match(v)),
        "from": lambda v: bool(_DAY_RE.match(v) or _SECONDS_RE.match(v)),
        "until": lambda v: bool(_DAY_RE.match(v) or _SECONDS_RE.match(v)),
        "set": lambda v: bool(_SETSPEC_RE.match(v)),
        "resumptionToken": xml_safe,
    }
    return {
        name: value
        for name, value in args.items()
        if name in checks and xml_safe(value) and checks[name](value)
    }
