"""A page costs a fixed number of queries; records are stored and reused."""

import pytest
from django.core.cache import cache

from indexing.models import OaiRecord
from publishing.models import Article
from tests.factories import JournalFactory

from .conftest import NS, identifiers, token_of
from .factories import MINIMAL_JATS, PublishedArticleFactory

pytestmark = pytest.mark.django_db


def make_archive(count):
    journal = JournalFactory()
    articles = PublishedArticleFactory.create_batch(
        count, journal=journal, jats=False, submission__with_manuscript=False
    )
    for article in articles:
        Article.objects.filter(pk=article.pk).update(
            jats_xml=MINIMAL_JATS.format(
                journal_slug=journal.slug, journal_title=journal.title, pk=article.pk
            )
        )
    return articles


@pytest.mark.parametrize("count", [10, 200])
@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers"])
@pytest.mark.parametrize("prefix", ["oai_dc", "jats"])
def test_a_page_costs_the_same_queries_whatever_the_archive_size(
    oai, settings, django_assert_max_num_queries, count, verb, prefix
):
    settings.OAI_PAGE_SIZE = 100
    make_archive(count)

    # Building records: the page with its stored records, the list's size,
    # up to three reads of what the format needs, one upsert in a savepoint,
    # and the journal and section slugs, read again after a journal was saved.
    with django_assert_max_num_queries(9):
        doc = oai({"verb": verb, "metadataPrefix": prefix})
    assert len(identifiers(doc)) == min(count, 100)
    # Stored records: the page with its stored records, the list's size.
    with django_assert_max_num_queries(2):
        doc = oai({"verb": verb, "metadataPrefix": prefix})
    token = token_of(doc)
    if token is not None:
        with django_assert_max_num_queries(7):
            oai({"verb": verb, "resumptionToken": token.text})


def test_records_are_built_once_and_rebuilt_when_the_article_changes(oai):
    article = PublishedArticleFactory()
    second = PublishedArticleFactory(journal=article.journal)
    query = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}

    oai(query)
    stored = {r.article_id: r.built_at for r in OaiRecord.objects.all()}
    assert set(stored) == {article.pk, second.pk}
    oai(query)
    assert {r.article_id: r.built_at for r in OaiRecord.objects.all()} == stored

    submission = article.submission
    submission.title = {**submission.title, "en": "Corrected title"}
    submission.save(update_fields=["title"])
    article.touch()
    article.save(update_fields=["datestamp"])
    doc = oai(query)

    titles = [e.text for e in doc.iterfind(".//dc:title", NS)]
    assert "Corrected title" in titles
    rebuilt = {r.article_id: r.built_at for r in OaiRecord.objects.all()}
    assert rebuilt[second.pk] == stored[second.pk]
    assert rebuilt[article.pk] > stored[article.pk]


def test_journal_changes_and_site_address_reach_stored_records(oai, settings):
    article = PublishedArticleFactory()
    query = {
        "verb": "GetRecord",
        "metadataPrefix": "oai_dc",
        "identifier": f"oai:journal.example.org:article/{article.pk}",
    }
    oai(query)

    journal = article.journal
    journal.publisher = "Hub of Civil Service, Astana"
    journal.save()
    doc = oai(query)
    assert (
        doc.findtext(".//dc:publisher", namespaces=NS) == "Hub of Civil Service, Astana"
    )

    settings.SITE_URL = "https://ijcsrp.example.org"
    doc = oai(query)
    found = [e.text for e in doc.iterfind(".//dc:identifier", NS)]
    assert any(v.startswith("https://ijcsrp.example.org/") for v in found)


def test_heavy_harvester_is_told_to_wait_while_others_are_served(oai, settings):
    settings.OAI_RATE_LIMIT = 3
    settings.OAI_RATE_LIMIT_WINDOW = 60
    cache.clear()
    heavy = {"REMOTE_ADDR": "192.0.2.10"}

    for _ in range(3):
        assert oai.raw({"verb": "Identify"}, **heavy).status_code == 200
    refused = oai.raw({"verb": "Identify"}, **heavy)

    assert refused.status_code == 503
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert oai.raw({"verb": "Identify"}, REMOTE_ADDR="192.0.2.20").status_code == 200


def test_behind_a_proxy_clients_are_told_apart_by_the_forwarded_address(oai, settings):
    settings.OAI_RATE_LIMIT = 1
    settings.OAI_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    cache.clear()
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    first = oai.raw({"verb": "Identify"}, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    again = oai.raw({"verb": "Identify"}, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    other = oai.raw(
        {"verb": "Identify"}, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.8", **proxy
    )

    assert (first.status_code, again.status_code, other.status_code) == (200, 503, 200)
