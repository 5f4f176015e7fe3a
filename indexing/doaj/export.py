"""DOAJ's article XML (records/record) for the articles of an issue."""

from dataclasses import dataclass, field

from lxml import etree

# DOAJ wants ISO 639-2/B codes.
ISO639_2B = {
    "en": "eng",
    "ru": "rus",
    "kk": "kaz",
    "uz": "uzb",
    "ky": "kir",
    "tg": "tgk",
    "tk": "tuk",
    "az": "aze",
    "hy": "arm",
    "ka": "geo",
    "mn": "mon",
    "fr": "fre",
    "de": "ger",
}


def lang3(code: str) -> str:
    return ISO639_2B.get((code or "en")[:2], "eng")


@dataclass
class DoajAuthor:
    name: str
    affiliation: str = ""
    orcid: str = ""


@dataclass
class DoajRecord:
    language: str
    publisher: str
    journal_title: str
    issn: str
    eissn: str
    publication_date: str
    volume: str
    issue: str
    start_page: str
    end_page: str
    doi: str
    record_id: str
    titles: dict[str, str]
    authors: list[DoajAuthor]
    abstracts: dict[str, str]
    full_text_url: str
    keywords: dict[str, list[str]] = field(default_factory=dict)


def _el(parent, tag, text=None, **attrs):
    node = etree.SubElement(parent, tag, **attrs)
    if text is not None:
        node.text = str(text)
    return node


def doaj_build(records: list[DoajRecord]) -> etree._Element:
    root = etree.Element("records")
    for r in records:
        rec = _el(root, "record")
        _el(rec, "language", lang3(r.language))
        _el(rec, "publisher", r.publisher)
        _el(rec, "journalTitle", r.journal_title)
        if r.issn:
            _el(rec, "issn", r.issn)
        if r.eissn:
            _el(rec, "eissn", r.eissn)
        _el(rec, "publicationDate", r.publication_date)
        for tag, value in (
            ("volume", r.volume),
            ("issue", r.issue),
            ("startPage", r.start_page),
            ("endPage", r.end_page),
            ("doi", r.doi),
        ):
            if value:
                _el(rec, tag, value)
        _el(rec, "publisherRecordId", r.record_id)
        _el(rec, "documentType", "article")
        for lang, title in r.titles.items():
            _el(rec, "title", title, language=lang3(lang))
        affiliations: list[str] = []
        if r.authors:
            authors = _el(rec, "authors")
            for person in r.authors:
                author = _el(authors, "author")
                _el(author, "name", person.name)
                if person.affiliation:
                    if person.affiliation not in affiliations:
                        affiliations.append(person.affiliation)
                    _el(
                        author,
                        "affiliationId",
                        affiliations.index(person.affiliation) + 1,
                    )
                if person.orcid:
                    _el(author, "orcid_id", f"https://orcid.org/{person.orcid}")
        if affiliations:
            listing = _el(rec, "affiliationsList")
            for index, name in enumerate(affiliations, start=1):
                _el(listing, "affiliationName", name, affiliationId=str(index))
        for lang, abstract in r.abstracts.items():
            _el(rec, "abstract", abstract, language=lang3(lang))
        _el(rec, "fullTextUrl", r.full_text_url, format="pdf")
        for lang, words in r.keywords.items():
            if words:
                group = _el(rec, "keywords", language=lang3(lang))
                for word in words:
                    _el(group, "keyword", word)
    return root


def doaj_serialise(root) -> bytes:
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
