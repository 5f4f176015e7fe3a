"""A real harvester (oaipmh-scythe) against a live server."""

import pytest
from lxml import etree
from oaipmh_scythe import Scythe
from oaipmh_scythe.exceptions import NoRecordsMatch

from publishing.models import ArticleStatus
from tests.factories import SubmissionFactory

from .conftest import assert_valid_oai
from .factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(settings):
    """Two journals; published, retracted, withdrawn and never published articles."""
    settings.OAI_PAGE_SIZE = 2
    settings.OAI_RATE_LIMIT = None
    settings.ROOT_URLCONF = "tests.indexing.oai.urls"
    first = PublishedArticleFactory()
    journal = first.journal
    other_section = SubmissionFactory(journal=journal).section
    articles = [
        first,
        PublishedArticleFactory(journal=journal),
        PublishedArticleFactory(journal=journal, status=ArticleStatus.RETRACTED),
        PublishedArticleFactory(
            journal=journal,
            submission=SubmissionFactory(journal=journal, section=other_section),
        ),
        PublishedArticleFactory(journal=journal, jats=False),
    ]
    withdrawn = PublishedArticleFactory(journal=journal, status=ArticleStatus.WITHDRAWN)
    PublishedArticleFactory(
        journal=journal, status=ArticleStatus.IN_PRODUCTION, published_at=None
    )
    elsewhere = PublishedArticleFactory()
    return {
        "journal": journal,
        "section": first.section,
        "other_section": other_section,
        "live": articles,
        "withdrawn": withdrawn,
        "elsewhere": elsewhere,
    }


def oai_id(article):
    return f"oai:journal.example.org:article/{article.pk}"


class ValidatingScythe(Scythe):
    """Checks every page the harvester receives against the schemas."""

    def __init__(self, *args, oai_schema, jats_schema, **kwargs):
        super().__init__(*args, **kwargs)
        self.pages = 0
        self._schemas = (oai_schema, jats_schema)

    def harvest(self, query):
        response = super().harvest(query)
        assert_valid_oai(etree.tostring(response.xml), *self._schemas)
        self.pages += 1
        return response


@pytest.mark.parametrize("prefix", ["oai_dc", "jats"])
@pytest.mark.parametrize("scope", ["all", "journal", "section", "other-section"])
def test_harvester_collects_exactly_the_published_records(
    live_server, archive, oai_schema, jats_schema, prefix, scope
):
    set_spec = {
        "all": None,
        "journal": archive["journal"].slug,
        "section": f"{archive['journal'].slug}:{archive['section'].slug}",
        "other-section": f"{archive['journal'].slug}:{archive['other_section'].slug}",
    }[scope]
    live = [a for a in archive["live"] + [archive["elsewhere"]]]
    if set_spec:
        live = [a for a in live if a.journal_id == archive["journal"].pk]
        if ":" in set_spec:
            section = (
                archive["section"] if scope == "section" else archive["other_section"]
            )
            live = [a for a in live if a.section_id == section.pk]
    if prefix == "jats":
        live = [a for a in live if a.jats_xml]
    deleted = [archive["withdrawn"]] if scope in ("all", "journal") else []

    with ValidatingScythe(
        live_server.url + "/oai", oai_schema=oai_schema, jats_schema=jats_schema
    ) as harvester:
        records = list(harvester.list_records(metadata_prefix=prefix, set_=set_spec))
        headers = list(
            harvester.list_identifiers(metadata_prefix=prefix, set_=set_spec)
        )

    full = sorted(r.header.identifier for r in records if not r.deleted)
    gone = sorted(r.header.identifier for r in records if r.deleted)
    assert full == sorted(oai_id(a) for a in live)
    assert gone == sorted(oai_id(a) for a in deleted)
    assert sorted(h.identifier for h in headers) == sorted(full + gone)
    assert harvester.pages >= 2 * -(-len(full + gone) // 2)  # several pages each
    if prefix == "oai_dc":
        assert all(r.metadata.get("title") for r in records if not r.deleted)


def test_harvester_reads_identify_formats_sets_and_single_records(
    live_server, archive, oai_schema, jats_schema
):
    with ValidatingScythe(
        live_server.url + "/oai", oai_schema=oai_schema, jats_schema=jats_schema
    ) as harvester:
        identify = harvester.identify()
        formats = [f.metadataPrefix for f in harvester.list_metadata_formats()]
        sets = [s.setSpec for s in harvester.list_sets()]
        record = harvester.get_record(
            oai_id(archive["live"][0]), metadata_prefix="jats"
        )
        with pytest.raises(NoRecordsMatch):
            list(harvester.list_records(from_="2999-01-01"))

    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert formats == ["oai_dc", "jats"]
    assert archive["journal"].slug in sets
    assert record.header.identifier == oai_id(archive["live"][0])
