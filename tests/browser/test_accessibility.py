"""Every public page and the author's pages pass axe-core (no serious or critical
violation) in headless Chromium, fit a phone screen, and are photographed.

axe-core comes from the npm registry (package.json); `npm ci` at the repository
root puts it in node_modules/.
"""

import datetime
import json
from types import SimpleNamespace

import pytest

from discovery.search.services import search_index_article
from journal.models import Role
from reviews.services import review_invite, round_open
from reviews.tokens import invitation_token
from submissions.models import State
from tests.browser.conftest import REPO_ROOT, login, screenshot
from tests.factories import (
    CallFactory,
    JournalFactory,
    RoleFactory,
    SectionFactory,
    SubmissionFactory,
    UserFactory,
)
from tests.publishing.factories import GalleyFactory, html_galley, published_issue
from tests.reviews.factories import anonymous_submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
PHONE_WIDTH = 375
FULL_TEXT = (
    "<h2>Introduction</h2><p>Merit-based recruitment has spread across the civil"
    " services of Central Asia and the Caucasus since 2015.</p>"
    "<h2>Method</h2><p>We compare recruitment rules in five countries.</p>"
)


@pytest.fixture
def site():
    journal = JournalFactory(
        title="International Journal of Civil Service Reform and Practice",
        abbreviation="IJCSRP",
        description="A peer-reviewed, open-access journal on civil service reform.",
        focus_and_scope="Civil service reform in practice: recruitment, pay, ethics.",
        author_guidelines="Use British English. Anonymise the manuscript.",
        contact_email="editor@example.org",
    )
    section = SectionFactory(
        journal=journal, title="Research Articles", policy="Up to 8,000 words."
    )
    CallFactory(journal=journal, description="Papers on remote work in government.")
    issue, articles = published_issue(
        journal,
        articles=3,
        published_at=datetime.datetime(2026, 3, 5, 9, tzinfo=datetime.UTC),
    )
    for article in articles:
        html_galley(article, html=FULL_TEXT)
        GalleyFactory(article=article)
        search_index_article(article=article)
    author = UserFactory(given_name="Aigerim", family_name="Sadykova")
    RoleFactory(journal=journal, user=author, role=Role.AUTHOR)
    draft = SubmissionFactory(journal=journal, section=section, submitter=author)
    SubmissionFactory(
        journal=journal, section=section, submitter=author, state=State.SUBMITTED
    )
    slug = journal.slug
    return SimpleNamespace(
        author=author,
        public={
            "journal-home": f"/j/{slug}/",
            "about": f"/j/{slug}/about/",
            "archive": f"/j/{slug}/issues/",
            "issue-toc": f"/j/{slug}/issues/{issue.pk}/",
            "article": f"/article/{articles[0].pk}/",
            "search": f"/j/{slug}/search/?q=recruitment",
            "search-all-journals": "/search/?q=merit&sort=newest",
            "statistics": f"/j/{slug}/statistics/",
            "journals": "/",
            "login": "/accounts/login/",
            "registration": "/accounts/signup/",
        },
        author_pages={
            "dashboard": "/dashboard/",
            "my-submissions": "/submissions/",
            "submission": f"/submissions/{draft.pk}/",
            "submission-start": f"/j/{slug}/submit/",
            "wizard-metadata": f"/submissions/{draft.pk}/edit/metadata/",
            "wizard-authors": f"/submissions/{draft.pk}/edit/authors/",
            "wizard-files": f"/submissions/{draft.pk}/edit/files/",
            "wizard-review": f"/submissions/{draft.pk}/edit/review/",
            "profile": "/profile/",
        },
    )


# The innermost elements that stick out past the right edge of the screen.
WIDEST = """(limit) => {
  const out = [...document.body.querySelectorAll('*')].filter(
    (el) => el.getBoundingClientRect().right > limit + 1
      && ![...el.children].some((c) => c.getBoundingClientRect().right > limit + 1)
  );
  return out.slice(0, 5).map((el) => el.outerHTML.slice(0, 160));
}"""


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations on the page as it is now."""
    if not AXE.exists():
        pytest.fail(
            f"axe-core is missing ({AXE.relative_to(REPO_ROOT)}): "
            "run `npm ci` at the repository root"
        )
    # Evaluated by the browser's debugger protocol, which the page's CSP (no
    # inline script) does not apply to; a <script> tag would be blocked.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(name: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{name}: [{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])} {node['html'][:160]}")
    return "\n".join(lines)


def check_pages(page, live_server, pages: dict, *, prefix: str, phone=False):
    problems = []
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, f"{name}: {path} answered {response.status}"
        if phone:
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE_WIDTH:
                problems.append(
                    f"{name}: scrolls sideways on a phone ({width}px > {PHONE_WIDTH}px)"
                    f" because of {page.evaluate(WIDEST, PHONE_WIDTH)}"
                )
        screenshot(page, f"{prefix}-{name}")
        if page.csp_violations:
            problems.append(f"{name}: blocked by the CSP: {page.csp_violations}")
            page.csp_violations.clear()
        violations = axe_violations(page)
        if violations:
            problems.append(describe(name, violations))
    assert not problems, "\n".join(problems)


def test_public_pages_pass_axe_core(page, live_server, site):
    check_pages(page, live_server, site.public, prefix="a11y")


def test_author_pages_pass_axe_core(page, live_server, site):
    login(page, live_server, site.author)
    check_pages(page, live_server, site.author_pages, prefix="a11y")


def test_public_pages_fit_a_phone_screen(phone_page, live_server, site):
    check_pages(phone_page, live_server, site.public, prefix="phone", phone=True)


def test_author_pages_fit_a_phone_screen(phone_page, live_server, site):
    login(phone_page, live_server, site.author)
    check_pages(phone_page, live_server, site.author_pages, prefix="phone", phone=True)


def test_russian_pages_pass_axe_core_and_fit_a_phone_screen(
    phone_page, live_server, site
):
    phone_page.context.add_cookies(
        [{"name": "django_language", "value": "ru", "url": live_server.url}]
    )
    check_pages(phone_page, live_server, site.public, prefix="phone-ru", phone=True)
    assert phone_page.locator("html").get_attribute("lang") == "ru"


def test_russian_author_pages_pass_axe_core(page, live_server, site):
    login(page, live_server, site.author)
    page.context.add_cookies(
        [{"name": "django_language", "value": "ru", "url": live_server.url}]
    )
    check_pages(page, live_server, site.author_pages, prefix="ru")
    assert page.locator("html").get_attribute("lang") == "ru"


def test_reader_switches_the_article_page_to_russian(page, live_server, site):
    url = f"{live_server.url}{site.public['article']}"
    page.goto(url)

    with page.expect_navigation():
        page.select_option("#language-switcher", "ru")

    assert page.url == url
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_role("heading", name="Как цитировать").is_visible()
    screenshot(page, "article-ru")


def test_reviewer_invitation_link_pages_pass_axe_core(page, phone_page, live_server):
    submission, editor = anonymous_submission()
    review_round = round_open(submission=submission, actor=editor)
    reviewer = UserFactory(email="reviewer@example.org")
    assignment = review_invite(round=review_round, actor=editor, reviewer=reviewer)
    invitation = f"/reviews/invitation/{invitation_token(assignment)}/"

    check_pages(page, live_server, {"invitation": invitation}, prefix="a11y")
    check_pages(
        phone_page, live_server, {"invitation": invitation}, prefix="phone", phone=True
    )
    page.goto(f"{live_server.url}/reviews/invitation/not-a-token/")
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert not violations, describe("broken invitation link", violations)
