import json

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from tests.publishing.factories import (
    GalleyFactory,
    IssueFactory,
    PublishedArticleFactory,
    jats_galley,
    with_authors,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    issue = IssueFactory(state="published", number="2", volume__number=5)
    article = PublishedArticleFactory(
        submission__journal=issue.journal,
        issue=issue,
        doi="10.99999/ijcsr.2026.5.2.3",
        first_page="101",
        last_page="120",
    )
    submission = article.submission
    submission.keywords = {"en": ["meritocracy", "recruitment"]}
    submission.save()
    authors = with_authors(article, 2)
    authors[0].given_name, authors[0].family_name = "Айгуль", "Сейткалиева"
    authors[0].orcid = "0000-0002-1825-0097"
    authors[0].affiliation = "Академия государственного управления"
    authors[0].save()
    GalleyFactory(article=article)
    jats_galley(article)
    return article


def _meta(response):
    tree = lxml_html.fromstring(response.content)
    pairs = [
        (m.get("name"), m.get("content")) for m in tree.iter("meta") if m.get("name")
    ]
    return tree, pairs


def _values(pairs, name):
    return [content for key, content in pairs if key == name]


def test_highwire_tags_are_what_google_scholar_asks_for(client, article):
    response = client.get(reverse("publishing:article", args=[article.pk]))
    _tree, pairs = _meta(response)
    journal = article.journal
    assert _values(pairs, "citation_title") == [
        "Meritocracy in civil service recruitment"
    ]
    authors = _values(pairs, "citation_author")
    assert authors[0] == "Айгуль Сейткалиева"
    assert len(authors) == 2
    names = [name for name, _v in pairs if name.startswith("citation_author")]
    # Institution and ORCID follow their author.
    assert names[:3] == [
        "citation_author",
        "citation_author_institution",
        "citation_author_orcid",
    ]
    assert (
        _values(pairs, "citation_author_institution")[0]
        == "Академия государственного управления"
    )
    assert (
        _values(pairs, "citation_author_orcid")[0]
        == "https://orcid.org/0000-0002-1825-0097"
    )
    published = journal.local_time(article.published_at).strftime("%Y/%m/%d")
    assert _values(pairs, "citation_publication_date") == [published]
    assert _values(pairs, "citation_journal_title") == [journal.title]
    assert _values(pairs, "citation_issn") == [journal.issn_online]
    assert _values(pairs, "citation_volume") == ["5"]
    assert _values(pairs, "citation_issue") == ["2"]
    assert _values(pairs, "citation_firstpage") == ["101"]
    assert _values(pairs, "citation_lastpage") == ["120"]
    assert _values(pairs, "citation_doi") == ["10.99999/ijcsr.2026.5.2.3"]
    pdf = article.galleys.get(kind="pdf")
    assert _values(pairs, "citation_pdf_url") == [
        f"http://testserver/article/{article.pk}/download/{pdf.pk}/"
    ]
    assert _values(pairs, "citation_xml_url") == [
        f"http://testserver/article/{article.pk}/download/jats/"
    ]
    assert _values(pairs, "citation_abstract_html_url") == [
        f"http://testserver/article/{article.pk}/"
    ]
    assert _values(pairs, "citation_language") == ["en"]
    assert _values(pairs, "citation_keywords") == ["meritocracy", "recruitment"]


def test_dublin_core_tags_describe_the_article(client, article):
    response = client.get(reverse("publishing:article", args=[article.pk]))
    _tree, pairs = _meta(response)
    assert _values(pairs, "DC.title") == ["Meritocracy in civil service recruitment"]
    assert _values(pairs, "DC.creator")[0] == "Айгуль Сейткалиева"
    assert "doi:10.99999/ijcsr.2026.5.2.3" in _values(pairs, "DC.identifier")
    assert _values(pairs, "DC.rights") == [
        "https://creativecommons.org/licenses/by/4.0/"
    ]
    assert _values(pairs, "DC.source.issn") == [article.journal.issn_online]


def test_json_ld_is_a_scholarly_article(client, article):
    response = client.get(reverse("publishing:article", args=[article.pk]))
    tree = lxml_html.fromstring(response.content)
    scripts = tree.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1
    doc = json.loads(scripts[0].text)
    assert doc["@type"] == "ScholarlyArticle"
    assert doc["name"] == "Meritocracy in civil service recruitment"
    assert doc["author"][0]["name"] == "Айгуль Сейткалиева"
    assert doc["author"][0]["sameAs"] == "https://orcid.org/0000-0002-1825-0097"
    assert doc["identifier"]["value"] == "10.99999/ijcsr.2026.5.2.3"
    assert doc["isPartOf"]["issueNumber"] == "2"
    assert doc["isPartOf"]["isPartOf"]["volumeNumber"] == "5"
    assert doc["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_json_ld_cannot_be_broken_out_of_by_a_title(client, article):
    submission = article.submission
    submission.title = {"en": "</script><script>alert(1)</script>"}
    submission.save()
    html = client.get(reverse("publishing:article", args=[article.pk])).content.decode()
    assert "<script>alert(1)" not in html
    tree = lxml_html.fromstring(html)
    doc = json.loads(tree.xpath('//script[@type="application/ld+json"]')[0].text)
    assert doc["name"] == "</script><script>alert(1)</script>"


def _links(header):
    links = []
    for part in header.split(", <"):
        url, *params = part.strip().lstrip("<").split(" ; ")
        attrs = dict(p.split("=", 1) for p in params)
        links.append((url.rstrip(">"), {k: v.strip('"') for k, v in attrs.items()}))
    return links


def test_landing_page_has_signposting_links(client, article):
    response = client.get(reverse("publishing:article", args=[article.pk]))
    links = _links(response["Link"])
    by_rel = {}
    for url, attrs in links:
        by_rel.setdefault(attrs["rel"], []).append((url, attrs.get("type")))
    assert by_rel["cite-as"] == [("https://doi.org/10.99999/ijcsr.2026.5.2.3", None)]
    assert ("https://orcid.org/0000-0002-1825-0097", None) in by_rel["author"]
    pdf = article.galleys.get(kind="pdf")
    assert (
        f"http://testserver/article/{article.pk}/download/{pdf.pk}/",
        "application/pdf",
    ) in by_rel["item"]
    assert by_rel["license"] == [("https://creativecommons.org/licenses/by/4.0/", None)]
    described = dict(by_rel["describedby"])
    assert (
        described[f"http://testserver/article/{article.pk}/download/jats/"]
        == "application/xml"
    )
    assert (
        described[f"http://testserver/article/{article.pk}/cite/bibtex/"]
        == "application/x-bibtex"
    )


def test_galley_download_points_back_to_its_landing_page(client, article):
    pdf = article.galleys.get(kind="pdf")
    response = client.get(
        reverse("publishing:article_download", args=[article.pk, pdf.pk])
    )
    links = _links(response["Link"])
    assert (
        f"http://testserver/article/{article.pk}/",
        {"rel": "collection", "type": "text/html"},
    ) in links
    assert any(a["rel"] == "cite-as" for _u, a in links)


def test_metadata_records_link_back_to_the_page_they_describe(client, article):
    """Every describedby target of the landing page answers with a Link header
    whose rel="describes" points back to the landing page."""
    landing = f"http://testserver/article/{article.pk}/"
    page = client.get(reverse("publishing:article", args=[article.pk]))
    described = [u for u, a in _links(page["Link"]) if a["rel"] == "describedby"]
    assert len(described) == 3

    for url in described:
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200, url
        links = _links(response["Link"])
        assert (landing, {"rel": "describes", "type": "text/html"}) in links, url
        assert any(a["rel"] == "cite-as" for _u, a in links), url


def test_a_pdf_does_not_claim_to_describe_the_page(client, article):
    pdf = article.galleys.get(kind="pdf")
    response = client.get(
        reverse("publishing:article_download", args=[article.pk, pdf.pk])
    )
    assert all(a["rel"] != "describes" for _u, a in _links(response["Link"]))
