from datetime import UTC, datetime

import pytest

from indexing.oai.metadata import JATS_NS, landing_url
from publishing.models import ArticleStatus
from tests.factories import ContributorFactory, JournalFactory, SubmissionFactory

from .conftest import NS, OAI, error_codes, identifiers
from .factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db


def oai_id(article):
    return f"oai:journal.example.org:article/{article.pk}"


def get_record(oai, article, prefix="oai_dc"):
    return oai(
        {"verb": "GetRecord", "metadataPrefix": prefix, "identifier": oai_id(article)}
    )


def dc_values(doc, name):
    return [
        (e.text, e.get("{http://www.w3.org/XML/1998/namespace}lang"))
        for e in doc.iterfind(f".//dc:{name}", NS)
    ]


def test_oai_dc_record_carries_every_language_authors_and_identifiers(oai):
    journal = JournalFactory(issn_print="1234-5679")
    article = PublishedArticleFactory(
        journal=journal,
        doi="10.99999/ijcsrp.2024.7",
        published_at=datetime(2024, 5, 6, 8, 0, tzinfo=UTC),
        submission=SubmissionFactory(
            journal=journal,
            language="en",
            title={"en": "Merit in recruitment", "ru": "Меритократия при найме"},
            abstract={"en": "An <b>English</b> abstract.", "ru": "Аннотация."},
            keywords={"en": ["merit", "civil service"], "ru": ["меритократия"]},
            with_author=False,
        ),
    )
    ContributorFactory(
        submission=article.submission,
        given_name="Aigerim",
        family_name="Sadykova",
        order=1,
    )
    ContributorFactory(
        submission=article.submission,
        given_name="Giorgi",
        family_name="Beridze",
        order=2,
    )

    doc = get_record(oai, article)

    assert dc_values(doc, "title") == [
        ("Merit in recruitment", "en"),
        ("Меритократия при найме", "ru"),
    ]
    assert dc_values(doc, "creator") == [
        ("Sadykova, Aigerim", None),
        ("Beridze, Giorgi", None),
    ]
    assert dc_values(doc, "subject") == [
        ("merit", "en"),
        ("civil service", "en"),
        ("меритократия", "ru"),
    ]
    assert dc_values(doc, "description") == [
        ("An English abstract.", "en"),
        ("Аннотация.", "ru"),
    ]
    assert dc_values(doc, "publisher") == [(journal.publisher, None)]
    assert dc_values(doc, "date") == [("2024-05-06", None)]
    assert ("Text", None) in dc_values(doc, "type")
    found = [v for v, _ in dc_values(doc, "identifier")]
    assert landing_url(article.pk) in found
    assert landing_url(article.pk).startswith("http://testserver/")
    assert "https://doi.org/10.99999/ijcsrp.2024.7" in found
    sources = [v for v, _ in dc_values(doc, "source")]
    assert sources[0].startswith(journal.title)
    assert "2226-6348" in sources and "1234-5679" in sources
    assert dc_values(doc, "language") == [("en", None)]
    assert ("https://creativecommons.org/licenses/by/4.0/", None) in dc_values(
        doc, "rights"
    )
    header = doc.find(f".//{OAI}header")
    assert [s.text for s in header.iterfind(f"{OAI}setSpec")] == [
        journal.slug,
        f"{journal.slug}:{article.section.slug}",
    ]


def test_jats_record_is_the_articles_jats_in_the_pkp_namespace(oai):
    article = PublishedArticleFactory()

    doc = get_record(oai, article, "jats")  # the client validates it against JATS 1.3

    jats = doc.find(f".//{OAI}metadata/{{{JATS_NS}}}article")
    assert jats is not None
    assert jats.find(f".//{{{JATS_NS}}}article-title") is not None


def test_article_without_jats_cannot_be_disseminated_as_jats(oai):
    article = PublishedArticleFactory(jats=False)

    assert error_codes(get_record(oai, article, "jats")) == ["cannotDisseminateFormat"]
    assert error_codes(get_record(oai, article, "oai_dc")) == []


