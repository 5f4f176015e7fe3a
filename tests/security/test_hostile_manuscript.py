"""An author's manuscript with an SVG figure carrying script and links to
`javascript:`, `vbscript:` and `data:` addresses: nothing of it can run, at
every place the figure, the links and the galleys are served."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from production.models import ArticleMedia
from production.services import article_html_render, article_jats_generate
from publishing.models import ArticleStatus, GalleyKind
from submissions.models import State, Submission
from tests.production.factories import ArticleFactory, require_jats_schema

from .pages import inline_scripts
from .payloads import SAFE_LINK, UNSAFE_LINKS, hostile_docx

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n"


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _assert_inert(response, *, disposition: str) -> bytes:
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith(disposition)
    return _body(response)


def _assert_no_unsafe_link(data: bytes) -> None:
    lowered = data.lower()
    for marker in (b"javascript:", b"vbscript:", b"data:text/html", b"<script"):
        assert marker not in lowered, marker


def _publish(article) -> None:
    Submission.objects.filter(pk=article.submission_id).update(state=State.PUBLISHED)
    type(article).objects.filter(pk=article.pk).update(
        status=ArticleStatus.PUBLISHED, published_at=timezone.now()
    )


def test_hostile_manuscript_is_inert_in_production_and_after_publication(client):
    """One rendering (pandoc, CairoSVG, the HTML galley), every door checked."""
    require_jats_schema()
    article = ArticleFactory(submission__with_docx=hostile_docx())
    article_jats_generate(article=article)
    article.refresh_from_db()
    article_html_render(article=article)

    # The SVG figure was drawn as PNG; no SVG is stored or referred to.
    media = list(ArticleMedia.objects.filter(article=article))
    assert [m.content_type for m in media] == ["image/png"]
    assert media[0].name.endswith(".png")
    assert "svg" not in article.jats_xml.lower()
    # JATS and HTML keep the safe link and the text of the unsafe ones.
    jats = article.jats_xml.encode()
    _assert_no_unsafe_link(jats)
    assert SAFE_LINK.encode() in jats
    assert b"link 1" in b" ".join(jats.split())
    galley = article.galleys.get(kind=GalleyKind.HTML, is_current=True)
    html = galley.file.open("rb").read()
    _assert_no_unsafe_link(html)
    assert SAFE_LINK.encode() in html

    # The production editor sees the figure; the author the proof galley.
    client.force_login(article.production_editor)
    figure_url = reverse("production:media", args=[article.pk, media[0].name])
    response = client.get(figure_url)
    assert response["Content-Type"] == "image/png"
    assert "sandbox" in response["Content-Security-Policy"]
    assert _assert_inert(response, disposition="inline").startswith(PNG)
    client.force_login(article.submission.submitter)
    response = client.get(
        reverse("production:proof_galley", args=[article.submission_id, galley.pk])
    )
    _assert_no_unsafe_link(_assert_inert(response, disposition="inline"))
    assert "img-src 'self'" in response["Content-Security-Policy"]

    # After publication, a reader who is not signed in.
    client.logout()
    _publish(article)
    figure = client.get(figure_url)
    html = client.get(
        reverse("publishing:article_download_kind", args=[article.pk, "html"])
    )
    jats = client.get(
        reverse("publishing:article_download_kind", args=[article.pk, "jats"])
    )
    page = client.get(reverse("publishing:article", args=[article.pk]))

    assert _assert_inert(figure, disposition="inline").startswith(PNG)
    for response in (html, jats):
        assert response.status_code == 200
        _assert_no_unsafe_link(_assert_inert(response, disposition="inline"))
    assert page.status_code == 200
    assert inline_scripts(page.content) == []
    assert b"javascript:" not in page.content.lower()
    assert "script-src 'self'" in page["Content-Security-Policy"]


def test_oai_jats_record_has_no_unsafe_link(client):
    from tests.publishing.factories import PublishedArticleFactory

    article = PublishedArticleFactory()
    type(article).objects.filter(pk=article.pk).update(
        jats_xml=(
            '<article xmlns:xlink="http://www.w3.org/1999/xlink" dtd-version="1.3">'
            "<front><article-meta><title-group><article-title>T</article-title>"
            "</title-group></article-meta></front><body><p>See "
            f'<ext-link xlink:href="{UNSAFE_LINKS[0]}">this</ext-link> and '
            f'<ext-link xlink:href="{SAFE_LINK}">that</ext-link>.</p></body></article>'
        )
    )
    identifier = f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:article/{article.pk}"

    response = client.get(
        "/oai",
        {"verb": "GetRecord", "metadataPrefix": "jats", "identifier": identifier},
    )

    assert response.status_code == 200
    body = _body(response)
    assert b"<ext-link" in body and SAFE_LINK.encode() in body
    assert b"See this and" in body.replace(b"\n", b"")
    _assert_no_unsafe_link(body)


def test_a_figure_stored_as_svg_before_is_only_ever_an_attachment(client):
    from django.core.files.base import ContentFile

    from tests.publishing.factories import PublishedArticleFactory

    from .payloads import SVG_WITH_SCRIPT

    article = PublishedArticleFactory()
    item = ArticleMedia(
        article=article,
        name="old.svg",
        content_type="image/svg+xml",
        size=len(SVG_WITH_SCRIPT),
    )
    item.file.save("old.svg", ContentFile(SVG_WITH_SCRIPT), save=True)

    response = client.get(reverse("production:media", args=[article.pk, "old.svg"]))

    assert response.status_code == 200
    assert "sandbox" in response["Content-Security-Policy"]
    assert _assert_inert(response, disposition="attachment") == SVG_WITH_SCRIPT
