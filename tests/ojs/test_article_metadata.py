"""Subtitles, subjects, copyright and access come over from OJS onto the
article: shown on its page, in its JATS and OAI-PMH records, and written back
by export_ojs."""

import io

import pytest
from django.core.management import call_command
from lxml import etree

from indexing.oai.protocol import identifier_for
from ojs.models import OjsRecord, RecordKind
from ojs.native.schemas import NS
from production.jats import validate_jats
from publishing.models import Article, ArticleAccess

from .conftest import write_export
from .native_builder import sample_journal

pytestmark = pytest.mark.django_db

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
DATACITE = "{http://datacite.org/schema/kernel-4}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ALI = "{http://www.niso.org/schemas/ali/1.0/}"


@pytest.fixture
def articles(journal, tmp_path):
    """The sample journal with its second issue for subscribers in OJS, where
    article 4 was made open and article 3 was not."""
    issues = sample_journal("3.5")
    issues[1].access_status = 2
    issues[1].articles[1].publications[0].access_status = 1
    path, _users = write_export(tmp_path, "3.5", issues=issues)
    call_command(
        "import_ojs", str(path), journal="pa", no_progress=True, stdout=io.StringIO()
    )
    ids = dict(
        OjsRecord.objects.filter(kind=RecordKind.ARTICLE).values_list(
            "ojs_id", "object_id"
        )
    )
    return {n: Article.objects.get(pk=ids[str(n)]) for n in (1, 3, 4)}


def test_the_article_page_shows_subtitle_subjects_copyright_and_access(
    articles, client
):
    html = client.get(f"/article/{articles[1].pk}/").content.decode()
    assert "A corrected version" in html
    assert "Исправленная версия" in html
    assert "Public administration" in html
    assert "© 2021 The authors" in html
    assert "Open access" in html
    html = client.get(f"/article/{articles[3].pk}/").content.decode()
    assert "Free to read" in html
    assert articles[3].access_status == ArticleAccess.FREE
    assert articles[4].access_status == ArticleAccess.OPEN


def test_jats_carries_subtitles_subjects_copyright_and_access(articles):
    first = articles[1].jats_xml.encode()
    assert validate_jats(first) == []
    root = etree.fromstring(first)
    assert root.findtext(".//title-group/subtitle") == "A corrected version"
    assert root.findtext(".//trans-title-group/trans-subtitle") == (
        "Исправленная версия"
    )
    subjects = root.find(".//subj-group[@subj-group-type='subject']")
    assert subjects.get(XML_LANG) == "en"
    assert subjects.findtext("subject") == "Public administration"
    assert root.findtext(".//permissions/copyright-holder") == "The authors"
    assert root.findtext(".//permissions/copyright-year") == "2021"
    assert root.find(f".//permissions/{ALI}free_to_read") is not None
    assert root.find(".//license").get("license-type") == "open-access"

    free = etree.fromstring(articles[3].jats_xml.encode())
    assert free.find(f".//permissions/{ALI}free_to_read") is not None
    assert free.find(".//license").get("license-type") is None


def _record(client, article, prefix):
    response = client.get(
        "/oai",
        {
            "verb": "GetRecord",
            "metadataPrefix": prefix,
            "identifier": identifier_for(article.pk),
        },
    )
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    root = etree.fromstring(body)
    assert root.find(f".//{OAI}error") is None
    return root


def test_oai_records_carry_subtitles_subjects_and_copyright(articles, client):
    dc = _record(client, articles[1], "oai_dc")
    assert "Public administration" in [e.text for e in dc.iter(f"{DC}subject")]
    assert "© 2021 The authors" in [e.text for e in dc.iter(f"{DC}rights")]
    openaire = _record(client, articles[1], "oai_openaire")
    subtitles = {
        e.get(XML_LANG): e.text
        for e in openaire.iter(f"{DATACITE}title")
        if e.get("titleType") == "Subtitle"
    }
    assert subtitles == {"en": "A corrected version", "ru": "Исправленная версия"}
    assert "Public administration" in [
        e.text for e in openaire.iter(f"{DATACITE}subject")
    ]


def test_export_writes_them_back(articles, tmp_path):
    path = tmp_path / "out.xml"
    call_command(
        "export_ojs", "--journal", "pa", "--output", str(path), stderr=io.StringIO()
    )
    root = etree.parse(str(path)).getroot()
    n = f"{{{NS}}}"

    def current(article):
        el = next(
            a
            for a in root.iter(f"{n}article")
            if a.findtext(f"{n}id") == str(article.pk)
        )
        pub_id = el.get("current_publication_id")
        return next(p for p in el.iter(f"{n}publication") if p.get("id") == pub_id)

    pub = current(articles[1])
    assert {s.get("locale"): s.text for s in pub.findall(f"{n}subtitle")} == {
        "en": "A corrected version",
        "ru": "Исправленная версия",
    }
    assert pub.findtext(f"{n}subjects/{n}subject/{n}name") == "Public administration"
    assert pub.findtext(f"{n}copyrightHolder") == "The authors"
    assert pub.findtext(f"{n}copyrightYear") == "2021"
    assert pub.get("access_status") == "1"
    assert current(articles[3]).get("access_status") == "0"
    assert current(articles[4]).get("access_status") == "1"
    issue = articles[3].issue
    issue_el = next(
        i for i in root.iter(f"{n}issue") if i.findtext(f"{n}id") == str(issue.pk)
    )
    assert issue_el.get("access_status") == "2"
