"""Whatever a client sends, the answer is a valid OAI-PMH document, never a 500."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from .conftest import token_of
from .factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db

NAMES = [
    "verb",
    "metadataPrefix",
    "identifier",
    "from",
    "until",
    "set",
    "resumptionToken",
    "Verb",
    "",
    "foo",
]
VALUES = [
    "Identify",
    "ListMetadataFormats",
    "ListSets",
    "GetRecord",
    "ListIdentifiers",
    "ListRecords",
    "oai_dc",
    "jats",
    "marc21",
    "",
    "2024-01-01",
    "2024-01-01T00:00:00Z",
    "2024-02-30",
    "9999-12-31T23:59:59Z",
    "0001-01-01",
    "oai:journal.example.org:article/1",
    "oai:journal.example.org:article/99999999999999999999",
    "jpa-fuzz",
    "jpa-fuzz:x",
]
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture
def archive(settings):
    settings.OAI_PAGE_SIZE = 2
    first = PublishedArticleFactory(journal__slug="jpa-fuzz")
    for _ in range(3):
        PublishedArticleFactory(journal=first.journal)
    return first


@pytest.fixture
def token(oai, archive):
    return token_of(oai({"verb": "ListRecords", "metadataPrefix": "oai_dc"})).text


def pairs():
    name = st.sampled_from(NAMES) | st.text(max_size=12)
    value = st.sampled_from(VALUES) | st.text(max_size=40)
    return st.lists(st.tuples(name, value), max_size=6)


@hsettings(max_examples=120, deadline=None, suppress_health_check=HEALTH)
@given(query=pairs())
def test_any_arguments_get_a_valid_document(oai, archive, query):
    oai({}, QUERY_STRING=urlencode(query))


@hsettings(max_examples=80, deadline=None, suppress_health_check=HEALTH)
@given(raw=st.text(max_size=80))
def test_any_raw_query_string_gets_a_valid_document(oai, archive, raw):
    oai(
        {},
        QUERY_STRING=raw.encode("utf-8", "surrogatepass").decode("latin-1", "replace"),
    )


@hsettings(max_examples=60, deadline=None, suppress_health_check=HEALTH)
@given(data=st.data())
def test_any_edit_of_a_real_token_gets_a_valid_document(oai, token, data):
    i = data.draw(st.integers(0, len(token)))
    j = data.draw(st.integers(i, len(token)))
    edited = token[:i] + data.draw(st.text(max_size=4)) + token[j:]
    verb = data.draw(st.sampled_from(["ListRecords", "ListIdentifiers", "ListSets"]))
    oai({"verb": verb, "resumptionToken": edited})


@hsettings(max_examples=60, deadline=None, suppress_health_check=HEALTH)
@given(query=pairs())
def test_any_posted_form_gets_a_valid_document(oai, archive, query):
    oai(
        urlencode(query),
        method="post",
        content_type="application/x-www-form-urlencoded",
    )
