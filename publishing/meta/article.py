"""What indexers read about an article: Highwire Press citation_* tags (as
Google Scholar asks for them), Dublin Core tags, schema.org JSON-LD and FAIR
Signposting Link headers. Built over CitationData and absolute URLs."""

import json
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from ..citations.data import CitationData


@dataclass
class GalleyLink:
    url: str
    content_type: str
    kind: str


@dataclass
class ArticleLinks:
    landing: str
    pdf: str = ""
    jats: str = ""
    html: str = ""
    licence: str = ""
    bibtex: str = ""
    csl_json: str = ""
    galleys: tuple = ()


def highwire(
    data: CitationData, links: ArticleLinks, *, online_date=None
) -> list[tuple[str, str]]:
    tags = [("citation_title", data.title)]
    for author in data.authors:
        tags.append(("citation_author", author.full_name))
        if author.affiliation:
            tags.append(("citation_author_institution", author.affiliation))
        if author.orcid:
            tags.append(("citation_author_orcid", f"https://orcid.org/{author.orcid}"))
    if data.published:
        tags.append(("citation_publication_date", data.published.strftime("%Y/%m/%d")))
    if online_date:
        tags.append(("citation_online_date", online_date.strftime("%Y/%m/%d")))
    tags += [
        ("citation_journal_title", data.journal),
        ("citation_journal_abbrev", data.journal_abbrev),
        ("citation_publisher", data.publisher),
    ]
    tags += [("citation_issn", issn) for issn in _issns(data)]
    tags += [
        ("citation_volume", data.volume),
        ("citation_issue", data.issue),
        ("citation_firstpage", data.first_page or data.article_number),
        ("citation_lastpage", data.last_page),
        ("citation_doi", data.doi),
        ("citation_abstract_html_url", links.landing),
        ("citation_fulltext_html_url", links.landing if links.html else ""),
        ("citation_pdf_url", links.pdf),
        ("citation_xml_url", links.jats),
        ("citation_language", data.language),
    ]
    tags += [("citation_keywords", k) for k in data.keywords]
    return [(name, value) for name, value in tags if value]


def _issns(data: CitationData) -> list[str]:
    return [i for i in data.issns or [data.issn] if i]


def dublin_core(data: CitationData, links: ArticleLinks) -> list[tuple[str, str, str]]:
    """(name, content, lang) triples."""
    lang = data.language
    tags = [("DC.title", data.title, lang)]
    tags += [("DC.creator", a.full_name, "") for a in data.authors]
    tags += [
        ("DC.date", data.published.isoformat() if data.published else "", ""),
        ("DC.identifier", f"doi:{data.doi}" if data.doi else "", ""),
        ("DC.identifier", links.landing, ""),
        ("DC.publisher", data.publisher, ""),
        ("DC.language", data.language, ""),
        ("DC.rights", links.licence, ""),
        ("DC.type", "Text.Serial.Journal", ""),
        ("DC.description", data.abstract, lang),
        ("DC.source", data.journal, ""),
        ("DC.source.issn", data.issn, ""),
        ("DC.source.volume", data.volume, ""),
        ("DC.source.issue", data.issue, ""),
        ("DC.citation.spage", data.first_page, ""),
        ("DC.citation.epage", data.last_page, ""),
    ]
    tags += [("DC.subject", k, lang) for k in data.keywords]
    return [t for t in tags if t[1]]


def json_ld(data: CitationData, links: ArticleLinks) -> dict:
    periodical = {
        "@type": "Periodical",
        "name": data.journal,
        "issn": data.issn or None,
        "publisher": {"@type": "Organization", "name": data.publisher},
    }
    part_of = periodical
    if data.volume:
        part_of = {
            "@type": "PublicationVolume",
            "volumeNumber": data.volume,
            "isPartOf": part_of,
        }
    if data.issue:
        part_of = {
            "@type": "PublicationIssue",
            "issueNumber": data.issue,
            "isPartOf": part_of,
        }
    authors = []
    for author in data.authors:
        person = {
            "@type": "Person",
            "name": author.full_name,
            "givenName": author.given or None,
            "familyName": author.family or None,
        }
        if author.affiliation:
            person["affiliation"] = {
                "@type": "Organization",
                "name": author.affiliation,
            }
        if author.orcid:
            person["sameAs"] = f"https://orcid.org/{author.orcid}"
        authors.append({k: v for k, v in person.items() if v})
    doc = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "@id": data.doi_url or links.landing,
        "headline": data.title[:110],
        "name": data.title,
        "author": authors,
        "datePublished": data.published.isoformat() if data.published else None,
        "inLanguage": data.language,
        "abstract": data.abstract or None,
        "keywords": ", ".join(data.keywords) or None,
        "url": links.landing,
        "sameAs": data.doi_url or None,
        "identifier": (
            {"@type": "PropertyValue", "propertyID": "DOI", "value": data.doi}
            if data.doi
            else None
        ),
        "license": links.licence or None,
        "isAccessibleForFree": True,
        "isPartOf": part_of,
        "pageStart": data.first_page or None,
        "pageEnd": data.last_page or None,
        "publisher": {"@type": "Organization", "name": data.publisher},
    }
    if links.pdf:
        doc["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": links.pdf,
            "encodingFormat": "application/pdf",
        }
    return {k: v for k, v in doc.items() if v is not None}


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(doc: dict) -> SafeString:
    """The JSON-LD in a script element; <, > and & escaped so no text can end it."""
    text = json.dumps(doc, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def _link(url: str, rel: str, content_type: str = "") -> str:
    value = f'<{url}> ; rel="{rel}"'
    if content_type:
        value += f' ; type="{content_type}"'
    return value


def signposting_landing(data: CitationData, links: ArticleLinks) -> str:
    parts = []
    if data.doi_url:
        parts.append(_link(data.doi_url, "cite-as"))
    parts.append(_link("https://schema.org/ScholarlyArticle", "type"))
    parts.append(_link("https://schema.org/AboutPage", "type"))
    parts += [
        _link(f"https://orcid.org/{a.orcid}", "author") for a in data.authors if a.orcid
    ]
    parts += [_link(g.url, "item", g.content_type) for g in links.galleys]
    if links.licence:
        parts.append(_link(links.licence, "license"))
    if links.jats:
        parts.append(_link(links.jats, "describedby", "application/xml"))
    if links.bibtex:
        parts.append(_link(links.bibtex, "describedby", "application/x-bibtex"))
    if links.csl_json:
        parts.append(
            _link(
                links.csl_json, "describedby", "application/vnd.citationstyles.csl+json"
            )
        )
    return ", ".join(parts)


def signposting_metadata(landing: str, *, cite_as: str = "") -> str:
    """A metadata record's links (a `describedby` target of the landing page):
    back to the page it describes, as FAIR Signposting asks."""
    parts = [_link(landing, "describes", "text/html")]
    if cite_as:
        parts.append(_link(cite_as, "cite-as"))
    return ", ".join(parts)


def signposting_galley(data: CitationData, links: ArticleLinks) -> str:
    parts = [_link(links.landing, "collection", "text/html")]
    if data.doi_url:
        parts.append(_link(data.doi_url, "cite-as"))
    if links.licence:
        parts.append(_link(links.licence, "license"))
    return ", ".join(parts)


def signposting_jats(data: CitationData, links: ArticleLinks) -> str:
    """The JATS is both a full text of the article and its metadata record
    (a `describedby` target), so it links back both ways."""
    return (
        signposting_galley(data, links)
        + ", "
        + _link(links.landing, "describes", "text/html")
    )
