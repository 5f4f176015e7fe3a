"""The `oai_openaire` crosswalk: OpenAIRE Guidelines for Literature
Repositories v4 (DataCite, Dublin Core and oaire elements, with COAR
vocabularies for resource type, access rights and version).

OpenAIRE, and the aggregators fed by it, harvest this format to link an
article to its authors (ORCID), institutions, funders and full text.
"""

from lxml import etree

from .metadata import (
    DC_NS,
    OPENAIRE_NS,
    XML_LANG,
    _languages,
    _text,
    article_kind,
    fulltext_url,
    landing_url,
)
from .protocol import XSI_NS

DATACITE_NS = "http://datacite.org/schema/kernel-4"
OPENAIRE_SCHEMA = "https://www.openaire.eu/schema/repo-lit/4.0/openaire.xsd"

OPEN_ACCESS = "http://purl.org/coar/access_right/c_abf2"
VERSION_OF_RECORD = "http://purl.org/coar/version/c_970fb48d4fbd8a85"
ORCID_SCHEME = "https://orcid.org"

# ISO 639-3 codes (what OpenAIRE asks for in dc:language).
ISO639_3 = {
    "en": "eng",
    "ru": "rus",
    "kk": "kaz",
    "uz": "uzb",
    "ky": "kir",
    "tg": "tgk",
    "tk": "tuk",
    "az": "aze",
    "hy": "hye",
    "ka": "kat",
    "mn": "mon",
    "fr": "fra",
    "de": "deu",
    "es": "spa",
    "uk": "ukr",
}

# Full-text galleys, in the order a reader would want them.
_FULLTEXT_KINDS = ("pdf", "html", "jats")


