"""oai_openaire: OpenAIRE Guidelines v4 records, valid against openaire.xsd
(every response goes through `assert_valid_oai`), and the oai_dc additions
OpenAIRE-compliant aggregators read (full-text link, type of a review)."""

import pytest

from indexing.models import OaiRecord
from tests.factories import ContributorFactory, SectionFactory
from tests.publishing.factories import GalleyFactory, html_galley

from .conftest import NS, OAI
from .factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db

COAR = "http://purl.org/coar/"


def get_record(oai, article, prefix="oai_openaire"):
    doc = oai(
        {
            "verb": "GetRecord",
            "identifier": f"oai:journal.example.org:article/{article.pk}",
            "metadataPrefix": prefix,
        }
    )
    (metadata,) = doc.iterfind(f".//{OAI}metadata/*")
    return metadata


def test_list_metadata_formats_offers_oai_openaire(oai):
    doc = oai({"verb": "ListMetadataFormats"})
    formats = {
        f.findtext(f"{OAI}metadataPrefix"): f.findtext(f"{OAI}metadataNamespace")
        for f in doc.iterfind(f".//{OAI}metadataFormat")
    }
    assert formats["oai_openaire"] == "http://namespace.openaire.eu/schema/oaire/"


def test_openaire_record_carries_what_openaire_links_on(oai):
    article = PublishedArticleFactory(jats=False)
    article.submission.authors.all().delete()
    ContributorFactory(
        submission=article.submission,
        given_name="Aigerim",
        family_name="Nurlanova-Smith",
        orcid="0000-0002-1825-0097",
        affiliation="Academy of Public Administration, Astana",
        ror="https://ror.org/052bx8q98",
        order=0,
    )
    ContributorFactory(
        submission=article.submission,
        given_name="Иван",
        family_name="Петров",
        affiliation="Tashkent State University of Law",
        order=1,
    )
    GalleyFactory(article=article)
    html_galley(article)

    resource = get_record(oai, article)

    resource_type = resource.find("oaire:resourceType", NS)
    assert resource_type.get("uri") == COAR + "resource_type/c_6501"
    assert resource_type.text == "journal article"
    assert resource.find("datacite:rights", NS).get("rightsURI") == (
        COAR + "access_right/c_abf2"
    )
    assert resource.find("oaire:version", NS).get("uri") == (
        COAR + "version/c_970fb48d4fbd8a85"
    )
    assert resource.find("oaire:licenseCondition", NS).get("uri") == (
        article.journal.licence_url
    )
    identifier = resource.find("datacite:identifier", NS)
    assert (identifier.get("identifierType"), identifier.text) == ("DOI", article.doi)

    creators = resource.findall("datacite:creators/datacite:creator", NS)
    assert [c.findtext("datacite:creatorName", namespaces=NS) for c in creators] == [
        "Nurlanova-Smith, Aigerim",
        "Петров, Иван",
    ]
    orcid = creators[0].find("datacite:nameIdentifier", NS)
    assert (orcid.get("nameIdentifierScheme"), orcid.text) == (
        "ORCID",
        "0000-0002-1825-0097",
    )
    assert creators[1].find("datacite:nameIdentifier", NS) is None
    assert [c.findtext("datacite:affiliation", namespaces=NS) for c in creators] == [
        "Academy of Public Administration, Astana",
        "Tashkent State University of Law",
    ]
    ror = creators[0].find("datacite:affiliation", NS)
    assert (
        ror.get("affiliationIdentifierScheme"),
        ror.get("affiliationIdentifier"),
    ) == (
        "ROR",
        "https://ror.org/052bx8q98",
    )
    assert (
        creators[1].find("datacite:affiliation", NS).get("affiliationIdentifier")
        is None
    )

    files = {f.get("mimeType"): f for f in resource.findall("oaire:file", NS)}
    assert set(files) == {"application/pdf", "text/html"}
    pdf = files["application/pdf"]
    assert pdf.text == f"http://testserver/article/{article.pk}/download/pdf/"
    assert pdf.get("objectType") == "fulltext"
    assert pdf.get("accessRightsURI") == COAR + "access_right/c_abf2"


def test_book_reviews_are_typed_as_reviews_in_both_formats(oai):
    section = SectionFactory(title="Book Reviews", article_type="book-review")
    review = PublishedArticleFactory(
        journal=section.journal, submission__section=section, jats=False
    )
    article = PublishedArticleFactory(journal=section.journal, jats=False)

    resource_type = get_record(oai, review).find("oaire:resourceType", NS)
    assert resource_type.get("uri") == COAR + "resource_type/c_ba08"
    assert resource_type.text == "book review"
    types = [t.text for t in get_record(oai, review, "oai_dc").findall("dc:type", NS)]
    assert "info:eu-repo/semantics/bookReview" in types
    assert "info:eu-repo/semantics/article" not in types
    types = [t.text for t in get_record(oai, article, "oai_dc").findall("dc:type", NS)]
    assert "info:eu-repo/semantics/article" in types


def test_oai_dc_links_the_pdf(oai):
    article = PublishedArticleFactory(jats=False)
    without_pdf = PublishedArticleFactory(journal=article.journal, jats=False)
    GalleyFactory(article=article)

    identifiers = [
        i.text for i in get_record(oai, article, "oai_dc").findall("dc:identifier", NS)
    ]
    assert f"http://testserver/article/{article.pk}/download/pdf/" in identifiers
    assert not any(
        "/download/" in i.text
        for i in get_record(oai, without_pdf, "oai_dc").findall("dc:identifier", NS)
    )


def test_openaire_records_are_stored_like_the_other_formats(oai):
    article = PublishedArticleFactory(jats=False)

    first = get_record(oai, article)
    stored = OaiRecord.objects.get(article=article, prefix="oai_openaire")
    assert "oaire:resource" in stored.xml
    OaiRecord.objects.filter(pk=stored.pk).update(
        xml=stored.xml.replace("journal article", "stored copy")
    )
    again = get_record(oai, article)

    assert first.find("oaire:resourceType", NS).text == "journal article"
    assert again.find("oaire:resourceType", NS).text == "stored copy"
