"""Issue covers: uploaded on the issue's form (size and type checked, SVG
refused), shown with their description on the home page, the archive and the
table of contents; an issue's title and description in Russian for Russian
readers; covers from OJS land in the same field, SVG drawn as PNG."""

import pytest
from django.conf import settings
from django.urls import reverse

from ojs.services.importer import IssueFailed, _cover_image
from tests.factories import JournalFactory, editor_of, png_bytes, upload
from tests.publishing.factories import IssueFactory, published_issue

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="30"><rect width="20" height="30" fill="red"/></svg>'


def _post_issue(client, issue, **extra):
    data = {
        "volume": issue.volume_id,
        "number": issue.number,
        "year": issue.year,
        "title": "Digital government",
        "title_ru": "Цифровое государство",
        "description": "- one\n- two",
        "description_ru": "",
        "cover_alt": "A tablet showing a public service portal",
        **extra,
    }
    url = reverse("publishing:editor_issue_edit", args=[issue.journal.slug, issue.pk])
    return client.post(url, data)


def test_cover_is_uploaded_and_shown_with_its_description_everywhere(client):
    journal = JournalFactory()
    issue, _articles = published_issue(journal, articles=1)
    client.force_login(editor_of(journal))
    response = _post_issue(client, issue, cover_image=upload("cover.png", png_bytes()))
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.cover_image.name.endswith(".png")
    alt = 'alt="A tablet showing a public service portal"'
    pages = [
        reverse("publishing:journal_home", args=[journal.slug]),
        reverse("publishing:archive", args=[journal.slug]),
        reverse("publishing:issue", args=[journal.slug, issue.pk]),
    ]
    for url in pages:
        page = client.get(url).text
        assert issue.cover_image.url in page and alt in page, url
    home = client.get(pages[0]).text
    assert home.index("data-current-issue") < home.index("Latest articles")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cover.svg", SVG, "SVG drawing"),
        ("cover.png", b"not an image at all" * 10, "not an image"),
    ],
)
def test_a_cover_that_is_not_a_safe_picture_is_refused_on_the_field(
    client, name, content, message
):
    issue = IssueFactory()
    client.force_login(editor_of(issue.journal))
    response = _post_issue(client, issue, cover_image=upload(name, content))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["cover_image"])
    issue.refresh_from_db()
    assert not issue.cover_image


def test_a_cover_over_the_size_limit_is_refused(client):
    issue = IssueFactory()
    client.force_login(editor_of(issue.journal))
    data = png_bytes() + b"\0" * (5 * 1024 * 1024)  # refused before any decoding
    response = _post_issue(client, issue, cover_image=upload("big.png", data))
    assert "larger than 5 MB" in str(response.context["form"].errors["cover_image"])


def test_issue_title_and_description_follow_the_readers_language(client):
    journal = JournalFactory()
    issue, _articles = published_issue(journal, articles=1)
    client.force_login(editor_of(journal))
    _post_issue(client, issue)
    client.logout()
    url = reverse("publishing:issue", args=[journal.slug, issue.pk])
    english = client.get(url).text
    assert "Digital government" in english and "<li>one</li>" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    russian = client.get(url).text
    assert "Цифровое государство" in russian
    assert "<li>one</li>" in russian  # no Russian description: the English one
    archive = client.get(reverse("publishing:archive", args=[journal.slug])).text
    assert "Цифровое государство" in archive


def test_an_svg_cover_from_ojs_is_drawn_as_png():
    data, name = _cover_image(SVG, "cover_issue_3_en.svg")
    assert data.startswith(b"\x89PNG") and name == "cover_issue_3_en.png"
    with pytest.raises(IssueFailed):
        _cover_image(b"\x00" * 50, "cover.png")
