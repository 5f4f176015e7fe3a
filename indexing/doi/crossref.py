"""Crossref deposit XML (schema 5.3.1), built over plain data with lxml.

`batch_build` makes the whole batch; `item_batches` makes one small batch per
DOI so each can be validated on its own, and a bad article is left out of the
deposit without failing the others.
"""

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass, field

from django.conf import settings
from lxml import etree

from production.references import ParsedReference

CR = "http://www.crossref.org/schema/5.3.1"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
AI = "http://www.crossref.org/AccessIndicators.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {None: CR, "jats": JATS, "ai": AI, "xsi": XSI}
SCHEMA_LOCATION = f"{CR} https://www.crossref.org/schemas/crossref5.3.1.xsd"


@dataclass
class Person:
    given_name: str
    surname: str
    affiliation: str = ""
    orcid: str = ""
    ror: str = ""
    # The person confirmed the iD by signing in with ORCID.
    orcid_authenticated: bool = False


@dataclass
class JournalData:
    title: str
    abbrev_title: str = ""
    issn_print: str = ""
    issn_online: str = ""
    language: str = "en"


@dataclass
class IssueData:
    key: str
    volume: str
    number: str
    published: dt.date | None
    doi: str = ""
    url: str = ""


@dataclass
class ArticleData:
    key: str
    doi: str
    url: str
    title: str
    language: str = "en"
    authors: list[Person] = field(default_factory=list)
    abstract: str = ""
    published: dt.date | None = None
    first_page: str = ""
    last_page: str = ""
    item_number: str = ""
    licence_url: str = ""
    # Each reference as written, or parsed into parts (production.references).
    references: list["str | ParsedReference"] = field(default_factory=list)
    # Every abstract by language, the article's own language first.
    abstracts: dict[str, str] = field(default_factory=dict)
    # (url, MIME type) of each full text, for Similarity Check's crawler and
    # for text and data mining.
    full_texts: list[tuple[str, str]] = field(default_factory=list)
    # Crossmark: the DOI of the journal's update policy page (none: no
    # Crossmark), its web domain, and updates as (type, date, DOI updated).
    crossmark_policy: str = ""
    crossmark_domain: str = ""
    updates: list[tuple[str, dt.date, str]] = field(default_factory=list)


@dataclass
class BatchData:
    batch_id: str
    timestamp: dt.datetime
    depositor_name: str
    depositor_email: str
    registrant: str
    journal: JournalData
    issue: IssueData | None = None
    articles: list[ArticleData] = field(default_factory=list)


def _el(parent, tag, text=None, ns=CR, **attrs):
    node = etree.SubElement(parent, f"{{{ns}}}{tag}", **attrs)
    if text is not None:
        node.text = str(text)
    return node


def _date(parent, tag, value: dt.date):
    node = _el(parent, tag, media_type="online")
    _el(node, "month", f"{value.month:02d}")
    _el(node, "day", f"{value.day:02d}")
    _el(node, "year", value.year)
    return node


def _doi_data(parent, doi, url, full_texts=()):
    node = _el(parent, "doi_data")
    _el(node, "doi", doi)
    _el(node, "resource", url)
    if full_texts:
        # The PDF for Similarity Check (iParadigms); every format for mining.
        pdfs = [u for u, mime in full_texts if mime == "application/pdf"]
        crawled = _el(node, "collection", property="crawler-based")
        _el(
            _el(crawled, "item", crawler="iParadigms"),
            "resource",
            pdfs[0] if pdfs else full_texts[0][0],
        )
        mining = _el(node, "collection", property="text-mining")
        for full_url, mime in full_texts:
            _el(_el(mining, "item"), "resource", full_url, mime_type=mime)
    return node


def _journal_metadata(parent, journal: JournalData):
    meta = _el(parent, "journal_metadata", language=journal.language[:2])
    _el(meta, "full_title", journal.title)
    if journal.abbrev_title:
        _el(meta, "abbrev_title", journal.abbrev_title)
    if journal.issn_print:
        _el(meta, "issn", journal.issn_print, media_type="print")
    if journal.issn_online:
        _el(meta, "issn", journal.issn_online, media_type="electronic")


