"""Old OJS addresses redirect (301) to the imported items' new pages, and
imported records keep their OJS OAI-PMH identifiers when the setting asks."""

import io

import pytest
from django.core.management import call_command
from lxml import etree

from ojs.models import OjsRecord, RecordKind
from publishing.models import Article, Galley, Issue

pytestmark = pytest.mark.django_db

OAI = "{http://www.openarchives.org/OAI/2.0/}"


def _xml(response):
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return etree.fromstring(body)


@pytest.fixture
def imported(journal, export):
    issues, _users = export("3.5")
    call_command(
        "import_ojs",
        str(issues),
        journal="pa",
        ojs_path="pubadmin",
        no_progress=True,
        stdout=io.StringIO(),
    )
    return journal


def _pk(journal, kind, ojs_id):
    return OjsRecord.objects.get(journal=journal, kind=kind, ojs_id=ojs_id).object_id


@pytest.mark.parametrize("prefix", ["/index.php/pubadmin", "/pubadmin"])
def test_article_issue_and_galley_addresses_redirect_permanently(
    prefix, imported, client
):
    article = _pk(imported, RecordKind.ARTICLE, "1")
    pdf = _pk(imported, RecordKind.GALLEY, "751")  # the current PDF galley
    issue = _pk(imported, RecordKind.ISSUE, "11")
    expected = {
        f"{prefix}/article/view/1": f"/article/{article}/",
        f"{prefix}/article/view/1/751": f"/article/{article}/download/{pdf}/",
        f"{prefix}/article/download/1/751": f"/article/{article}/download/{pdf}/",
        f"{prefix}/article/download/1/751/551": f"/article/{article}/download/{pdf}/",
        f"{prefix}/issue/view/11": f"/j/pa/issues/{issue}/",
        f"{prefix}/issue/archive": "/j/pa/issues/",
        f"{prefix}/oai?verb=Identify": "/oai?verb=Identify",
    }
    for old, new in expected.items():
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new, old
    # The redirect leads somewhere that works.
    assert client.get(f"/article/{article}/").status_code == 200


def test_earlier_version_galley_still_resolves(imported, client):
    old_pdf = Galley.objects.get(pk=_pk(imported, RecordKind.GALLEY, "701"))
    assert not old_pdf.is_current
    response = client.get("/index.php/pubadmin/article/download/1/701/501")
    assert response.status_code == 301
    assert response["Location"].endswith(f"/download/{old_pdf.pk}/")


def test_unknown_ids_and_paths_are_not_found(imported, client):
    assert client.get("/index.php/pubadmin/article/view/999").status_code == 404
    assert client.get("/index.php/pubadmin/article/view/1/999").status_code == 404
    assert client.get("/index.php/elsewhere/article/view/1").status_code == 404
    assert client.get("/index.php/pubadmin/issue/view/99").status_code == 404


def test_slug_is_the_default_ojs_path(journal, export, client):
    issues, _users = export("3.4")
    call_command(
        "import_ojs", str(issues), journal="pa", no_progress=True, stdout=io.StringIO()
    )
    response = client.get("/index.php/pa/article/view/2")
    assert response.status_code == 301


def test_oai_identifiers_stay_in_ojs_form_when_set(imported, client, settings):
    settings.OJS_OAI_REPOSITORY_IDENTIFIER = "ojs.example.org"
    response = client.get(
        "/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
    )
    root = _xml(response)
    identifiers = {e.text for e in root.iter(f"{OAI}identifier")}
    assert "oai:ojs.example.org:article/1" in identifiers
    assert len([i for i in identifiers if i.startswith("oai:ojs.example.org:")]) == 5

    record = client.get(
        "/oai",
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": "oai:ojs.example.org:article/1",
        },
    )
    root = _xml(record)
    assert root.find(f".//{OAI}error") is None
    assert root.find(f".//{OAI}identifier").text == "oai:ojs.example.org:article/1"


def test_without_the_setting_records_have_this_sites_identifiers(imported, client):
    response = client.get(
        "/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
    )
    root = _xml(response)
    pk = _pk(imported, RecordKind.ARTICLE, "1")
    identifiers = {e.text for e in root.iter(f"{OAI}identifier")}
    assert any(i.endswith(f":article/{pk}") for i in identifiers)
    assert not any("ojs.example.org" in i for i in identifiers)
    assert Article.objects.count() == Issue.objects.count() + 2
