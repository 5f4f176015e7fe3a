"""The XMP descriptions the PDF galley adds to WeasyPrint's own.

WeasyPrint writes the PDF/A identification (pdfaid part 3, conformance U),
dc:title, dc:creator, dc:description and the dates. This adds what archives
and indexers read besides: the PDF/UA-1 identification, the language, the
DOI (dc:identifier and PRISM), the journal and its issue, the publisher and
the licence. Properties outside PDF/A's predefined schemas (pdfuaid, PRISM)
are declared in a pdfaExtension schema, as PDF/A requires.
"""

from lxml import etree

from .html import ArticleHTML

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
PRISM = "http://prismstandard.org/namespaces/basic/3.0/"
EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NSMAP = {
    "rdf": RDF,
    "dc": DC,
    "pdfuaid": PDFUAID,
    "prism": PRISM,
    "pdfaExtension": EXTENSION,
    "pdfaSchema": SCHEMA,
    "pdfaProperty": PROPERTY,
}

# (namespace, prefix, schema name, [(property, value type, description)])
EXTENSION_SCHEMAS = (
    (
        PDFUAID,
        "pdfuaid",
        "PDF/UA Universal Accessibility Schema",
        [("part", "Integer", "Part of ISO 14289 the file conforms to")],
    ),
    (
        PRISM,
        "prism",
        "PRISM Basic Metadata",
        [
            ("doi", "Text", "Digital Object Identifier of the article"),
            ("url", "URL", "Address of the article's DOI resolver"),
            ("publicationName", "Text", "Title of the journal"),
            ("issn", "Text", "ISSN of the journal"),
            ("volume", "Text", "Volume of the journal"),
            ("number", "Text", "Issue of the journal"),
            ("pageRange", "Text", "Pages of the article"),
        ],
    ),
)


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _description(rdf):
    return etree.SubElement(rdf, _q(RDF, "Description"), {_q(RDF, "about"): ""})


def _container(parent, ns: str, name: str, kind: str, values: list[str], lang=None):
    holder = etree.SubElement(etree.SubElement(parent, _q(ns, name)), _q(RDF, kind))
    for value in values:
        li = etree.SubElement(holder, _q(RDF, "li"))
        li.text = value
        if lang:
            li.set(XML_LANG, lang)


def _text(parent, ns: str, name: str, value: str) -> None:
    if value:
        etree.SubElement(parent, _q(ns, name)).text = value


def _resource(parent, ns: str, name: str):
    return etree.SubElement(parent, _q(ns, name), {_q(RDF, "parseType"): "Resource"})


def _extension_schemas(rdf) -> None:
    bag = etree.SubElement(
        etree.SubElement(_description(rdf), _q(EXTENSION, "schemas")), _q(RDF, "Bag")
    )
    for namespace, prefix, title, properties in EXTENSION_SCHEMAS:
        schema = _resource(bag, RDF, "li")
        _text(schema, SCHEMA, "schema", title)
        _text(schema, SCHEMA, "namespaceURI", namespace)
        _text(schema, SCHEMA, "prefix", prefix)
        seq = etree.SubElement(
            etree.SubElement(schema, _q(SCHEMA, "property")), _q(RDF, "Seq")
        )
        for name, value_type, description in properties:
            item = _resource(seq, RDF, "li")
            _text(item, PROPERTY, "name", name)
            _text(item, PROPERTY, "valueType", value_type)
            _text(item, PROPERTY, "category", "external")
            _text(item, PROPERTY, "description", description)


def article_xmp(parts: ArticleHTML, *, licence_label: str = "") -> bytes:
    """An rdf:RDF holding the descriptions to add to the PDF's XMP packet."""
    rdf = etree.Element(_q(RDF, "RDF"), nsmap=NSMAP)
    _description(rdf).set(_q(PDFUAID, "part"), "1")

    dc = _description(rdf)
    _container(dc, DC, "language", "Bag", [parts.language or "en"])
    if parts.doi:
        _text(dc, DC, "identifier", f"https://doi.org/{parts.doi}")
    if parts.publisher:
        _container(dc, DC, "publisher", "Bag", [parts.publisher])
    rights = ". ".join(p for p in (parts.copyright.rstrip("."), licence_label) if p)
    if rights:
        _container(dc, DC, "rights", "Alt", [rights], lang="x-default")
    if parts.published:
        _container(dc, DC, "date", "Seq", [parts.published])

    prism = _description(rdf)
    if parts.doi:
        _text(prism, PRISM, "doi", parts.doi)
        _text(prism, PRISM, "url", f"https://doi.org/{parts.doi}")
    _text(prism, PRISM, "publicationName", parts.journal_title)
    _text(prism, PRISM, "issn", parts.issn.split(",")[0].strip())
    _text(prism, PRISM, "volume", parts.volume)
    _text(prism, PRISM, "number", parts.issue)
    _text(prism, PRISM, "pageRange", parts.pages.replace("–", "-"))

    _extension_schemas(rdf)
    return etree.tostring(rdf, encoding="utf-8")
