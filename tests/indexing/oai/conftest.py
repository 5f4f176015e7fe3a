"""Schema oracles and a client that checks every OAI-PMH response against them."""

import copy
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from indexing.oai.metadata import JATS_NS
from tests.schemas import schema_missing

OAI = "{http://www.openarchives.org/OAI/2.0/}"
NS = {
    "o": "http://www.openarchives.org/OAI/2.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "j": JATS_NS,
}


class _RefuseRemote(etree.Resolver):
    def resolve(self, url, pubid, context):
        if url and url.split(":", 1)[0].lower() in ("http", "https", "ftp"):
            raise RuntimeError(f"remote schema refused: {url}")
        return None


def _parser():
    parser = etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True)
    parser.resolvers.add(_RefuseRemote())
    return parser


def _schemas_dir() -> Path:
    path = Path(settings.SCHEMAS_DIR)
    if not (path / "oai-pmh" / "OAI-PMH.xsd").exists():
        schema_missing(f"OAI-PMH schemas not found in SCHEMAS_DIR ({path})")
    return path


@pytest.fixture(scope="session")
def oai_schema(tmp_path_factory):
    """OAI-PMH.xsd with oai_dc.xsd and oai-identifier.xsd for the strict
    wildcards; JATS records are checked on their own (see jats_schema), so the
    driver declares their namespace's <article> open here."""
    base = _schemas_dir() / "oai-pmh"
    stub = tmp_path_factory.mktemp("oai") / "jats-open.xsd"
    stub.write_text(
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'targetNamespace="{JATS_NS}"><xs:element name="article"/></xs:schema>'
    )
    driver = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="OAI-PMH.xsd"/>
      <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="oai_dc.xsd"/>
      <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai-identifier" schemaLocation="oai-identifier.xsd"/>
      <xs:import namespace="{JATS_NS}" schemaLocation="{stub.as_uri()}"/>
    </xs:schema>""".encode()
    doc = etree.fromstring(driver, _parser(), base_url=str(base / "_driver.xsd"))
    return etree.XMLSchema(doc)


@pytest.fixture(scope="session")
def jats_schema():
    path = (
        _schemas_dir()
        / "jats"
        / "JATS-Publishing-1-3-XSD"
        / "JATS-journalpublishing1-3-mathml3.xsd"
    )
    if not path.exists():
        schema_missing(f"JATS 1.3 XSD not found ({path})")
    return etree.XMLSchema(etree.parse(str(path), _parser()))


def without_jats_namespace(article_el):
    """The JATS document as JATS defines it: no namespace on its own elements."""
    article_el = copy.deepcopy(article_el)
    for el in article_el.iter(tag=etree.Element):
        if el.tag.startswith(f"{{{JATS_NS}}}"):
            el.tag = el.tag[len(JATS_NS) + 2 :]
    etree.cleanup_namespaces(article_el)
    return article_el


def assert_valid_oai(body: bytes, oai_schema, jats_schema=None):
    doc = etree.fromstring(body, _parser())
    assert oai_schema.validate(doc), [str(e) for e in oai_schema.error_log][:5]
    articles = doc.findall(f".//{OAI}metadata/{{{JATS_NS}}}article")
    if articles:
        assert jats_schema is not None, "JATS records need the JATS schema"
        for article in articles:
            plain = without_jats_namespace(article)
            assert jats_schema.validate(plain), [str(e) for e in jats_schema.error_log][
                :5
            ]
    return doc


class OaiClient:
    """GET/POST the endpoint; every answer must be a schema-valid document."""

    def __init__(self, client, oai_schema, jats_schema):
        self.client = client
        self.oai_schema = oai_schema
        self.jats_schema = jats_schema

    def raw(self, query=None, method="get", **extra):
        call = self.client.post if method == "post" else self.client.get
        response = call("/oai", query or {}, **extra)
        return response

    def __call__(self, query=None, method="get", **extra):
        response = self.raw(query, method=method, **extra)
        assert response.status_code == 200, response.status_code
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        body = b"".join(response.streaming_content)
        return assert_valid_oai(body, self.oai_schema, self.jats_schema)


@pytest.fixture
def oai(client, oai_schema, jats_schema, settings):
    settings.OAI_RATE_LIMIT = None
    settings.ROOT_URLCONF = "tests.indexing.oai.urls"
    return OaiClient(client, oai_schema, jats_schema)


def error_codes(doc) -> list[str]:
    return [e.get("code") for e in doc.findall(f"{OAI}error")]


def identifiers(doc) -> list[str]:
    return [e.text for e in doc.iterfind(f".//{OAI}header/{OAI}identifier")]


def token_of(doc):
    return doc.find(f".//{OAI}resumptionToken")
