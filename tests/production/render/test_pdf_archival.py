"""The PDF galley is tagged for assistive technology (PDF/UA-1), archival
(PDF/A-3u) and carries the article's JATS, read back with pikepdf as an archive
or a screen reader would."""

import io
import re

import pikepdf
import pytest
from pypdf import PdfReader

from production.render.html import ArticleHTML, ContributorView
from production.render.pdf import pdf_html
from production.services import article_jats_generate, article_pdf_render
from tests.production.factories import ArticleFactory, require_jats_schema

PDFAID = "http://www.aiim.org/pdfa/ns/id/"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
DC = "http://purl.org/dc/elements/1.1/"
PRISM = "http://prismstandard.org/namespaces/basic/3.0/"


def _structure(node, found: dict) -> dict:
    """Structure element types below `node`, each with its elements."""
    if isinstance(node, pikepdf.Dictionary) and "/S" in node:
        found.setdefault(str(node.S), []).append(node)
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary):
            _structure(kid, found)
    return found


@pytest.mark.django_db
def test_pdf_galley_is_tagged_archival_embeds_its_jats_and_keeps_the_doi_whole():
    require_jats_schema()
    # A long journal title beside the DOI in the masthead.
    article = ArticleFactory(
        submission__journal__title=(
            "International Journal of Civil Service Reform and Practice"
        )
    )
    jats_galley = article_jats_generate(article=article)
    article.refresh_from_db()
    galley = article_pdf_render(article=article)

    data = galley.file.open("rb").read()
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root
    # What pdfinfo reports as "Tagged: yes", and the document's language.
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "en"
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert root.OutputIntents[0].S == "/GTS_PDFA1"

    tags = _structure(root.StructTreeRoot, {})
    assert len(tags["/H1"]) == 1  # the title; sections are H2 and below
    assert "/H2" in tags and "/Table" in tags and "/TH" in tags
    alts = [str(f.get("/Alt", "")) for f in tags["/Figure"]]
    assert "Figure 1. Applicants per vacancy, 2015–2023." in alts
    assert all(alts)

    # The running heads and feet (journal, short title, DOI, page number) are
    # page furniture a screen reader skips, not text repeated on every page.
    second_page = pikepdf.parse_content_stream(pdf.pages[1])
    furniture = [
        operands
        for operands, operator in second_page
        if operator == pikepdf.Operator("BDC")
        and operands[0] == "/Artifact"
        and len(operands) == 2
        and operands[1].get("/Type") == "/Pagination"
    ]
    assert len(furniture) == 4

    with pdf.open_metadata() as xmp:
        assert xmp[f"{{{PDFAID}}}part"] == "3"
        assert xmp[f"{{{PDFAID}}}conformance"] == "U"
        assert xmp[f"{{{PDFUAID}}}part"] == "1"
        assert xmp[f"{{{DC}}}title"] == "Merit-based recruitment in the civil service"
        creators = list(xmp[f"{{{DC}}}creator"])
        assert creators == [article.submission.submitter.full_name, "Айгерим Сейтова"]
        assert set(xmp[f"{{{DC}}}language"]) == {"en"}
        assert xmp[f"{{{PRISM}}}doi"] == article.doi
        assert xmp[f"{{{DC}}}identifier"] == f"https://doi.org/{article.doi}"

    # The DOI, in the masthead as in the running foot, is never broken.
    reader = PdfReader(io.BytesIO(data))
    lines = [line for page in reader.pages for line in page.extract_text().split("\n")]
    with_doi = [line for line in lines if "10.99999/" in line]
    assert len(with_doi) > len(reader.pages)
    assert all(article.doi in line for line in with_doi)

    embedded = pdf.attachments["article.xml"]
    assert embedded.obj.AFRelationship == "/Source"
    assert embedded.obj.objgen in [f.objgen for f in root.AF]
    assert embedded.get_file().read_bytes() == jats_galley.file.open("rb").read()


def test_authors_are_numbered_by_their_own_affiliation_and_share_a_number():
    parts = ArticleHTML(
        language="en",
        title="T",
        trans_titles={},
        contributors=[
            ContributorView("Ann Lee", affiliations=["Tbilisi State University"]),
            ContributorView(
                "Bo Kim", affiliations=["Academy of Public Administration"]
            ),
            ContributorView("Cy Ode", affiliations=["Tbilisi State University"]),
        ],
        abstracts={},
        keywords={},
        body="",
        references="",
    )

    html = pdf_html(parts)

    authors = re.search(r'<p class="authors">(.*?)</p>', html).group(1)
    assert authors == "Ann Lee<sup>1</sup>, Bo Kim<sup>2</sup>, Cy Ode<sup>1</sup>"
    assert "<sup>1</sup> Tbilisi State University" in html
    assert "<sup>2</sup> Academy of Public Administration" in html
    assert html.count("Tbilisi State University") == 1
