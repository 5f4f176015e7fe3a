import pytest
from django.test import Client
from lxml import etree

from indexing.oai.metadata import JATS_NS
from indexing.oai.protocol import XSI_NS as XSI
from journal.models import Journal
from publishing.models import ArticleStatus
from tests.factories import JournalFactory, SectionFactory
from tests.schemas import load_schema

from .conftest import NS, OAI, assert_valid_oai, error_codes
from .factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db


def test_identify_describes_the_repository_for_harvesters(oai, settings):
    settings.OAI_ADMIN_EMAIL = "oai@ijcsrp.example.org"
    first = PublishedArticleFactory(datestamp="2024-03-01T10:20:30.5Z")
    PublishedArticleFactory(journal=first.journal, datestamp="2025-01-01T00:00:00Z")

    doc = oai({"verb": "Identify"})

    body = doc.find(f"{OAI}Identify")
    assert body.findtext(f"{OAI}repositoryName") == first.journal.title
    assert body.findtext(f"{OAI}baseURL") == "http://testserver/oai"
    assert body.findtext(f"{OAI}protocolVersion") == "2.0"
    assert body.findtext(f"{OAI}adminEmail") == "oai@ijcsrp.example.org"
    assert body.findtext(f"{OAI}earliestDatestamp") == "2024-03-01T10:20:30Z"
    assert body.findtext(f"{OAI}deletedRecord") == "persistent"
    assert body.findtext(f"{OAI}granularity") == "YYYY-MM-DDThh:mm:ssZ"
    ident = "{http://www.openarchives.org/OAI/2.0/oai-identifier}"
    description = body.find(f"{OAI}description/{ident}oai-identifier")
    assert description.findtext(f"{ident}repositoryIdentifier") == "journal.example.org"
    assert description.findtext(f"{ident}sampleIdentifier") == (
        "oai:journal.example.org:article/1"
    )


def test_identify_answers_an_empty_repository(oai):
    doc = oai({"verb": "Identify"})
    assert doc.find(f"{OAI}Identify/{OAI}earliestDatestamp") is not None


def test_metadata_formats_name_oai_dc_and_jats_with_pkp_namespace(oai):
    doc = oai({"verb": "ListMetadataFormats"})

    formats = {
        f.findtext(f"{OAI}metadataPrefix"): (
            f.findtext(f"{OAI}schema"),
            f.findtext(f"{OAI}metadataNamespace"),
        )
        for f in doc.iterfind(f".//{OAI}metadataFormat")
    }
    assert formats["oai_dc"] == (
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        "http://www.openarchives.org/OAI/2.0/oai_dc/",
    )
    assert formats["jats"][1] == "http://jats.nlm.nih.gov"
    assert formats["jats"][0] == "http://testserver/oai/schemas/jats-1.3-oai.xsd"


def test_the_declared_jats_schema_is_served_and_validates_a_served_record(
    oai, client, tmp_path
):
    """A harvester that follows ListMetadataFormats gets a schema that the
    records validate against (NLM's JATS 1.3 XSD in the served namespace)."""
    article = PublishedArticleFactory()
    doc = oai({"verb": "ListMetadataFormats"})
    (url,) = [
        f.findtext(f"{OAI}schema")
        for f in doc.iterfind(f".//{OAI}metadataFormat")
        if f.findtext(f"{OAI}metadataPrefix") == "jats"
    ]
    for name in ("jats-1.3-oai.xsd", "jats-1.3-oai-ali.xsd"):
        response = client.get(f"/oai/schemas/{name}")
        assert response.status_code == 200
        (tmp_path / name).write_bytes(response.content)
    assert client.get("/oai/schemas/settings.py").status_code == 404
    assert url.endswith("/jats-1.3-oai.xsd")
    schema = load_schema(tmp_path / "jats-1.3-oai.xsd")

    record = oai(
        {
            "verb": "GetRecord",
            "identifier": f"oai:journal.example.org:article/{article.pk}",
            "metadataPrefix": "jats",
        }
    )
    (jats,) = record.iterfind(f".//{OAI}metadata/*")
    assert jats.tag == f"{{{JATS_NS}}}article"
    assert jats.get(f"{{{XSI}}}schemaLocation") == f"{JATS_NS} {url}"
    assert schema.validate(jats), schema.error_log
    jats.find(f".//{{{JATS_NS}}}article-meta").append(
        etree.Element(f"{{{JATS_NS}}}no-such-element")
    )
    assert not schema.validate(jats)


