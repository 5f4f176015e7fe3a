"""Journeys from a role's dashboard to the end of its step, counting the
clicks (a selection in a list counts as one). The counts are printed and kept
in docs/roles.md; screenshots go to test-output/screenshots/journey-*."""

import datetime

import pytest

from journal.models import ReviewMethod, Role
from publishing.models import IssueState
from submissions.models import State
from tests.browser.conftest import login, screenshot
from tests.factories import JournalFactory, RoleFactory, SubmissionFactory
from tests.publishing.factories import ready_issue

pytestmark = pytest.mark.django_db


class Clicks:
    def __init__(self, page, name: str):
        self.page, self.name, self.count = page, name, 0

    def click(self, locator) -> None:
        self.count += 1
        locator.click()
        self.page.wait_for_load_state()
        screenshot(self.page, f"journey-{self.name}-{self.count:02d}", full_page=False)

    def choose(self, selector: str, value: str) -> None:
        self.count += 1
        self.page.select_option(selector, value=value)


def test_editor_invites_a_reviewer_from_the_dashboard(page, live_server):
    # Single-anonymous: the double-anonymous reviewer's copy has its own journey.
    journal = JournalFactory(slug="ijcsr", review_method=ReviewMethod.SINGLE_ANONYMOUS)
    editor = RoleFactory(journal=journal, role=Role.EDITOR).user
    reviewer = RoleFactory(
        journal=journal,
        role=Role.REVIEWER,
        user__given_name="Dana",
        user__family_name="Reviewerova",
    ).user
    submission = SubmissionFactory(
        journal=journal, state=State.SUBMITTED, title={"en": "Merit in recruitment"}
    )
    login(page, live_server, editor)
    page.goto(f"{live_server.url}/dashboard/")
    journey = Clicks(page, "invite")

    journey.click(page.get_by_role("link", name="Open the editorial office"))
    journey.click(page.get_by_role("link", name="Merit in recruitment").first)
    journey.click(page.get_by_role("button", name="Send to peer review"))
    journey.choose("select[name=reviewer]", str(reviewer.pk))
    journey.click(page.get_by_role("button", name="Send the invitation"))

    assert submission.review_assignments.filter(reviewer=reviewer).exists()
    print(f"\nclicks to invite a reviewer: {journey.count}")
    assert journey.count <= 5


def test_editor_publishes_an_issue_from_the_dashboard(page, live_server):
    journal = JournalFactory(slug="ijcsr")
    issue, _articles, editor = ready_issue(journal)
    login(page, live_server, editor)
    page.goto(f"{live_server.url}/dashboard/")
    journey = Clicks(page, "publish")

    journey.click(page.get_by_role("link", name="Open the editorial office"))
    journey.click(page.get_by_role("link", name="Issues", exact=True))
    journey.click(page.get_by_role("link", name=str(issue)).first)
    journey.click(page.get_by_role("link", name="Publish now…"))
    journey.click(page.get_by_role("button", name="Publish the issue"))

    issue.refresh_from_db()
    assert issue.state == IssueState.PUBLISHED
    assert issue.published_at <= datetime.datetime.now(datetime.UTC)
    print(f"\nclicks to publish an issue: {journey.count}")
    assert journey.count <= 5
