"""Paging with signed keyset resumption tokens."""

from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.utils import timezone

from indexing.oai import tokens
from publishing.models import Article, ArticleStatus

from .conftest import OAI, error_codes, identifiers, token_of
from .factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven(settings):
    settings.OAI_PAGE_SIZE = 3
    first = PublishedArticleFactory()
    return [first] + [PublishedArticleFactory(journal=first.journal) for _ in range(6)]


def oai_id(article):
    return f"oai:journal.example.org:article/{article.pk}"


def harvest(oai, verb="ListRecords", prefix="oai_dc", between_pages=None, **args):
    """Follow tokens to the end; returns identifiers and each page's token."""
    seen, pages = [], []
    doc = oai({"verb": verb, "metadataPrefix": prefix, **args})
    while True:
        assert not error_codes(doc), error_codes(doc)
        seen += identifiers(doc)
        token = token_of(doc)
        pages.append(token)
        if token is None or not token.text:
            return seen, pages
        if between_pages:
            between_pages(len(pages))
        doc = oai({"verb": verb, "resumptionToken": token.text})


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers"])
def test_pages_carry_cursor_size_and_expiry_and_the_last_an_empty_token(
    oai, seven, verb
):
    seen, pages = harvest(oai, verb=verb)

    assert seen == [oai_id(a) for a in seven]
    assert [p.get("cursor") for p in pages] == ["0", "3", "6"]
    assert {p.get("completeListSize") for p in pages} == {"7"}
    assert pages[0].get("expirationDate") and pages[1].get("expirationDate")
    assert pages[-1].text is None  # an empty element ends an incomplete list


def test_a_complete_first_response_has_no_token(oai, seven, settings):
    settings.OAI_PAGE_SIZE = 100
    doc = oai({"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    assert token_of(doc) is None
    assert len(identifiers(doc)) == 7


def test_token_keeps_the_set_format_and_dates(oai, seven):
    PublishedArticleFactory()  # another journal, outside the set
    Article.objects.filter(pk=seven[0].pk).update(datestamp="2001-01-01T00:00:00Z")
    seen, _ = harvest(
        oai, prefix="jats", set=seven[0].journal.slug, **{"from": "2002-01-01"}
    )
    assert seen == [oai_id(a) for a in seven[1:]]


def test_records_changed_during_a_harvest_arrive_exactly_once(oai, seven):
    """One record already sent and one still ahead are corrected mid-harvest,
    one is withdrawn and a new article is published: the harvest ends with
    every record once, the one ahead in its corrected state."""
    new = []

    def meanwhile(page):
        if page == 1:
            for article in (seven[1], seven[5]):
                article.touch()
                article.save(update_fields=["datestamp"])
            Article.objects.filter(pk=seven[6].pk).update(
                status=ArticleStatus.WITHDRAWN, datestamp=timezone.now()
            )
            new.append(PublishedArticleFactory(journal=seven[0].journal))

    seen, _ = harvest(oai, between_pages=meanwhile)

    expected = [oai_id(a) for a in seven] + [oai_id(new[0])]
    assert sorted(seen) == sorted(expected)
    assert len(seen) == len(set(seen))


def test_a_tampered_token_is_refused(oai, seven):
    doc = oai({"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    token = token_of(doc).text
    payload = signing.loads(token, salt=tokens.SALT)
    forged = signing.dumps(
        {**payload, "after_id": 0}, salt=tokens.SALT + "x", compress=True
    )
    flipped = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]

    for bad in (forged, flipped, token + "x", "not-a-token", "a:b:c", "\u2603"):
        doc = oai({"verb": "ListRecords", "resumptionToken": bad})
        assert error_codes(doc) == ["badResumptionToken"], bad


def test_a_stale_token_is_refused(oai, seven, settings):
    settings.OAI_TOKEN_MAX_AGE = 3600
    doc = oai({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    token = token_of(doc).text
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        doc = oai({"verb": "ListIdentifiers", "resumptionToken": token})
    assert error_codes(doc) == ["badResumptionToken"]
    assert "expired" in doc.findtext(f"{OAI}error")


def test_a_token_is_good_only_for_its_own_verb(oai, seven):
    doc = oai({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    token = token_of(doc).text
    doc = oai({"verb": "ListRecords", "resumptionToken": token})
    assert error_codes(doc) == ["badResumptionToken"]


def test_a_resumed_request_is_echoed_with_its_token(oai, seven):
    token = token_of(oai({"verb": "ListRecords", "metadataPrefix": "oai_dc"})).text
    doc = oai({"verb": "ListRecords", "resumptionToken": token})
    assert dict(doc.find(f"{OAI}request").attrib) == {
        "verb": "ListRecords",
        "resumptionToken": token,
    }
