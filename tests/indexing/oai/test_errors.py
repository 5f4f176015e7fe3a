import pytest

from .conftest import OAI, error_codes
from .factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db


def request_attributes(doc):
    return dict(doc.find(f"{OAI}request").attrib)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "verb=Identity",
        "verb=identify",
        "verb=Identify&verb=Identify",
        "verb=Identify&verb=ListSets",
        "verb=",
        "metadataPrefix=oai_dc",
    ],
    ids=[
        "missing",
        "unknown",
        "wrong-case",
        "repeated",
        "two-verbs",
        "empty",
        "args-only",
    ],
)
def test_bad_verb(oai, query):
    doc = oai(query_string(query))
    assert error_codes(doc) == ["badVerb"]
    assert request_attributes(doc) == {}  # nothing echoed for badVerb


@pytest.mark.parametrize(
    "query",
    [
        "verb=Identify&metadataPrefix=oai_dc",
        "verb=ListRecords",
        "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc",
        "verb=ListRecords&metadataPrefix=oai_dc&frm=2020-01-01",
        "verb=ListRecords&metadataPrefix=",
        "verb=GetRecord&metadataPrefix=oai_dc",
        "verb=GetRecord&identifier=oai:journal.example.org:article/1",
        "verb=ListIdentifiers&resumptionToken=x&metadataPrefix=oai_dc",
        "verb=ListRecords&resumptionToken=x&set=a",
        "verb=ListSets&resumptionToken=x&set=a",
        "verb=ListMetadataFormats&identifier=a&identifier=b",
    ],
    ids=[
        "unknown-for-verb",
        "missing-prefix",
        "repeated",
        "unknown",
        "empty",
        "missing-identifier",
        "missing-prefix-getrecord",
        "token-and-prefix",
        "token-and-set",
        "listsets-token-and-set",
        "repeated-identifier",
    ],
)
def test_bad_argument(oai, query):
    PublishedArticleFactory()
    doc = oai(query_string(query))
    assert "badArgument" in error_codes(doc)
    assert set(error_codes(doc)) == {"badArgument"}
    assert request_attributes(doc) == {}


def test_unknown_format_cannot_be_disseminated_and_the_request_is_echoed(oai):
    article = PublishedArticleFactory()
    identifier = f"oai:journal.example.org:article/{article.pk}"
    for query in (
        {"verb": "ListRecords", "metadataPrefix": "marc21"},
        {"verb": "ListIdentifiers", "metadataPrefix": "marc21"},
        {"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": identifier},
    ):
        doc = oai(query)
        assert error_codes(doc) == ["cannotDisseminateFormat"]
        assert request_attributes(doc) == query


def test_unknown_identifier_does_not_exist(oai):
    doc = oai(
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": "oai:journal.example.org:article/424242",
        }
    )
    assert error_codes(doc) == ["idDoesNotExist"]


def test_no_records_match_an_empty_selection(oai):
    PublishedArticleFactory(datestamp="2024-01-01T00:00:00Z")
    doc = oai({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2030-01-01"})
    assert error_codes(doc) == ["noRecordsMatch"]


def test_values_the_schema_cannot_hold_are_not_echoed(oai):
    doc = oai({"verb": "ListRecords", "metadataPrefix": "oai dc\x01"})
    assert error_codes(doc) == ["cannotDisseminateFormat"]
    assert request_attributes(doc) == {"verb": "ListRecords"}


def query_string(text):
    """A raw query string, repeated and empty arguments kept as written."""
    from django.http import QueryDict

    return QueryDict(text, mutable=False)
