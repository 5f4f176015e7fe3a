"""At 390 px (a current phone) no public page and no main staff page scrolls
sideways, even with a 720 px figure and a wide table in the full text; on the
article page, Download and How to cite come before the full text."""

import datetime
import io

import pytest
from PIL import Image

from journal.models import BoardMember, Role
from submissions.models import State
from tests.browser.conftest import login, screenshot
from tests.factories import JournalFactory, RoleFactory, SubmissionFactory
from tests.publishing.factories import (
    GalleyFactory,
    IssueFactory,
    html_galley,
    published_issue,
)
from tests.reviews.factories import RoundFactory

pytestmark = pytest.mark.django_db
PHONE = {"width": 390, "height": 844}

WIDE_CELLS = "".join(f"<td>Recruitment indicator {i} in 2024</td>" for i in range(10))
FULL_TEXT = (
    "<h2>Introduction</h2><p>Merit-based recruitment has spread across the civil"
    " services of Central Asia.</p>"
    '<figure><img src="data:image/png;base64,{png}" width="720" height="360"'
    ' alt="Recruitment by year"><figcaption>Figure 1.</figcaption></figure>'
    f"<table><tr>{WIDE_CELLS}</tr><tr>{WIDE_CELLS}</tr></table>"
    "<p>https://example.org/a/very/long/address/without/any/place/to/break/it/at/all</p>"
)


def _png(width: int, height: int) -> str:
    import base64

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


@pytest.fixture
def site():
    journal = JournalFactory(slug="ijcsr", timezone="Asia/Almaty")
    issue, articles = published_issue(
        journal,
        articles=2,
        published_at=datetime.datetime(2026, 3, 5, tzinfo=datetime.UTC),
    )
    for article in articles:
        html_galley(article, html=FULL_TEXT.replace("{png}", _png(720, 360)))
        GalleyFactory(article=article)
    IssueFactory(journal=journal)
    BoardMember.objects.create(
        journal=journal,
        name="Alikhan Baimenov",
        role="Editor-in-Chief",
        affiliation="Astana Civil Service Hub, a long affiliation name",
        country="KZ",
        orcid="0000-0002-1825-0097",
    )
    editor = RoleFactory(journal=journal, role=Role.EDITOR).user
    under_review = SubmissionFactory(journal=journal, state=State.UNDER_REVIEW)
    RoundFactory(submission=under_review)
    slug = journal.slug
    return {
        "editor": editor,
        "public": {
            "home": f"/j/{slug}/",
            "about": f"/j/{slug}/about/",
            "archive": f"/j/{slug}/issues/",
            "toc": f"/j/{slug}/issues/{issue.pk}/",
            "article": f"/article/{articles[0].pk}/",
            "search": f"/j/{slug}/search/?q=recruitment",
            "statistics": f"/j/{slug}/statistics/",
            "board": f"/j/{slug}/board/",
        },
        "staff": {
            "dashboard": "/dashboard/",
            "office": f"/j/{slug}/editorial/",
            "submission": f"/editorial/submissions/{under_review.pk}/",
            "review": f"/editorial/submissions/{under_review.pk}/review/",
            "production": f"/j/{slug}/production/",
            "issues": f"/j/{slug}/editorial/issues/",
            "issue": f"/j/{slug}/editorial/issues/{issue.pk}/",
        },
    }


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport=PHONE, locale="en-GB", is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _overflowing(page, live_server, pages: dict, prefix: str) -> list[str]:
    problems = []
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, f"{name}: {path} answered {response.status}"
        scroll, inner = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        if scroll > inner:
            problems.append(f"{name}: {scroll}px wide on a {inner}px screen")
        screenshot(page, f"phone390-{prefix}-{name}")
    return problems


def test_no_page_scrolls_sideways_on_a_390px_phone(phone, live_server, site):
    problems = _overflowing(phone, live_server, site["public"], "public")
    login(phone, live_server, site["editor"])
    problems += _overflowing(phone, live_server, site["staff"], "staff")
    assert not problems, "\n".join(problems)


def test_download_and_how_to_cite_come_before_the_full_text_on_a_phone(
    phone, live_server, site
):
    phone.goto(f"{live_server.url}{site['public']['article']}")
    actions = phone.locator("[data-phone-article-actions]")
    assert actions.is_visible()
    assert actions.get_by_text("How to cite").is_visible()
    first = actions.bounding_box()["y"]
    fulltext = phone.locator(".article-fulltext").bounding_box()["y"]
    assert first < fulltext
