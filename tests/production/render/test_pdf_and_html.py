"""The PDF and HTML galleys rendered from the article's JATS."""

import io

import pytest
from pypdf import PdfReader

from production.render.html import sanitise
from production.services import (
    article_html_render,
    article_jats_generate,
    article_pdf_render,
)
from publishing.models import GalleyKind
from tests.production.factories import (
    RU_ABSTRACT,
    ArticleFactory,
    require_jats_schema,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered_article():
    require_jats_schema()
    article = ArticleFactory()
    article_jats_generate(article=article)
    article.refresh_from_db()
    return article


def _text(pdf_bytes: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_holds_title_authors_doi_and_cyrillic_abstract(rendered_article):
    galley = article_pdf_render(article=rendered_article)

    data = galley.file.open("rb").read()
    text = _flat(_text(data))
    submission = rendered_article.submission
    assert "Merit-based recruitment in the civil service" in text
    assert submission.submitter.full_name in text
    assert "Айгерим Сейтова" in text
    assert rendered_article.doi in text
    assert _flat(RU_ABSTRACT) in text
    assert "Received" in text and "Accepted" in text
    assert "Cite this article" in text


def test_pdf_metadata_has_title_authors_keywords_and_subject(rendered_article):
    galley = article_pdf_render(article=rendered_article)

    reader = PdfReader(io.BytesIO(galley.file.open("rb").read()))
    meta = reader.metadata
    assert meta.title == "Merit-based recruitment in the civil service"
    assert "Айгерим Сейтова" in meta.author
    assert rendered_article.submission.submitter.full_name in meta.author
    assert "meritocracy" in meta["/Keywords"] and "меритократия" in meta["/Keywords"]
    assert rendered_article.doi in meta.subject
    assert galley.content_type == "application/pdf" and galley.is_current


def test_pdf_embeds_its_fonts_and_has_page_numbers(rendered_article):
    galley = article_pdf_render(article=rendered_article)

    reader = PdfReader(io.BytesIO(galley.file.open("rb").read()))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:  # Type0: the descriptor is below
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"]
            assert any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts.add(str(font["/BaseFont"]))
    assert any("DejaVu" in f for f in fonts)
    assert f"1 / {len(reader.pages)}" in _flat(reader.pages[0].extract_text())


def test_html_galley_has_sections_table_and_figure_served_by_the_media_view(
    rendered_article, client
):
    galley = article_html_render(article=rendered_article)

    html = galley.file.open("rb").read().decode()
    assert galley.kind == GalleyKind.HTML and galley.is_current
    assert "<h2>Introduction</h2>" in html
    assert "<table" in html and "Kazakhstan" in html
    media = rendered_article.media.get()
    src = f"/articles/{rendered_article.pk}/media/{media.name}"
    assert f'src="{src}"' in html
    client.force_login(rendered_article.submission.submitter)
    response = client.get(src)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_figures_of_an_unpublished_article_are_hidden_from_strangers(
    rendered_article, client
):
    media = rendered_article.media.get()
    response = client.get(f"/articles/{rendered_article.pk}/media/{media.name}")
    assert response.status_code == 404


def test_sanitiser_drops_scripts_and_event_handlers():
    dirty = (
        '<p onclick="x()">ok<script>alert(1)</script><a href="javascript:x">l</a></p>'
    )
    clean = sanitise(dirty)
    assert "script" not in clean and "onclick" not in clean
    assert "javascript" not in clean
    assert "<p>ok" in clean
