"""Imported articles are complete articles: JATS, the typeset PDF, search,
sitemap, feeds and OAI-PMH records built in the background; no DOI deposit."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from discovery.models import SearchDocument
from indexing.models import CrossrefDeposit, OaiRecord
from indexing.oai.metadata import FORMATS
from ojs.models import OjsRecord, RecordKind
from production.jats import validate_jats
from publishing.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(journal, export, settings, django_capture_on_commit_callbacks):
    settings.CROSSREF_USERNAME = "depositor"  # deposits would be sent if asked
    issues, _users = export("3.5")
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "import_ojs",
            str(issues),
            journal="pa",
            no_progress=True,
            stdout=io.StringIO(),
        )
    pk = OjsRecord.objects.get(kind=RecordKind.ARTICLE, ojs_id="1").object_id
    return Article.objects.get(pk=pk)


def test_jats_front_matter_is_built_and_valid(imported):
    xml = imported.jats_xml.encode()
    assert validate_jats(xml) == []
    text = imported.jats_xml
    assert "Merit-based recruitment, case 1" in text
    assert "Меритократический отбор, случай 1" in text
    assert "10.99999/ojs.1" in text
    assert "https://creativecommons.org/licenses/by/4.0/" in text
    assert "0000-0002-1825-0097" in text


def test_the_pdf_is_the_typeset_galley_on_the_article_page(imported, client):
    pdf = imported.galleys.get(kind="pdf", is_current=True)
    assert pdf.uploaded
    html = client.get(f"/article/{imported.pk}/").content.decode()
    assert f"/article/{imported.pk}/download/{pdf.pk}/" in html


def test_imported_articles_are_searchable(imported, client):
    assert SearchDocument.objects.filter(article__journal=imported.journal).count() == 5
    response = client.get(reverse("discovery:search"), {"q": "recruitment"})
    assert imported in [h.article for h in response.context["results"].hits]


def test_imported_articles_are_in_the_sitemap_and_feed(imported, client):
    sitemap = client.get("/sitemap-articles.xml").content.decode()
    assert f"/article/{imported.pk}/" in sitemap
    feed = client.get("/j/pa/feed/atom/").content.decode()
    assert "Merit-based recruitment, case 1" in feed


def test_oai_records_are_built_after_the_import(imported):
    ids = set(
        Article.objects.filter(journal=imported.journal).values_list("pk", flat=True)
    )
    for prefix in FORMATS:
        built = set(
            OaiRecord.objects.filter(prefix=prefix).values_list("article_id", flat=True)
        )
        assert built == ids, prefix


def test_dois_are_not_deposited_again(imported):
    assert not CrossrefDeposit.objects.exists()
