import datetime as dt
import json

import pytest
from django.urls import reverse

from publishing.citations.data import Author, CitationData
from publishing.citations.formats import apa, bibtex, chicago, csl_json, initials, ris
from tests.publishing.factories import PublishedArticleFactory, with_authors


def _data(**kwargs):
    values = {
        "key": "7",
        "title": "Меритократия при найме на государственную службу",
        "authors": [
            Author(given="Айгуль Маратовна", family="Сейткалиева"),
            Author(given="Jean-Paul", family="Durand"),
        ],
        "journal": "International Journal of Civil Service Reform and Practice",
        "volume": "5",
        "issue": "2",
        "published": dt.date(2026, 3, 14),
        "first_page": "101",
        "last_page": "120",
        "doi": "10.99999/ijcsr.2026.7",
        "url": "https://journal.example.org/article/7/",
        "issn": "2226-6348",
        "publisher": "Astana Civil Service Hub",
        "language": "ru",
        "keywords": ["меритократия", "найм"],
    }
    values.update(kwargs)
    return CitationData(**values)


def test_initials_work_for_cyrillic_and_hyphenated_names():
    assert initials("Айгуль Маратовна") == "А. М."
    assert initials("Jean-Paul") == "J.-P."


def test_apa_citation():
    text = str(apa(_data()))
    assert text == (
        "Сейткалиева, А. М., &amp; Durand, J.-P. (2026). Меритократия при найме на "
        "государственную службу. <i>International Journal of Civil Service Reform and "
        "Practice</i>, <i>5</i>(2), 101–120. "
        '<a href="https://doi.org/10.99999/ijcsr.2026.7">https://doi.org/10.99999/ijcsr.2026.7</a>'
    )


def test_apa_uses_the_article_number_when_there_are_no_pages():
    text = str(apa(_data(first_page="", last_page="", article_number="e1234")))
    assert "(2), Article e1234." in text


def test_chicago_citation():
    text = str(chicago(_data()))
    assert text.startswith(
        "Сейткалиева, Айгуль Маратовна, and Jean-Paul Durand. "
        "“Меритократия при найме на государственную службу.” "
        "<i>International Journal of Civil Service Reform and Practice</i> 5, no. 2 (2026): 101–120."
    )


def test_citation_escapes_markup_in_titles():
    assert "<b>" not in str(apa(_data(title="<b>Bold</b> claims")))


def test_bibtex_export_keeps_cyrillic_and_has_an_ascii_key():
    text = bibtex(_data())
    assert text.startswith("@article{seitkalieva20267,\n")
    assert "author = {Сейткалиева, Айгуль Маратовна and Durand, Jean-Paul}" in text
    assert "pages = {101--120}" in text
    assert "doi = {10.99999/ijcsr.2026.7}" in text


def test_bibtex_escapes_special_characters():
    text = bibtex(_data(title="R&D in 100% of {cases}"))
    assert r"title = {{R\&D in 100\% of \{cases\}}}" in text


def test_ris_export():
    lines = ris(_data()).split("\r\n")
    assert lines[0] == "TY  - JOUR"
    assert "AU  - Сейткалиева, Айгуль Маратовна" in lines
    assert "AU  - Durand, Jean-Paul" in lines
    assert "SP  - 101" in lines and "EP  - 120" in lines
    assert "DO  - 10.99999/ijcsr.2026.7" in lines
    assert "KW  - меритократия" in lines
    assert lines[-2] == "ER  - "


def test_csl_json_export():
    item = json.loads(csl_json(_data()))[0]
    assert item["type"] == "article-journal"
    assert item["author"][0] == {"family": "Сейткалиева", "given": "Айгуль Маратовна"}
    assert item["issued"] == {"date-parts": [[2026, 3, 14]]}
    assert item["page"] == "101-120"
    assert item["DOI"] == "10.99999/ijcsr.2026.7"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fmt", "content_type", "expected"),
    [
        ("bibtex", "application/x-bibtex", "@article{"),
        ("ris", "application/x-research-info-systems", "TY  - JOUR"),
        ("csl-json", "application/vnd.citationstyles.csl+json", '"article-journal"'),
    ],
)
def test_citation_exports_download_without_an_account(
    client, fmt, content_type, expected
):
    article = PublishedArticleFactory(doi="10.99999/x.1")
    with_authors(article, 3)
    response = client.get(reverse("publishing:article_cite", args=[article.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    body = response.content.decode()
    assert expected in body
    assert "10.99999/x.1" in body
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.django_db
def test_article_page_shows_how_to_cite_in_apa_and_chicago(client):
    article = PublishedArticleFactory(doi="10.99999/x.2")
    html = client.get(reverse("publishing:article", args=[article.pk])).content.decode()
    assert "How to cite" in html
    assert 'class="citation-apa"' in html and 'class="citation-chicago"' in html
    assert html.count("https://doi.org/10.99999/x.2") >= 3
