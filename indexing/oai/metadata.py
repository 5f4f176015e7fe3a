"""Metadata formats: the crosswalks from an article to each format's XML.

Each format turns one Article (loaded by `selectors.articles_for_metadata`)
into the bytes of its metadata element, built with lxml. The endpoint stores
those bytes per article and format (`OaiRecord`) and rebuilds them only when
the article's datestamp or the format's fingerprint changes.
"""

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from lxml import etree
from lxml import html as lxml_html

from publishing.jats_links import strip_unsafe_links

from .protocol import XSI_NS

logger = logging.getLogger(__name__)

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OPENAIRE_NS = "http://namespace.openaire.eu/schema/oaire/"

# PKP's OAI JATS plugin names this namespace for JATS in OAI-PMH; JATS itself
# has none, and OAI-PMH needs one (its <metadata> takes elements of another
# namespace only), so the article's elements are moved into it. The schema
# declared for it is NLM's JATS 1.3 Publishing XSD included into that
# namespace (indexing/oai/schemas/jats-1.3-oai.xsd, served beside the
# endpoint), so a record validates against the schema it names; without the
# namespace it is valid against NLM's own XSD.
JATS_NS = "http://jats.nlm.nih.gov"
JATS_SCHEMA_FILE = "jats-1.3-oai.xsd"

# Bump when a crosswalk changes, so every stored record is rebuilt.
FORMAT_VERSION = "3"

_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class CannotDisseminate(Exception):
    """This article cannot be expressed in this format."""


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    schema: str  # a URL, or the name of a schema file this repository serves
    namespace: str
    build: Callable  # (article) -> bytes
    needs_jats: bool = False

    def available_for(self, *, has_jats: bool) -> bool:
        return has_jats or not self.needs_jats

    @property
    def schema_url(self) -> str:
        if "://" in self.schema:
            return self.schema
        return served_schema_url(self.schema)


def served_schema_url(name: str) -> str:
    try:
        path = reverse("oai:schema", args=[name])
    except NoReverseMatch:
        path = f"/oai/schemas/{name}"
    return settings.SITE_URL + path


def fingerprint() -> str:
    """What, besides the article, the stored XML depends on."""
    basis = "|".join(
        (FORMAT_VERSION, settings.SITE_URL, settings.OAI_REPOSITORY_IDENTIFIER)
    )
    return hashlib.sha256(basis.encode()).hexdigest()[:32]


def landing_url(article_id: int) -> str:
    try:
        path = reverse("publishing:article", args=[article_id])
    except NoReverseMatch:
        path = f"/article/{article_id}/"
    return settings.SITE_URL + path


def _text(value) -> str:
    """Plain text for an XML text node: markup dropped, control characters out."""
    value = str(value or "")
    if "<" in value and ">" in value:
        try:
            value = lxml_html.fragment_fromstring(
                value, create_parent="div"
            ).text_content()
        except (etree.ParserError, ValueError):
            pass
    return " ".join(_CONTROL_RE.sub("", value).split())


def _languages(article) -> list[str]:
    """The submission's language first, then the journal's other languages."""
    submission = article.submission
    ordered = [submission.language, *article.journal.language_list]
    for mapping in (
        submission.title,
        submission.abstract,
        submission.keywords,
        submission.subjects,
    ):
        ordered.extend((mapping or {}).keys())
    return list(dict.fromkeys(lang for lang in ordered if lang))


@dataclass(frozen=True)
class ArticleKind:
    """What kind of work an article is, in the vocabularies harvesters read."""

    coar_uri: str
    coar_label: str
    eu_repo_type: str  # info:eu-repo/semantics/..., for oai_dc


JOURNAL_ARTICLE = ArticleKind(
    "http://purl.org/coar/resource_type/c_6501", "journal article", "article"
)
# JATS article-type (a section's) -> kind; other types are journal articles.
ARTICLE_KINDS = {
    "book-review": ArticleKind(
        "http://purl.org/coar/resource_type/c_ba08", "book review", "bookReview"
    ),
    "review-article": ArticleKind(
        "http://purl.org/coar/resource_type/c_dcae04bc", "review article", "review"
    ),
}


def article_kind(article) -> ArticleKind:
    section = article.section
    article_type = section.article_type if section is not None else ""
    return ARTICLE_KINDS.get(article_type, JOURNAL_ARTICLE)


def fulltext_url(article_id: int, kind: str) -> str:
    """The stable address of an article's current galley of a kind."""
    try:
        path = reverse("publishing:article_download_kind", args=[article_id, kind])
    except NoReverseMatch:
        path = f"/article/{article_id}/download/{kind}/"
    return settings.SITE_URL + path


def source_citation(article) -> str:
    parts = [article.journal.title]
    issue = article.issue
    if issue is not None:
        label = []
        if issue.volume_id and issue.volume is not None:
            label.append(f"Vol. {issue.volume.number}")
        if issue.number:
            label.append(f"No. {issue.number}")
        text = " ".join(label)
        parts.append(f"{text} ({issue.year})" if text else str(issue.year))
    if article.first_page:
        pages = article.first_page
        if article.last_page and article.last_page != article.first_page:
            pages = f"{pages}-{article.last_page}"
        parts.append(pages)
    elif article.elocation_id:
        parts.append(article.elocation_id)
    return "; ".join(parts)


