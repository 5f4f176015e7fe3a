"""Schema oracles and a client that checks every OAI-PMH response against them."""

import copy
import functools
from pathlib import Path

import pytest
from lxml import etree

from indexing.oai.metadata import JATS_NS, JATS_SCHEMA_FILE, OPENAIRE_NS
from tests.schemas import LOCAL_JATS_13, load_schema, offline_parser, require_schema

OAI = "{http://www.openarchives.org/OAI/2.0/}"
NS = {
    "o": "http://www.openarchives.org/OAI/2.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "j": JATS_NS,
    "oaire": OPENAIRE_NS,
    "datacite": "http://datacite.org/schema/kernel-4",
}


def _parser():
    return offline_parser()


SERVED_SCHEMAS = Path(__file__).resolve().parents[3] / "indexing" / "oai" / "schemas"


@pytest.fixture(scope="session")
def oai_schema(tmp_path_factory):
    """OAI-PMH.xsd with the schemas of the formats the endpoint declares, for
    its strict wildcards: oai_dc.xsd, oai-identifier.xsd and the namespaced
    JATS 1.3 schema the endpoint serves (NLM's XSD included into the JATS
    namespace), so each record is checked against the schema its
    ListMetadataFormats entry names. OpenAIRE's schema brings its own Dublin
    Core schema, which cannot share a schema set with oai_dc's, so its
    <resource> is open here and checked on its own (see openaire_schema)."""
    base = require_schema("oai-pmh/OAI-PMH.xsd").parent
    openaire = tmp_path_factory.mktemp("oai") / "openaire-open.xsd"
    openaire.write_text(
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'targetNamespace="{OPENAIRE_NS}"><xs:element name="resource"/></xs:schema>'
    )
    require_schema(LOCAL_JATS_13 + "JATS-journalpublishing1-3-mathml3-elements.xsd")
    jats = SERVED_SCHEMAS / JATS_SCHEMA_FILE
    driver = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="OAI-PMH.xsd"/>
      <xs:import namespace="{OPENAIRE_NS}" schemaLocation="{openaire.as_uri()}"/>
      <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="oai_dc.xsd"/>
      <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai-identifier" schemaLocation="oai-identifier.xsd"/>
      <xs:import namespace="{JATS_NS}" schemaLocation="{jats.as_uri()}"/>
    </xs:schema>""".encode()
    doc = etree.fromstring(driver, _parser(), base_url=str(base / "_driver.xsd"))
    return etree.XMLSchema(doc)


@pytest.fixture(scope="session")
def jats_schema():
    """NLM's own JATS 1.3 XSD (no namespace)."""
    return load_schema(
        require_schema(LOCAL_JATS_13 + "JATS-journalpublishing1-3-mathml3.xsd")
    )


@functools.cache
def _openaire_schema():
    return load_schema(require_schema("openaire-4/openaire.xsd"))


@pytest.fixture(scope="session")
def openaire_schema():
    """OpenAIRE Guidelines for Literature Repositories v4 (openaire.xsd)."""
    return _openaire_schema()


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
    resources = doc.findall(f".//{OAI}metadata/{{{OPENAIRE_NS}}}resource")
    if resources:
        schema = _openaire_schema()
        for resource in resources:
            assert schema.validate(resource), [str(e) for e in schema.error_log][:5]
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
