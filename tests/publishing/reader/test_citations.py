import datetime as dt
import json

import pytest
from django.urls import reverse

from publishing.citations.data import Author, CitationData
from publishing.citations.formats import bibtex, csl_json, ris
from publishing.citations.styles import APA, CHICAGO, format_citation
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


def apa(data):
    return str(format_citation(data, APA))


def chicago(data):
    return str(format_citation(data, CHICAGO))


DOI_LINK = (
    '<a href="https://doi.org/10.99999/ijcsr.2026.7">'
    "https://doi.org/10.99999/ijcsr.2026.7</a>"
)


def test_apa_citation_initials_cyrillic_and_hyphenated_names():
    assert apa(_data()) == (
        "Сейткалиева, А. М., &amp; Durand, J.-P. (2026). Меритократия при найме на "
        "государственную службу. <i>International Journal of Civil Service Reform and "
        "Practice</i>, <i>5</i>(2), 101–120. " + DOI_LINK
    )


def test_apa_lists_a_hyphenated_family_name_and_three_authors():
    data = _data(
        title="Merit-based recruitment in the civil service",
        language="en",
        authors=[
            Author(given="Aigerim", family="Nurlanova-Smith"),
            Author(given="Ivan", family="Petrov"),
            Author(given="Jean-Paul", family="Durand"),
        ],
    )
    assert apa(data) == (
        "Nurlanova-Smith, A., Petrov, I., &amp; Durand, J.-P. (2026). Merit-based "
        "recruitment in the civil service. <i>International Journal of Civil Service "
        "Reform and Practice</i>, <i>5</i>(2), 101–120. " + DOI_LINK
    )


def test_chicago_author_date_citation_keeps_full_given_names():
    data = _data(title="Merit-based recruitment in the civil service", language="en")
    assert chicago(data) == (
        "Сейткалиева, Айгуль Маратовна, and Jean-Paul Durand. 2026. “Merit-based "
        "Recruitment in the Civil Service.” <i>International Journal of Civil Service "
        "Reform and Practice</i> 5 (2): 101–20. " + DOI_LINK + "."
    )


def test_citation_escapes_markup_in_titles_and_names():
    data = _data(
        title="<script>alert(1)</script> R&D",
        authors=[Author(given="<b>Jo</b>", family="Smith & Sons")],
    )
    for text in (apa(data), chicago(data)):
        assert "<script>" not in text and "<b>" not in text
        assert "&lt;script&gt;" in text
        assert "R&amp;D" in text


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
    assert 'class="citation-apa"' in html
    assert 'class="citation-chicago-author-date"' in html
    assert "APA Style 7th edition" in html
    assert "Chicago Manual of Style 18th edition (author-date)" in html
    assert html.count("https://doi.org/10.99999/x.2") >= 3


@pytest.mark.django_db
def test_a_journal_can_choose_another_csl_style(client):
    from publishing.models import JournalPublishingSettings

    article = PublishedArticleFactory(doi="10.99999/x.3")
    JournalPublishingSettings.objects.create(
        journal=article.journal, citation_style="ieee"
    )
    html = client.get(reverse("publishing:article", args=[article.pk])).content.decode()
    assert 'class="citation-ieee"' in html
    assert html.index("citation-ieee") < html.index("citation-apa")


@pytest.mark.django_db
def test_the_citation_style_setting_refuses_an_unknown_style():
    from publishing.issues.forms import PublishingSettingsForm
    from publishing.models import JournalPublishingSettings
    from tests.factories import JournalFactory

    row = JournalPublishingSettings(journal=JournalFactory())
    base = {"article_doi_pattern": row.article_doi_pattern}
    form = PublishingSettingsForm(
        {**base, "citation_style": "no-such-style"}, instance=row
    )
    assert not form.is_valid() and "citation_style" in form.errors
    form = PublishingSettingsForm({**base, "citation_style": "ieee.csl"}, instance=row)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["citation_style"] == "ieee"