def build_oai_dc(article) -> bytes:
    """Simple Dublin Core, only elements oai_dc.xsd defines."""
    submission = article.submission
    journal = article.journal
    root = etree.Element(
        f"{{{OAI_DC_NS}}}dc",
        nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS},
    )
    root.set(
        f"{{{XSI_NS}}}schemaLocation",
        f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
    )

    def add(name: str, value, lang: str | None = None):
        text = _text(value)
        if text:
            el = etree.SubElement(root, f"{{{DC_NS}}}{name}")
            el.text = text
            if lang:
                el.set(XML_LANG, lang)

    languages = _languages(article)
    for lang in languages:
        add("title", (submission.title or {}).get(lang), lang)
    for author in submission.authors.all():
        name = ", ".join(p for p in (author.family_name, author.given_name) if p)
        add("creator", name)
    for lang in languages:
        for keyword in (submission.keywords or {}).get(lang) or []:
            add("subject", keyword, lang)
        for subject in (submission.subjects or {}).get(lang) or []:
            add("subject", subject, lang)
    for lang in languages:
        add("description", (submission.abstract or {}).get(lang), lang)
    if article.retraction_notice:
        add("description", f"Retraction notice: {article.retraction_notice}")
    add("publisher", journal.publisher)
    if article.published_at:
        add("date", article.published_at.date().isoformat())
    add("type", f"info:eu-repo/semantics/{article_kind(article).eu_repo_type}")
    add("type", "info:eu-repo/semantics/publishedVersion")
    add("type", "Text")
    formats = sorted(
        {
            g.content_type
            for g in getattr(article, "current_galleys", [])
            if g.content_type
        }
    )
    for content_type in formats or ["text/html"]:
        add("format", content_type)
    add("identifier", landing_url(article.id))
    if article.doi:
        add("identifier", f"https://doi.org/{article.doi}")
    # The full text, where BASE, CORE and OpenAIRE's oai_dc readers look.
    if any(g.kind == "pdf" for g in getattr(article, "current_galleys", [])):
        add("identifier", fulltext_url(article.id, "pdf"))
    add("source", source_citation(article), submission.language or None)
    for issn in (journal.issn_online, journal.issn_print):
        add("source", issn)
    add("language", submission.language)
    if journal.licence_url:
        add("rights", journal.licence_url)
    holder = article.copyright_holder_in(submission.language)
    if holder:
        year = article.copyright_year or (
            article.published_at.year if article.published_at else ""
        )
        add("rights", f"© {year} {holder}")
    add("rights", "info:eu-repo/semantics/openAccess")
    return etree.tostring(root, encoding="utf-8", xml_declaration=False)


_JATS_PARSER_OPTIONS = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=True,
    remove_blank_text=False,
)


def build_jats(article) -> bytes:
    """The article's stored JATS, its no-namespace elements moved into JATS_NS."""
    if not article.jats_xml:
        raise CannotDisseminate("no JATS")
    parser = etree.XMLParser(**_JATS_PARSER_OPTIONS)
    try:
        source = etree.fromstring(article.jats_xml.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        logger.warning("Article %s has JATS that does not parse: %s", article.id, exc)
        raise CannotDisseminate("JATS does not parse") from exc
    if source.tag != "article":
        raise CannotDisseminate("JATS root is not <article>")
    strip_unsafe_links(source)
    nsmap = {None: JATS_NS, **{k: v for k, v in source.nsmap.items() if k}}
    nsmap.setdefault("xsi", XSI_NS)
    root = etree.Element(
        f"{{{JATS_NS}}}article", attrib=dict(source.attrib), nsmap=nsmap
    )
    root.set(
        f"{{{XSI_NS}}}schemaLocation",
        f"{JATS_NS} {served_schema_url(JATS_SCHEMA_FILE)}",
    )
    root.text = source.text
    for child in list(source):
        root.append(child)
    id_prefix = f"a{article.id}-"
    for el in root.iter(tag=etree.Element):
        if not el.tag.startswith("{"):
            el.tag = f"{{{JATS_NS}}}{el.tag}"
        # A ListRecords response is one XML document: ids of two records
        # must not collide, so each record's ids carry its article's id.
        for name in _JATS_ID_ATTRIBUTES.intersection(el.attrib):
            el.set(name, " ".join(id_prefix + v for v in el.get(name).split()))
    return etree.tostring(root, encoding="utf-8", xml_declaration=False)


# The attributes JATS 1.3 types as ID, IDREF or IDREFS.
_JATS_ID_ATTRIBUTES = frozenset(
    (
        "id",
        "rid",
        "continued-from",
        "headers",
        "pointer-to-question",
        "pointer-to-explained",
        "glyph-data",
    )
)


from .openaire import OPENAIRE_SCHEMA, build_oai_openaire  # noqa: E402

FORMATS: dict[str, MetadataFormat] = {
    "oai_dc": MetadataFormat(
        prefix="oai_dc",
        schema="http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        namespace=OAI_DC_NS,
        build=build_oai_dc,
    ),
    "jats": MetadataFormat(
        prefix="jats",
        schema=JATS_SCHEMA_FILE,
        namespace=JATS_NS,
        build=build_jats,
        needs_jats=True,
    ),
    "oai_openaire": MetadataFormat(
        prefix="oai_openaire",
        schema=OPENAIRE_SCHEMA,
        namespace=OPENAIRE_NS,
        build=build_oai_openaire,
    ),
}