def test_metadata_formats_of_a_record_without_jats_leave_out_jats(oai):
    with_jats = PublishedArticleFactory()
    without = PublishedArticleFactory(journal=with_jats.journal, jats=False)

    def prefixes(article):
        doc = oai(
            {
                "verb": "ListMetadataFormats",
                "identifier": f"oai:journal.example.org:article/{article.pk}",
            }
        )
        return [e.text for e in doc.iterfind(f".//{OAI}metadataPrefix")]

    assert prefixes(with_jats) == ["oai_dc", "jats", "oai_openaire"]
    assert prefixes(without) == ["oai_dc", "oai_openaire"]


def test_metadata_formats_of_an_unknown_record_is_id_does_not_exist(oai):
    doc = oai(
        {
            "verb": "ListMetadataFormats",
            "identifier": "oai:journal.example.org:article/99",
        }
    )
    assert error_codes(doc) == ["idDoesNotExist"]


def test_sets_are_journals_and_their_sections_with_names(oai):
    journal = JournalFactory(slug="ijcsrp", title="Civil Service Reform")
    SectionFactory(journal=journal, slug="cases", title="Case Studies")
    SectionFactory(journal=journal, slug="articles", title="Research Articles")

    doc = oai({"verb": "ListSets"})

    sets = {
        s.findtext(f"{OAI}setSpec"): s.findtext(f"{OAI}setName")
        for s in doc.iterfind(f".//{OAI}set")
    }
    assert sets == {
        "ijcsrp": "Civil Service Reform",
        "ijcsrp:cases": "Civil Service Reform: Case Studies",
        "ijcsrp:articles": "Civil Service Reform: Research Articles",
    }


def test_without_journals_there_is_no_set_hierarchy(oai):
    assert not Journal.objects.exists()
    assert error_codes(oai({"verb": "ListSets"})) == ["noSetHierarchy"]
    doc = oai({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "any"})
    assert error_codes(doc) == ["noSetHierarchy"]


def test_list_sets_rejects_a_resumption_token(oai):
    JournalFactory()
    doc = oai({"verb": "ListSets", "resumptionToken": "abc"})
    assert error_codes(doc) == ["badResumptionToken"]


def test_post_form_answers_like_get_without_a_csrf_token(
    oai_schema, jats_schema, settings
):
    settings.OAI_RATE_LIMIT = None
    settings.ROOT_URLCONF = "tests.indexing.oai.urls"
    article = PublishedArticleFactory()
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/oai",
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": f"oai:journal.example.org:article/{article.pk}",
        },
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    doc = assert_valid_oai(
        b"".join(response.streaming_content), oai_schema, jats_schema
    )
    assert doc.find(f".//{{{NS['oai_dc']}}}dc") is not None


def test_head_is_answered_and_other_http_methods_are_refused(oai):
    head = oai.client.head("/oai", {"verb": "Identify"})
    assert head.status_code == 200
    assert head["Content-Type"] == "text/xml; charset=utf-8"
    assert oai.client.put("/oai").status_code == 405
    assert oai.client.delete("/oai").status_code == 405


def test_retracted_article_stays_a_full_record(oai):
    article = PublishedArticleFactory(
        status=ArticleStatus.RETRACTED, retraction_notice="Data were fabricated."
    )
    doc = oai(
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": f"oai:journal.example.org:article/{article.pk}",
        }
    )
    assert doc.find(f".//{OAI}header").get("status") is None
    descriptions = [e.text for e in doc.iterfind(".//dc:description", NS)]
    assert "Retraction notice: Data were fabricated." in descriptions


def _set_specs(oai):
    doc = oai({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    return [e.text for e in doc.iterfind(f".//{OAI}header/{OAI}setSpec")]


def test_headers_name_a_renamed_section_at_once(oai):
    article = PublishedArticleFactory()
    section, journal = article.section, article.journal.slug
    assert _set_specs(oai) == [journal, f"{journal}:{section.slug}"]

    section.slug = "policy-notes"
    section.save(update_fields=["slug"])

    assert _set_specs(oai) == [journal, f"{journal}:policy-notes"]


def test_headers_name_a_slug_changed_in_another_process_at_once(oai):
    from indexing.oai import sets

    article = PublishedArticleFactory()
    journal = article.journal
    assert _set_specs(oai)[0] == journal.slug
    kept_here = dict(sets._state)

    # Another process renames the journal: its save writes a new version into
    # the shared cache, while this process still keeps the old slugs.
    journal.slug = "renamed-journal"
    journal.save(update_fields=["slug"])
    sets._state.update(kept_here)

    assert _set_specs(oai)[0] == "renamed-journal"


def test_headers_are_right_while_the_cache_is_down(oai, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    article = PublishedArticleFactory()
    assert _set_specs(oai)[0] == article.journal.slug
    Journal.objects.filter(pk=article.journal.pk).update(slug="renamed-journal")

    assert _set_specs(oai)[0] == "renamed-journal"
