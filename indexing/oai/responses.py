"""OAI-PMH responses: the six verbs and the error document.

Each handler returns a `Document`: the envelope as an lxml tree, with a marker
where the records go, and the records as serialised pieces. Headers are written
as text from a fixed template (the per-record lxml calls cost more than the
rest of a ListIdentifiers page) and a record's metadata is the stored bytes, so
`Document.chunks()` serialises the envelope once and streams it with the pieces
spliced in, and a page never needs a second copy of its records' XML.
"""

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from lxml import etree

from journal.models import Journal

from . import selectors, tokens
from .metadata import FORMATS, fingerprint
from .protocol import (
    OAI_NS,
    OAI_SCHEMA,
    SECONDS,
    XSI_NS,
    DateBound,
    OaiError,
    OaiRequest,
    article_id_from,
    echo_attributes,
    format_datestamp,
    identifier_aliases,
    identifier_for,
    parse_date,
    shown,
    xml_text,
)
from .records import metadata_for
from .sets import slugs_for

OAI_IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
MARKER = "oai-pmh-record"
_MARKER_BYTES = f"<!--{MARKER}-->".encode()
CHUNK = 64 * 1024
# oai-identifier.xsd's repositoryIdentifierType: a domain name.
_REPOSITORY_ID_RE = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+\Z")


def _q(name: str) -> str:
    return f"{{{OAI_NS}}}{name}"


def endpoint_path() -> str | None:
    """The endpoint's path under the current URLconf and script prefix, or None
    if that URLconf has no endpoint."""
    return _endpoint_path(get_urlconf(), get_script_prefix())


@lru_cache(maxsize=16)
def _endpoint_path(urlconf: str | None, script_prefix: str) -> str | None:
    # Kept: reversing costs about as much as building a page's envelope.
    try:
        return reverse("oai:endpoint", urlconf=urlconf)
    except NoReverseMatch:
        return None


def base_url() -> str:
    return settings.SITE_URL + endpoint_path()


def page_size() -> int:
    return max(1, int(getattr(settings, "OAI_PAGE_SIZE", 100)))


@dataclass
class Document:
    """An envelope and, where it holds the marker (`records_slot`), the
    records' serialised pieces in order."""

    root: etree._Element
    records: list[bytes] = field(default_factory=list)

    def chunks(self) -> Iterator[bytes]:
        data = etree.tostring(self.root, encoding="UTF-8", xml_declaration=True)
        head, marker, tail = data.partition(_MARKER_BYTES)
        if not marker:
            yield data
            return
        # A few large chunks: the server writes each chunk on its own.
        buffer: list[bytes] = [head]
        size = len(head)
        for piece in self.records:
            buffer.append(piece)
            size += len(piece)
            if size >= CHUNK:
                yield b"".join(buffer)
                buffer, size = [], 0
        buffer.append(tail)
        yield b"".join(buffer)


def records_slot(parent) -> None:
    """Mark where the Document's records go: after what `parent` holds so far."""
    parent.append(etree.Comment(MARKER))


