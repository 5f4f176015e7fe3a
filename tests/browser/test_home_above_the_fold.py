"""On a desktop screen the journal's home page shows the current issue (cover,
title, first articles) without scrolling, however long the description is;
the editorial board opens from the public menu."""

import pytest
from django.core.files.base import ContentFile

from journal.models import BoardMember
from tests.browser.conftest import DESKTOP, screenshot
from tests.factories import JournalFactory, png_bytes
from tests.publishing.factories import published_issue

pytestmark = pytest.mark.django_db


def test_current_issue_is_above_the_fold_on_a_desktop(page, live_server):
    journal = JournalFactory(description="A journal about reform. " * 120)
    issue, _articles = published_issue(journal, articles=6)
    issue.cover_alt = "A map of Central Asia"
    issue.cover_image.save("cover.png", ContentFile(png_bytes()), save=True)
    BoardMember.objects.create(journal=journal, name="Ana Beridze", role="Editor")

    page.goto(f"{live_server.url}/j/{journal.slug}/")
    current = page.locator("[data-current-issue]")
    cover = current.get_by_role("img", name="A map of Central Asia")
    first_article = current.locator(".list-group-item").first
    for element in (cover, first_article):
        box = element.bounding_box()
        assert box is not None and box["y"] + box["height"] <= DESKTOP["height"]
    screenshot(page, "home-desktop-current-issue", full_page=False)
    assert not page.csp_violations

    page.get_by_role("link", name="Editorial board").first.click()
    assert page.get_by_text("Ana Beridze").is_visible()
