"""A manuscript's JATS goes beyond the schema: tables and figures labelled and
captioned, mentions linked to their targets, footnotes, figures that resolve
from the JATS address, ROR ids and authenticated ORCID iDs."""

from urllib.parse import urljoin

import pytest
from django.urls import reverse
from lxml import etree

from production.jats import validate_jats
from production.services import article_jats_generate
from tests.production.factories import ArticleFactory, figure_png, require_jats_schema
from tests.production.jats.jats4r import jats4r_problems

pytestmark = pytest.mark.django_db

XLINK = "{http://www.w3.org/1999/xlink}href"
MANUSCRIPT = """# Introduction

As Table 1, Figure 1 and Fig. 2 show, merit matters (Weber, 1922; OECD 2019).[^1]
Numbered: [2]. Knox and Janenova (2018) agree; Table 9 and (Nobody, 2001) do not
exist.

Table 1. Exams by country

| Country | Exam |
|---|---|
| KZ | Yes |

![]({figure})

Figure 1. Applicants per vacancy.

Some text between the figures.

Figure 2. Staff trained, with the caption above.

![]({figure})

[^1]: Counted in 2020.
"""
REFERENCES = (
    "Weber, M. (1922). Economy and Society. Tübingen: Mohr.\n"
    "OECD. (2019). Public Service Leadership and Capability. Paris: OECD.\n"
    "Knox, C., & Janenova, S. (2018). Public councils in Kazakhstan. Central Asian "
    "Survey, 37(2), 305–321. https://doi.org/10.1080/02634937.2017.1410467"
)


def _docx(tmp_path) -> bytes:
    import pypandoc

    (tmp_path / "fig.png").write_bytes(figure_png())
    out = tmp_path / "m.docx"
    figure = tmp_path / "fig.png"
    text = MANUSCRIPT.replace("{figure}", str(figure))
    pypandoc.convert_text(text, "docx", format="markdown", outputfile=str(out))
    return out.read_bytes()


def _xrefs(root, kind):
    return [
        (x.text.split()[0], x.get("rid"))
        for x in root.iter("xref")
        if x.get("ref-type") == kind
    ]


def test_converted_manuscript_is_linked_captioned_and_passes_jats4r_checks(
    tmp_path, client
):
    require_jats_schema()
    article = ArticleFactory(
        submission__with_docx=_docx(tmp_path),
        submission__references=REFERENCES,
    )
    article_jats_generate(article=article)
    article.refresh_from_db()
    xml = article.jats_xml.encode()
    root = etree.fromstring(xml)

    assert validate_jats(xml) == []
    assert jats4r_problems(root) == []
    table = root.find("body//table-wrap")
    assert table.findtext("label") == "Table 1"
    assert "".join(table.find("caption").itertext()).strip() == "Exams by country"
    paragraphs = ["".join(p.itertext()) for p in root.find("body").iter("p")]
    assert not any(p.startswith("Table 1") for p in paragraphs)
    assert _xrefs(root, "table") == [("Table", table.get("id"))]
    figures = root.findall("body//fig")
    assert [f.findtext("label") for f in figures] == ["Figure 1", "Figure 2"]
    assert "".join(figures[1].find("caption").itertext()).strip() == (
        "Staff trained, with the caption above."
    )
    assert _xrefs(root, "fig") == [
        ("Figure", figures[0].get("id")), ("Fig.", figures[1].get("id"))
    ]  # fmt: skip
    # Author-year, narrative and numeric citations; nothing for "Nobody, 2001".
    assert _xrefs(root, "bibr") == [
        ("Weber,", "ref-1"), ("OECD", "ref-2"), ("2", "ref-2"), ("Knox", "ref-3")
    ]  # fmt: skip
    fn_ref = root.find(".//xref[@ref-type='fn']")
    assert root.find(f"back/fn-group/fn[@id='{fn_ref.get('rid')}']/p").text == (
        "Counted in 2020."
    )
    knox = root.find("back/ref-list/ref[@id='ref-3']//element-citation")
    assert knox.get("publication-type") == "journal"
    assert (
        knox.findtext("pub-id[@pub-id-type='doi']") == "10.1080/02634937.2017.1410467"
    )
    assert knox.findtext("person-group/name/surname") == "Knox"

    jats_url = reverse("publishing:article_download_kind", args=[article.pk, "jats"])
    image_url = urljoin(
        "http://testserver" + jats_url, root.find(".//graphic").get(XLINK)
    )
    client.force_login(article.production_editor)
    response = client.get(image_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")

    # Built again after a reference is removed, no link points nowhere.
    submission = article.submission
    submission.references = REFERENCES.split("\n", 1)[0]
    submission.save(update_fields=["references"])
    from production.jats import build_article_jats

    rebuilt = etree.fromstring(build_article_jats(article))
    assert _xrefs(rebuilt, "bibr") == [("Weber,", "ref-1")]
    assert jats4r_problems(rebuilt) == []


def test_ror_ids_appear_where_known_and_only_confirmed_orcid_ids_are_authenticated():
    require_jats_schema()
    from production.jats import ArticleBuilder, serialise
    from production.jats.data import ArticleData, ContributorData, JournalData

    data = ArticleData(
        journal=JournalData(
            title="J", abbreviation="J", issn_online="2077-1234", publisher="P"
        ),
        language="en",
        titles={"en": "T"},
        contributors=[
            ContributorData(
                given_name="A", family_name="B", affiliation="Nazarbayev University",
                ror="https://ror.org/052bx8q98", orcid="0000-0002-1825-0097",
                orcid_authenticated=True,
            ),
            ContributorData(
                given_name="C", family_name="D", affiliation="Elsewhere",
                orcid="0000-0001-5109-3700",
            ),
        ],
    )  # fmt: skip
    body = etree.fromstring("<body><p>Text.</p></body>")
    xml = serialise(ArticleBuilder(data).build(body=body))
    root = etree.fromstring(xml)

    assert validate_jats(xml) == []
    assert jats4r_problems(root) == []
    ids = root.findall(".//contrib-id")
    assert [i.get("authenticated") for i in ids] == ["true", "false"]
    affs = root.findall(".//aff")
    assert affs[0].findtext("institution-wrap/institution-id") == (
        "https://ror.org/052bx8q98"
    )
    assert (
        affs[0].find("institution-wrap/institution-id").get("institution-id-type")
        == "ror"
    )
    assert affs[1].find("institution-wrap") is None