def _journal_issue(parent, issue: IssueData, *, with_doi: bool):
    node = _el(parent, "journal_issue")
    if issue.published:
        _date(node, "publication_date", issue.published)
    if issue.volume:
        vol = _el(node, "journal_volume")
        _el(vol, "volume", issue.volume)
    if issue.number:
        _el(node, "issue", issue.number)
    if with_doi and issue.doi:
        _doi_data(node, issue.doi, issue.url)


def _orcid_url(orcid: str) -> str:
    orcid = orcid.strip()
    return orcid if orcid.startswith("http") else f"https://orcid.org/{orcid}"


def _journal_article(parent, article: ArticleData):
    node = _el(
        parent,
        "journal_article",
        publication_type="full_text",
        language=article.language[:2],
    )
    titles = _el(node, "titles")
    # Crossref's original_language_title is for translated works (the title
    # of the original); an original article's other-language titles have no
    # place in 5.3.1, so only its own title is sent.
    _el(titles, "title", article.title)
    if article.authors:
        contributors = _el(node, "contributors")
        for index, person in enumerate(article.authors):
            name = _el(
                contributors,
                "person_name",
                sequence="first" if index == 0 else "additional",
                contributor_role="author",
            )
            # Crossref requires a surname; a single-name author goes there.
            if person.surname:
                if person.given_name:
                    _el(name, "given_name", person.given_name)
                _el(name, "surname", person.surname)
            else:
                _el(name, "surname", person.given_name)
            if person.affiliation or person.ror:
                institution = _el(_el(name, "affiliations"), "institution")
                if person.affiliation:
                    _el(institution, "institution_name", person.affiliation)
                if person.ror:
                    _el(institution, "institution_id", person.ror, type="ror")
            if person.orcid:
                orcid = _el(name, "ORCID", _orcid_url(person.orcid))
                if person.orcid_authenticated:
                    orcid.set("authenticated", "true")
    abstracts = article.abstracts or (
        {article.language: article.abstract} if article.abstract else {}
    )
    for lang, text in abstracts.items():
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        if not paragraphs:
            continue
        abstract = _el(node, "abstract", ns=JATS)
        abstract.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
        for paragraph in paragraphs:
            _el(abstract, "p", paragraph, ns=JATS)
    if article.published:
        _date(node, "publication_date", article.published)
    if article.first_page:
        pages = _el(node, "pages")
        _el(pages, "first_page", article.first_page)
        if article.last_page:
            _el(pages, "last_page", article.last_page)
    if article.item_number:
        item = _el(node, "publisher_item")
        _el(item, "item_number", article.item_number, item_number_type="article_number")
    # With Crossmark, the licence goes into its custom metadata (the schema
    # has either a crossmark or the programs at this place).
    programs_parent = node
    if article.crossmark_policy:
        crossmark = _el(node, "crossmark")
        _el(crossmark, "crossmark_version", "1")
        _el(crossmark, "crossmark_policy", article.crossmark_policy)
        if "." in article.crossmark_domain:
            domains = _el(crossmark, "crossmark_domains")
            _el(_el(domains, "crossmark_domain"), "domain", article.crossmark_domain)
        _el(crossmark, "crossmark_domain_exclusive", "false")
        if article.updates:
            updates = _el(crossmark, "updates")
            for kind, when, updated_doi in article.updates:
                _el(updates, "update", updated_doi, type=kind, date=when.isoformat())
        programs_parent = _el(crossmark, "custom_metadata")
    if article.licence_url:
        program = _el(programs_parent, "program", ns=AI, name="AccessIndicators")
        _el(program, "free_to_read", ns=AI)
        attrs = {"applies_to": "vor"}
        if article.published:
            attrs["start_date"] = article.published.isoformat()
        _el(program, "license_ref", article.licence_url, ns=AI, **attrs)
    if programs_parent is not node and not len(programs_parent):
        programs_parent.getparent().remove(programs_parent)
    _doi_data(node, article.doi, article.url, article.full_texts)
    if article.references:
        citations = _el(node, "citation_list")
        for index, reference in enumerate(article.references, start=1):
            _citation(_el(citations, "citation", key=f"ref{index}"), reference)