def build_oai_openaire(article) -> bytes:
    """OpenAIRE v4 `oaire:resource` for a published article."""
    submission = article.submission
    journal = article.journal
    D, DC, OA = f"{{{DATACITE_NS}}}", f"{{{DC_NS}}}", f"{{{OPENAIRE_NS}}}"
    root = etree.Element(
        f"{OA}resource",
        nsmap={
            "oaire": OPENAIRE_NS,
            "datacite": DATACITE_NS,
            "dc": DC_NS,
            "xsi": XSI_NS,
        },
    )
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OPENAIRE_NS} {OPENAIRE_SCHEMA}")

    def sub(parent, tag: str, text=None, **attrs):
        el = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v})
        if text is not None:
            el.text = text
        return el

    languages = _languages(article)
    titles = sub(root, f"{D}titles")
    for lang in languages:
        title = _text((submission.title or {}).get(lang))
        if not title:
            continue
        el = sub(titles, f"{D}title", title)
        el.set(XML_LANG, lang)
        if lang != submission.language:
            el.set("titleType", "TranslatedTitle")
        subtitle = _text((submission.subtitle or {}).get(lang))
        if subtitle:
            el = sub(titles, f"{D}title", subtitle, titleType="Subtitle")
            el.set(XML_LANG, lang)
    if not len(titles):
        sub(titles, f"{D}title", str(article))

    authors = list(submission.authors.all())
    if authors:
        creators = sub(root, f"{D}creators")
        for author in authors:
            creator = sub(creators, f"{D}creator")
            name = ", ".join(p for p in (author.family_name, author.given_name) if p)
            sub(creator, f"{D}creatorName", _text(name), nameType="Personal")
            if author.given_name:
                sub(creator, f"{D}givenName", _text(author.given_name))
            if author.family_name:
                sub(creator, f"{D}familyName", _text(author.family_name))
            if author.orcid:
                sub(
                    creator,
                    f"{D}nameIdentifier",
                    author.orcid,
                    nameIdentifierScheme="ORCID",
                    schemeURI=ORCID_SCHEME,
                )
            if author.affiliation:
                affiliation = sub(creator, f"{D}affiliation", _text(author.affiliation))
                if author.ror:
                    # DataCite 4.3's names; the guidelines' schema leaves the
                    # element open, so harvesters that know them read the id.
                    affiliation.set("affiliationIdentifier", author.ror)
                    affiliation.set("affiliationIdentifierScheme", "ROR")
                    affiliation.set("schemeURI", "https://ror.org")

    if article.doi:
        sub(root, f"{D}identifier", article.doi, identifierType="DOI")
    else:
        sub(root, f"{D}identifier", landing_url(article.id), identifierType="URL")
    alternates = sub(root, f"{D}alternateIdentifiers")
    sub(
        alternates,
        f"{D}alternateIdentifier",
        landing_url(article.id),
        alternateIdentifierType="URL",
    )

    issns = [
        ("EISSN", journal.issn_online),
        ("PISSN", journal.issn_print),
    ]
    if any(value for _, value in issns):
        related = sub(root, f"{D}relatedIdentifiers")
        for kind, value in issns:
            if value:
                sub(
                    related,
                    f"{D}relatedIdentifier",
                    value,
                    relatedIdentifierType=kind,
                    relationType="IsPartOf",
                )

    if article.published_at:
        dates = sub(root, f"{D}dates")
        sub(
            dates,
            f"{D}date",
            article.published_at.date().isoformat(),
            dateType="Issued",
        )

    language = ISO639_3.get((submission.language or "")[:2])
    if language:
        sub(root, f"{DC}language", language)
    if journal.publisher:
        sub(root, f"{DC}publisher", _text(journal.publisher))

    kind = article_kind(article)
    sub(
        root,
        f"{OA}resourceType",
        kind.coar_label,
        resourceTypeGeneral="literature",
        uri=kind.coar_uri,
    )

    for lang in languages:
        abstract = _text((submission.abstract or {}).get(lang))
        if abstract:
            sub(root, f"{DC}description", abstract).set(XML_LANG, lang)
    if article.retraction_notice:
        sub(
            root,
            f"{DC}description",
            f"Retraction notice: {_text(article.retraction_notice)}",
        )

    galleys = {
        g.kind: g for g in getattr(article, "current_galleys", []) if g.content_type
    }
    for content_type in sorted({g.content_type for g in galleys.values()}):
        sub(root, f"{DC}format", content_type)

    sub(root, f"{D}rights", "open access", rightsURI=OPEN_ACCESS)

    keywords = [
        (lang, _text(word))
        for lang in languages
        for field in (submission.keywords, submission.subjects)
        for word in (field or {}).get(lang) or []
        if _text(word)
    ]
    if keywords:
        subjects = sub(root, f"{D}subjects")
        for lang, word in keywords:
            sub(subjects, f"{D}subject", word).set(XML_LANG, lang)

    if journal.licence_url:
        sub(
            root,
            f"{OA}licenseCondition",
            journal.get_default_licence_display(),
            uri=journal.licence_url,
            startDate=article.published_at.date().isoformat()
            if article.published_at
            else "",
        )
    sub(root, f"{OA}version", "VoR", uri=VERSION_OF_RECORD)
    for galley_kind in _FULLTEXT_KINDS:
        galley = galleys.get(galley_kind)
        if galley is None:
            continue
        sub(
            root,
            f"{OA}file",
            fulltext_url(article.id, galley_kind),
            mimeType=galley.content_type.split(";")[0].strip(),
            objectType="fulltext",
            accessRightsURI=OPEN_ACCESS,
        )

    sub(root, f"{OA}citationTitle", _text(journal.title))
    issue = article.issue
    if issue is not None:
        if issue.volume_id and issue.volume is not None:
            sub(root, f"{OA}citationVolume", str(issue.volume.number))
        if issue.number:
            sub(root, f"{OA}citationIssue", str(issue.number))
    if article.first_page:
        sub(root, f"{OA}citationStartPage", str(article.first_page))
        if article.last_page:
            sub(root, f"{OA}citationEndPage", str(article.last_page))
    elif article.elocation_id:
        sub(root, f"{OA}citationStartPage", str(article.elocation_id))
    return etree.tostring(root, encoding="utf-8", xml_declaration=False)