def test_list_in_jats_leaves_out_articles_without_jats(oai):
    with_jats = PublishedArticleFactory()
    without = PublishedArticleFactory(journal=with_jats.journal, jats=False)

    jats_doc = oai({"verb": "ListRecords", "metadataPrefix": "jats"})
    dc_doc = oai({"verb": "ListRecords", "metadataPrefix": "oai_dc"})

    assert identifiers(jats_doc) == [oai_id(with_jats)]
    assert identifiers(dc_doc) == [oai_id(with_jats), oai_id(without)]


@pytest.mark.parametrize(
    "status",
    [ArticleStatus.WITHDRAWN, ArticleStatus.IN_PRODUCTION],
    ids=["withdrawn", "unpublished"],
)
def test_article_no_longer_public_stays_as_a_deleted_header(oai, status):
    article = PublishedArticleFactory(status=status)

    for prefix in ("oai_dc", "jats"):
        doc = get_record(oai, article, prefix)
        record = doc.find(f".//{OAI}record")
        assert record.find(f"{OAI}header").get("status") == "deleted"
        assert record.find(f"{OAI}metadata") is None
        listed = oai({"verb": "ListRecords", "metadataPrefix": prefix})
        assert listed.find(f".//{OAI}header").get("status") == "deleted"
        assert listed.find(f".//{OAI}metadata") is None


def test_article_never_published_is_not_in_the_repository(oai):
    article = PublishedArticleFactory(
        status=ArticleStatus.IN_PRODUCTION, published_at=None
    )
    assert error_codes(get_record(oai, article)) == ["idDoesNotExist"]
    doc = oai({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    assert error_codes(doc) == ["noRecordsMatch"]


def test_identifiers_that_only_look_like_ours_do_not_exist(oai):
    article = PublishedArticleFactory()
    for identifier in (
        f"oai:journal.example.org:article/0{article.pk}",
        f"oai:other.example.org:article/{article.pk}",
        f"oai:journal.example.org:article/{article.pk}x",
        "oai:journal.example.org:article/٣",
        "not an identifier",
    ):
        doc = oai(
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": identifier}
        )
        assert error_codes(doc) == ["idDoesNotExist"], identifier


def test_sets_select_journal_and_section(oai):
    first = PublishedArticleFactory()
    same_journal_other_section = PublishedArticleFactory(
        journal=first.journal,
        submission=SubmissionFactory(journal=first.journal),
    )
    other_journal = PublishedArticleFactory()
    journal = first.journal.slug

    def listed(set_spec):
        doc = oai(
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": set_spec}
        )
        return identifiers(doc) or error_codes(doc)

    assert listed(journal) == [oai_id(first), oai_id(same_journal_other_section)]
    assert listed(f"{journal}:{first.section.slug}") == [oai_id(first)]
    assert listed(other_journal.journal.slug) == [oai_id(other_journal)]
    assert listed("no-such-journal") == ["noRecordsMatch"]
    assert listed(f"{journal}:no-such-section") == ["noRecordsMatch"]


@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords", "GetRecord"])
def test_headers_carry_identifier_datestamp_sets_and_deleted_status(oai, verb):
    live = PublishedArticleFactory(
        datestamp=datetime(2024, 5, 6, 8, 9, 10, 987654, UTC)
    )
    withdrawn = PublishedArticleFactory(
        journal=live.journal, status=ArticleStatus.WITHDRAWN
    )
    sectionless = PublishedArticleFactory(journal=live.journal, section=None)
    journal = live.journal.slug

    if verb == "GetRecord":
        headers = [
            get_record(oai, article).find(f".//{OAI}header")
            for article in (live, withdrawn, sectionless)
        ]
    else:
        doc = oai({"verb": verb, "metadataPrefix": "oai_dc"})
        headers = doc.findall(f".//{OAI}header")

    assert [
        (
            h.findtext(f"{OAI}identifier"),
            h.findtext(f"{OAI}datestamp"),
            [s.text for s in h.iterfind(f"{OAI}setSpec")],
            h.get("status"),
        )
        for h in headers
    ] == [
        (
            oai_id(live),
            "2024-05-06T08:09:10Z",
            [journal, f"{journal}:{live.section.slug}"],
            None,
        ),
        (
            oai_id(withdrawn),
            withdrawn.datestamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
            [journal, f"{journal}:{withdrawn.section.slug}"],
            "deleted",
        ),
        (
            oai_id(sectionless),
            sectionless.datestamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
            [journal],
            None,
        ),
    ]