def envelope(attributes: dict[str, str], *, now: datetime | None = None):
    root = etree.Element(_q("OAI-PMH"), nsmap={None: OAI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_NS} {OAI_SCHEMA}")
    etree.SubElement(root, _q("responseDate")).text = format_datestamp(
        now or timezone.now()
    )
    request_el = etree.SubElement(root, _q("request"), attrib=attributes)
    request_el.text = base_url()
    return root


def error_document(error: OaiError) -> Document:
    attributes = (
        {} if error.code in ("badVerb", "badArgument") else echo_attributes(error.echo)
    )
    root = envelope(attributes)
    for code, message in error.errors:
        el = etree.SubElement(root, _q("error"), code=code)
        el.text = message
    return Document(root)


def _sub(parent, name: str, text: str | None = None, **attrib):
    el = etree.SubElement(parent, _q(name), attrib=attrib)
    if text is not None:
        el.text = text
    return el


class Headers:
    """Record headers as serialised text, in the envelope's default namespace.

    The setSpecs of a page come from a handful of journals and sections, so
    each pair is escaped once per page; a datestamp comes formatted by the
    database (`selectors.UTCStamp`) or as a datetime.
    """

    def __init__(self) -> None:
        self.id_prefix = xml_text(identifier_for(0)[:-1])
        self._sets: dict[tuple[int, int | None], str] = {}

    def _set_specs(self, key: tuple[int, int | None], slugs) -> str:
        journals, sections = slugs
        journal_id, section_id = key
        journal = xml_text(journals[journal_id])
        specs = f"<setSpec>{journal}</setSpec>"
        if section_id is not None:
            specs += f"<setSpec>{journal}:{xml_text(sections[section_id])}</setSpec>"
        self._sets[key] = specs
        return specs

    def texts(self, rows: Sequence[selectors.HeaderRow]) -> list[str]:
        """One header per row; hot in ListIdentifiers, hence spelt out."""
        id_prefix, sets, texts = self.id_prefix, self._sets, []
        slugs = slugs_for(rows)
        aliases = identifier_aliases([row.id for row in rows])
        for row in rows:
            key = (row.journal_id, row.section_id)
            specs = sets.get(key) or self._set_specs(key, slugs)
            stamp = row.stamp
            if not isinstance(stamp, str):
                stamp = format_datestamp(stamp)
            alias = aliases.get(row.id) if aliases else None
            identifier = xml_text(alias) if alias else f"{id_prefix}{row.id}"
            texts.append(
                ("<header>" if row.status in _LIVE else '<header status="deleted">')
                + f"<identifier>{identifier}</identifier>"
                f"<datestamp>{stamp}</datestamp>{specs}</header>"
            )
        return texts

    def page(self, rows: Sequence[selectors.HeaderRow]) -> bytes:
        return "".join(self.texts(rows)).encode()


_LIVE = frozenset(selectors.LIVE_STATUSES)


def _records(
    rows: list[selectors.HeaderRow], metadata: dict[int, bytes], headers: Headers
) -> list[bytes]:
    """The <record> pieces of the rows; a live record without metadata in this
    format is left out."""
    pieces: list[bytes] = []
    for row, header in zip(rows, headers.texts(rows), strict=True):
        if selectors.is_deleted(row.status):
            pieces.append(f"<record>{header}</record>".encode())
        elif row.id in metadata:
            pieces.append(f"<record>{header}<metadata>".encode())
            pieces.append(metadata[row.id])
            pieces.append(b"</metadata></record>")
    return pieces


# --- Identify, ListMetadataFormats, ListSets -------------------------------


def identify(request: OaiRequest) -> Document:
    root = envelope(echo_attributes(request.echo()))
    body = _sub(root, "Identify")
    _sub(body, "repositoryName", repository_name())
    _sub(body, "baseURL", base_url())
    _sub(body, "protocolVersion", "2.0")
    _sub(body, "adminEmail", settings.OAI_ADMIN_EMAIL)
    earliest = selectors.earliest_datestamp()
    if earliest is None:
        earliest = datetime(2000, 1, 1, tzinfo=UTC)
    _sub(body, "earliestDatestamp", format_datestamp(earliest))
    _sub(body, "deletedRecord", "persistent")
    _sub(body, "granularity", SECONDS)
    if _REPOSITORY_ID_RE.match(settings.OAI_REPOSITORY_IDENTIFIER):
        _identifier_description(_sub(body, "description"))
    return Document(root)


def _identifier_description(description) -> None:
    ident = etree.SubElement(
        description,
        f"{{{OAI_IDENTIFIER_NS}}}oai-identifier",
        nsmap={None: OAI_IDENTIFIER_NS, "xsi": XSI_NS},
    )
    ident.set(
        f"{{{XSI_NS}}}schemaLocation", f"{OAI_IDENTIFIER_NS} {OAI_IDENTIFIER_SCHEMA}"
    )
    for name, text in (
        ("scheme", "oai"),
        ("repositoryIdentifier", settings.OAI_REPOSITORY_IDENTIFIER),
        ("delimiter", ":"),
        ("sampleIdentifier", identifier_for(1)),
    ):
        etree.SubElement(ident, f"{{{OAI_IDENTIFIER_NS}}}{name}").text = text


def repository_name() -> str:
    configured = getattr(settings, "OAI_REPOSITORY_NAME", "")
    if configured:
        return configured
    titles = list(
        Journal.objects.filter(is_active=True)
        .order_by("title")
        .values_list("title", flat=True)[:5]
    )
    return "; ".join(titles) or settings.OAI_REPOSITORY_IDENTIFIER


def list_metadata_formats(request: OaiRequest) -> Document:
    formats = list(FORMATS.values())
    identifier = request.args.get("identifier")
    if identifier is not None:
        row = _record_row(identifier, request)
        has_jats = row.has_jats or selectors.is_deleted(row.status)
        formats = [f for f in formats if f.available_for(has_jats=has_jats)]
    root = envelope(echo_attributes(request.echo()))
    body = _sub(root, "ListMetadataFormats")
    for fmt in formats:
        el = _sub(body, "metadataFormat")
        _sub(el, "metadataPrefix", fmt.prefix)
        _sub(el, "schema", fmt.schema_url)
        _sub(el, "metadataNamespace", fmt.namespace)
    return Document(root)


def list_sets(request: OaiRequest) -> Document:
    if "resumptionToken" in request.args:
        # Sets come in one response; no token of ours names a set list.
        raise OaiError(
            "badResumptionToken",
            "ListSets is answered in one response and takes no resumption token.",
            echo=request.echo(),
        )
    sets = selectors.all_sets()
    if not sets:
        raise OaiError(
            "noSetHierarchy", "This repository has no sets.", echo=request.echo()
        )
    root = envelope(echo_attributes(request.echo()))
    body = _sub(root, "ListSets")
    for spec, name in sets:
        el = _sub(body, "set")
        _sub(el, "setSpec", spec)
        _sub(el, "setName", name)
    return Document(root)


# --- GetRecord --------------------------------------------------------------


def _record_row(
    identifier: str, request: OaiRequest, prefix: str | None = None
) -> selectors.HeaderRow:
    article_id = article_id_from(identifier)
    row = None
    if article_id is not None:
        row = selectors.record_header(
            article_id,
            prefix=prefix,
            fingerprint=fingerprint() if prefix else None,
        )
    if row is None:
        raise OaiError(
            "idDoesNotExist",
            f"No record has the identifier '{shown(identifier)}'.",
            echo=request.echo(),
        )
    return row


def _format(prefix: str, request: OaiRequest):
    fmt = FORMATS.get(prefix)
    if fmt is None:
        raise OaiError(
            "cannotDisseminateFormat",
            f"'{shown(prefix)}' is not a metadata format of this repository; "
            "ListMetadataFormats names them.",
            echo=request.echo(),
        )
    return fmt


def get_record_validators(request: OaiRequest) -> tuple[str, datetime] | None:
    """The ETag and Last-Modified of a GetRecord answer (one small query), or
    None when the request will be answered with an error."""
    prefix = request.args.get("metadataPrefix", "")
    if prefix not in FORMATS:
        return None
    identifier = request.args.get("identifier", "")
    article_id = article_id_from(identifier)
    stamp = selectors.record_stamp(article_id) if article_id is not None else None
    if stamp is None:
        return None
    status, datestamp = stamp
    basis = "|".join((identifier, prefix, status, datestamp.isoformat(), fingerprint()))
    etag = '"' + hashlib.sha256(basis.encode()).hexdigest()[:32] + '"'
    return etag, datestamp


def get_record(request: OaiRequest) -> Document:
    fmt = _format(request.args["metadataPrefix"], request)
    row = _record_row(request.args["identifier"], request, fmt.prefix)
    deleted = selectors.is_deleted(row.status)
    metadata = {}
    if not deleted:
        if fmt.available_for(has_jats=row.has_jats):
            metadata = metadata_for([row], fmt.prefix)
        if row.id not in metadata:
            raise OaiError(
                "cannotDisseminateFormat",
                f"This record is not available in '{fmt.prefix}'.",
                echo=request.echo(),
            )
    root = envelope(echo_attributes(request.echo()))
    records_slot(_sub(root, "GetRecord"))
    return Document(root, _records([row], metadata, Headers()))


# --- ListIdentifiers, ListRecords -------------------------------------------


def _window(
    request: OaiRequest,
    *,
    prefix: str,
    set_spec: str | None,
    from_: str | None,
    until: str | None,
) -> selectors.Window:
    since = parse_date(from_, name="from", upper=False) if from_ else None
    before = parse_date(until, name="until", upper=True) if until else None
    if since and before:
        _check_range(since, before)
    if set_spec is not None and not selectors.has_sets():
        raise OaiError(
            "noSetHierarchy", "This repository has no sets.", echo=request.echo()
        )
    return selectors.Window(
        prefix=prefix,
        set_spec=set_spec,
        since=since.instant if since else None,
        before=before.instant if before else None,
    )


def _check_range(since: DateBound, before: DateBound) -> None:
    if since.granularity != before.granularity:
        raise OaiError(
            "badArgument",
            "The 'from' and 'until' arguments have different granularities.",
        )
    if since.instant >= before.instant:
        raise OaiError("badArgument", "The 'from' argument is later than 'until'.")


def list_records(request: OaiRequest, *, with_metadata: bool) -> Document:
    """ListRecords (with_metadata) or ListIdentifiers, first or resumed page."""
    token_text = request.args.get("resumptionToken")
    if token_text is not None:
        position = tokens.decode(token_text, verb=request.verb)
        fmt = FORMATS.get(position.prefix)
        try:
            if fmt is None:
                raise OaiError("badArgument", "unknown format")
            window = _window(
                request,
                prefix=position.prefix,
                set_spec=position.set,
                from_=position.from_,
                until=position.until,
            )
        except OaiError:
            raise OaiError(
                "badResumptionToken",
                "The resumption token does not belong to this repository.",
                echo=request.echo(),
            ) from None
    else:
        fmt = _format(request.args["metadataPrefix"], request)
        window = _window(
            request,
            prefix=fmt.prefix,
            set_spec=request.args.get("set"),
            from_=request.args.get("from"),
            until=request.args.get("until"),
        )
        position = tokens.Position(
            verb=request.verb,
            prefix=fmt.prefix,
            set=request.args.get("set"),
            from_=request.args.get("from"),
            until=request.args.get("until"),
            after_id=0,
            cursor=0,
            total=-1,
            started=timezone.now().isoformat(),
        )

    size = page_size()
    rows = selectors.header_page(
        window,
        needs_jats=fmt.needs_jats,
        after_id=position.after_id,
        size=size,
        fingerprint=fingerprint() if with_metadata else None,
    )
    more = len(rows) > size
    rows = rows[:size]
    if not rows:
        raise OaiError(
            "noRecordsMatch",
            "No records match the request's format, set and dates.",
            echo=request.echo(),
        )

    total = position.total
    if total < 0 and more:
        total = selectors.articles_in(window, needs_jats=fmt.needs_jats).count()

    root = envelope(echo_attributes(request.echo()))
    body = _sub(root, "ListRecords" if with_metadata else "ListIdentifiers")
    records_slot(body)
    headers = Headers()
    if with_metadata:
        live = [row for row in rows if not selectors.is_deleted(row.status)]
        records = _records(rows, metadata_for(live, fmt.prefix), headers)
        if not records:
            raise OaiError(
                "noRecordsMatch",
                "No records match the request's format, set and dates.",
                echo=request.echo(),
            )
    else:
        records = [headers.page(rows)]

    resumed = token_text is not None
    if more:
        next_position = replace(
            position,
            after_id=rows[-1].id,
            cursor=position.cursor + len(rows),
            total=max(total, position.cursor + len(rows) + 1),
        )
        text, expires = tokens.encode(next_position)
        _sub(
            body,
            "resumptionToken",
            text,
            completeListSize=str(next_position.total),
            cursor=str(position.cursor),
            expirationDate=format_datestamp(expires),
        )
    elif resumed:
        # The last page of an incomplete list ends with an empty token.
        _sub(
            body,
            "resumptionToken",
            completeListSize=str(max(total, position.cursor + len(rows))),
            cursor=str(position.cursor),
        )
    return Document(root, records)


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": lambda r: list_records(r, with_metadata=False),
    "ListRecords": lambda r: list_records(r, with_metadata=True),
}