def _citation(citation, ref: "str | ParsedReference") -> None:
    """The parts Crossref matches on, and always the text as written."""
    if isinstance(ref, str):
        _el(citation, "unstructured_citation", ref)
        return
    parts = [
        ("doi", ref.doi if re.fullmatch(r"10\.\d{4,9}/.{1,200}", ref.doi) else ""),
        ("author", ref.first_author_family),
        ("cYear", ref.year[:4]),
        ("volume", ref.volume[:32]),
        ("issue", ref.issue[:32]),
        ("first_page", ref.first_page[:32]),
    ]
    if ref.publication_type == "journal":
        parts += [("journal_title", ref.source), ("article_title", ref.title)]
    elif ref.publication_type in ("book", "chapter"):
        parts += [("volume_title", ref.source or ref.title)]
        if ref.source:
            parts.append(("article_title", ref.title))
    for tag, value in parts:
        if value:
            _el(citation, tag, value)
    _el(citation, "unstructured_citation", ref.text)


def _root(batch: BatchData):
    root = etree.Element(f"{{{CR}}}doi_batch", nsmap=NSMAP, version="5.3.1")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    head = _el(root, "head")
    _el(head, "doi_batch_id", batch.batch_id)
    _el(head, "timestamp", batch.timestamp.strftime("%Y%m%d%H%M%S"))
    depositor = _el(head, "depositor")
    _el(depositor, "depositor_name", batch.depositor_name)
    _el(depositor, "email_address", batch.depositor_email)
    _el(head, "registrant", batch.registrant)
    body = _el(root, "body")
    return root, body


def batch_build(
    batch: BatchData,
    *,
    articles: list[ArticleData] | None = None,
    issue_doi: bool = True,
) -> etree._Element:
    """The deposit for the batch's issue (with or without its own DOI) and the
    given articles (all of the batch's by default)."""
    root, body = _root(batch)
    journal = _el(body, "journal")
    _journal_metadata(journal, batch.journal)
    if batch.issue is not None:
        _journal_issue(journal, batch.issue, with_doi=issue_doi)
    for article in batch.articles if articles is None else articles:
        _journal_article(journal, article)
    return root


def item_batches(batch: BatchData):
    """(key, doi, document) for each DOI in the batch, each alone in a batch."""
    if batch.issue is not None and batch.issue.doi:
        yield batch.issue.key, batch.issue.doi, batch_build(batch, articles=[])
    for article in batch.articles:
        yield (
            article.key,
            article.doi,
            batch_build(batch, articles=[article], issue_doi=False),
        )


def schema_path() -> str:
    return os.path.join(settings.SCHEMAS_DIR, "crossref", "crossref5.3.1.xsd")


@functools.cache
def _schema(path: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(path, parser))


def schema_available() -> bool:
    return os.path.exists(schema_path())


def batch_validate(document: etree._Element) -> list[str]:
    """The schema's complaints about the document; empty when it is valid."""
    schema = _schema(schema_path())
    if schema.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def batch_serialise(document: etree._Element) -> bytes:
    return etree.tostring(
        document, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


@dataclass
class Diagnostic:
    """A doi_batch_diagnostic: the batch's status ("completed" once Crossref
    has processed it; "queued" or "in_process" before) and each DOI's outcome
    as {doi in lower case: (status, msg)}, status "success" or "failed"."""

    status: str
    outcomes: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def completed(self) -> bool:
        return self.status == "completed"


def diagnostic_read(body: bytes) -> Diagnostic | None:
    """The diagnostic in Crossref's answer, or None if the body is not one.
    A Warning counts as a success: the DOI is registered, and its msg kept."""
    try:
        parser = etree.XMLParser(
            no_network=True, resolve_entities=False, load_dtd=False
        )
        root = etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None or etree.QName(root).localname != "doi_batch_diagnostic":
        return None
    outcomes = {}
    for record in root.iter("{*}record_diagnostic", "record_diagnostic"):
        doi = (record.findtext("{*}doi") or record.findtext("doi") or "").strip()
        msg = (record.findtext("{*}msg") or record.findtext("msg") or "").strip()
        status = (record.get("status") or "").lower()
        if doi:
            outcomes[doi.lower()] = (
                "success" if status in ("success", "warning") else "failed",
                msg,
            )
    return Diagnostic(status=(root.get("status") or "").lower(), outcomes=outcomes)


def diagnostic_parse(body: bytes) -> dict[str, tuple[str, str]]:
    """Per-DOI outcome from a Crossref doi_batch_diagnostic: {doi: (status, msg)}
    with status "success" or "failed". Empty if the body is not a diagnostic."""
    diagnostic = diagnostic_read(body)
    return diagnostic.outcomes if diagnostic is not None else {}
