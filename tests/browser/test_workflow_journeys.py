"""One manuscript through the demo journal in Chromium, each role taking its own
step from its dashboard: the author registers and submits, the section editor
screens it and invites a reviewer, the reviewer accepts from the dashboard and
reviews, the section editor asks for a revision, the author revises, the
section editor accepts, the production editor makes the galley, sends proofs
and schedules an issue, the author approves the proofs, and the manager
publishes the issue.

The steps hand the manuscript on to each other, so they are one test; each
step is a function named for its role and step, which a failure's traceback
names. Every page a step reaches is checked for what a person would notice (an
error page, a script error) and saved under test-output/screenshots/<role>-*.
The reviewer, the revising author, the production editor and the manager
switch the interface to Russian and work in it: their menus, headings,
buttons and labels must hold no English but names, titles without a Russian
version and format names. The submit and review steps count their clicks
(docs/roles.md).
"""

import re
from dataclasses import dataclass, field

import pytest
from django.core import mail

from demo import content
from demo.seed import demo_people_seed
from journal.models import Section, User
from publishing.models import Issue, IssueState
from reviews.models import AssignmentState, ReviewAssignment
from submissions.models import State, Submission
from tests.browser.conftest import DESKTOP, screenshot
from tests.factories import docx_bytes, pdf_bytes
from tests.reviews.factories import standard_form

AUTHOR_EMAIL = "saule.omarova@example.org"
AUTHOR_PASSWORD = "district-pilot-2026"
TITLE = "Merit pay in district administrations: a pilot in Almaty region"
# docs/roles.md, "Clicks from the dashboard".
CLICKS_TO_SUBMIT = 17
CLICKS_TO_REVIEW = 5


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    """The demo journal, its sections and its people; no manuscripts."""
    journal, _sections, _people = demo_people_seed()
    standard_form(journal)


@dataclass
class Story:
    """What the steps hand on to each other."""

    base: str
    clicks: dict[str, int] = field(default_factory=dict)

    @property
    def submission(self) -> Submission:
        return Submission.objects.get(title__en=TITLE)


@pytest.fixture
def story(demo, live_server):
    return Story(base=live_server.url)


def demo_email(key: str) -> str:
    return f"{key}@{content.EMAIL_DOMAIN}"


def demo_user(key: str) -> User:
    return User.objects.get(email=demo_email(key))


# --- a person at the browser --------------------------------------------------
class Person:
    """One role's browser: signs in, clicks, and checks every page it reaches.

    Clicks are counted (a choice in a list, a checkbox and choosing a file count
    as one click each; typing does not). Every page load is screenshotted as
    `<role>-NN-<what>.png`. A page that answers 4xx/5xx, or a script error,
    fails the step.
    """

    def __init__(self, browser, story: Story, role: str, locale: str = "en-GB"):
        self.context = browser.new_context(viewport=DESKTOP, locale=locale)
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.story, self.role = story, role
        self.clicks, self.shots = 0, 0
        self.problems: list[str] = []
        self.english_left: dict[str, list[str]] = {}
        self.page.on("pageerror", lambda exc: self.problems.append(f"script: {exc}"))
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(f"console: {m.text}")
                if m.type == "error"
                else None
            ),
        )
        self.page.on("response", self._response)

    def _response(self, response) -> None:
        request = response.request
        if request.resource_type == "document" and response.status >= 400:
            self.problems.append(f"{response.status} {response.url}")

    def close(self) -> None:
        self.context.close()

    # Navigation that is not counted: signing in, opening the dashboard.
    def goto(self, path: str, what: str) -> None:
        self.page.goto(self.story.base + path)
        self.seen(what)

    def sign_in(self, email: str, password: str = content.PASSWORD) -> None:
        self.page.goto(f"{self.story.base}/accounts/login/")
        self.page.fill("input[name='login']", email)
        self.page.fill("input[name='password']", password)
        with self.page.expect_navigation():
            self.page.press("input[name='password']", "Enter")
        assert "/accounts/login/" not in self.page.url, "sign-in failed"
        self.seen("dashboard")

    def seen(self, what: str) -> None:
        self.shots += 1
        screenshot(self.page, f"{self.role}-{self.shots:02d}-{what}", full_page=False)
        assert not self.problems, self.problems
        if self.page.locator("html").get_attribute("lang") == "ru":
            if left := english_in_chrome(self.page):
                self.english_left[f"{self.shots:02d}-{what}"] = left

    # What counts as a click.
    def click(self, locator, what: str) -> None:
        self.clicks += 1
        with self.page.expect_navigation():
            locator.click()
        self.seen(what)

    def click_label(self, locator) -> None:
        """A click that does not load a page (a radio button's label)."""
        self.clicks += 1
        locator.click()

    def attach_to(self, locator, path) -> None:
        self.clicks += 1
        locator.set_input_files(str(path))

    def choose(self, selector: str, value: str) -> None:
        self.clicks += 1
        self.page.select_option(selector, value=value)

    def tick(self, selector: str) -> None:
        self.clicks += 1
        self.page.check(selector)

    def attach(self, selector: str, path) -> None:
        self.clicks += 1
        self.page.set_input_files(selector, str(path))

    # Reading the page.
    def says(self, text: str) -> None:
        assert self.page.get_by_text(text).first.is_visible(), (
            f"{self.page.url} does not say {text!r}"
        )

    def next_step(self) -> str:
        """The submission page's "Next: …" line."""
        step = self.page.locator("[data-workflow-step]")
        assert step.is_visible(), f"{self.page.url} does not show the current step"
        return step.inner_text()


# What the interface shows around the content: menus, headings, buttons, labels.
CHROME = (
    "header a, nav a, h1, h2, h3, h4, h5, h6, button, label, legend, th, "
    ".breadcrumb-item, .btn, .badge, [data-workflow-step]"
)
# Content that has no Russian version here, names and format names: not the
# interface.
NOT_INTERFACE = (
    TITLE,
    content.JOURNAL["title"],
    content.JOURNAL["abbreviation"],
    content.JOURNAL["timezone"],
    "Saule",
    "Omarova",
    *(p[part] for p in content.STAFF for part in ("given_name", "family_name")),
    "Originality",
    "Methodological rigour",
    "Are the policy implications clear?",
    *"ORCID DOI ISSN PDF DOCX ODT JATS HTML XML Crossref Crossmark DOAJ OJS".split(),
    "English",
)


def english_in_chrome(page) -> list[str]:
    """Visible interface text with a Latin-script word left in it."""
    texts = page.eval_on_selector_all(
        CHROME,
        "els => els.filter(e => e.offsetParent !== null).map(e => e.innerText)",
    )
    left = []
    for text in texts:
        rest = text
        for allowed in NOT_INTERFACE:
            rest = rest.replace(allowed, "")
        rest = re.sub(r"[\w.-]+\.(docx|pdf)\b", "", rest)  # file names
        rest = re.sub(re.escape(TITLE[:20]) + r"[^…]*…", "", rest)  # shortened
        if re.search(r"[A-Za-z]{3,}", rest):
            left.append(" ".join(text.split()))
    return sorted(set(left))


@pytest.fixture
def person(browser, story):
    people = []

    def open_as(role: str, **kwargs) -> Person:
        who = Person(browser, story, role, **kwargs)
        people.append(who)
        return who

    yield open_as
    for who in people:
        who.close()


def button(page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def link(page, name: str):
    return page.get_by_role("link", name=name).first


# --- the steps ----------------------------------------------------------------
def author_registers_and_submits(author: Person, tmp_path) -> None:
    page, story = author.page, author.story
    author.goto("/accounts/signup/", "register")
    page.fill("input[name='email']", AUTHOR_EMAIL)
    page.fill("input[name='given_name']", "Saule")
    page.fill("input[name='family_name']", "Omarova")
    page.fill("input[name='password1']", AUTHOR_PASSWORD)
    page.fill("input[name='password2']", AUTHOR_PASSWORD)
    with page.expect_navigation():
        button(page, "Sign Up").click()
    author.seen("verify-email")
    (confirmation,) = [m for m in mail.outbox if m.to == [AUTHOR_EMAIL]]
    url = re.search(r"https?://\S+/accounts/confirm-email/\S+/", confirmation.body)
    page.goto(url.group(0).replace("http://testserver", story.base))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    author.sign_in(AUTHOR_EMAIL, AUTHOR_PASSWORD)

    manuscript = tmp_path / "merit-pay.docx"
    manuscript.write_bytes(docx_bytes(TITLE))
    section = Section.objects.get(slug="case-studies")
    author.click(link(page, "Submit to IJCSRP"), "start")
    author.choose("#id_section", str(section.pk))
    author.click(button(page, "Start the submission"), "metadata")
    page.fill("input[name='title_en']", TITLE)
    page.fill(
        "textarea[name='abstract_en']",
        "District administrations in Almaty region tried merit pay in 2025.",
    )
    page.fill("input[name='keywords_en']", "merit pay, local government")
    author.click(button(page, "Save and continue"), "authors")
    author.click(button(page, "Add me as an author"), "authors-added")
    author.click(link(page, "Continue to files"), "files")
    # The kind offered is the file still missing: the manuscript, then the
    # reviewers' copy (the section's review is double-anonymous).
    for kind in ("manuscript", "anonymised"):
        assert page.input_value("select[name='kind']") == kind
        author.attach("input[name='file']", manuscript)
        author.click(button(page, "Upload"), f"files-{kind}")
    author.click(link(page, "Continue"), "reviewers")
    author.click(link(page, "Continue"), "declarations")
    for box in ("original", "ethics", "licence"):
        author.tick(f"input[name='{box}']")
    page.fill("textarea[name='competing_interests']", "None")
    author.click(button(page, "Save and continue"), "review")
    author.says("Everything the journal needs is here")
    author.click(button(page, "Submit to the journal"), "submitted")

    author.says("Your submission has been sent")
    assert "editors" in author.next_step()
    assert story.submission.state == State.SUBMITTED
    story.clicks["submit"] = author.clicks


def section_editor_sends_to_review(editor: Person) -> None:
    page = editor.page
    editor.sign_in(demo_email("section-editor"))
    editor.click(link(page, "Open the editorial office"), "office")
    editor.click(link(page, TITLE), "manuscript")
    editor.next_step()
    editor.click(button(page, "Send to peer review"), "invite")
    reviewer = demo_user("reviewer")
    editor.choose("select[name=reviewer]", str(reviewer.pk))
    editor.click(button(page, "Send the invitation"), "invited")
    assert ReviewAssignment.objects.filter(reviewer=reviewer).exists()


def reviewer_reviews_in_russian(reviewer: Person) -> None:
    """The reviewer switches the interface to Russian on the dashboard and
    works in it; buttons are found by what they do, not by their English."""
    page = reviewer.page
    reviewer.sign_in(demo_email("reviewer"))
    with page.expect_navigation():
        page.select_option("#language-switcher", "ru")
    reviewer.seen("dashboard-ru")
    assert page.locator("html").get_attribute("lang") == "ru"
    card = page.locator("[data-card=review-queue]")
    assert card.locator("[data-pending-invitations]").is_visible()
    reviewer.click(card.locator("[data-invitation-actions] a"), "respond")
    page.fill("textarea[name='competing_interests']", "Нет")
    reviewer.click(page.locator("main .border-success button[type=submit]"), "review")
    criteria = page.locator(".criterion").all()
    for criterion in criteria:
        reviewer.click_label(criterion.locator("label").last)
    reviewer.choose("select[name='confidence']", "4")
    reviewer.choose("select[name='recommendation']", "minor-revision")
    page.fill("textarea[name='comments_to_author']", "Report the pay scales by grade.")
    reviewer.click(page.locator("button[formaction$='/submit/']"), "submitted")
    assignment = ReviewAssignment.objects.get(reviewer=demo_user("reviewer"))
    assert assignment.state == AssignmentState.SUBMITTED
    # The form's questions are the journal's; the rest is the way through.
    reviewer.story.clicks["review"] = reviewer.clicks - len(criteria)
    assert reviewer.english_left == {}, reviewer.english_left


def section_editor_decides(editor: Person, kind: str, label: str) -> None:
    page = editor.page
    editor.goto("/dashboard/", "dashboard")
    editor.click(link(page, "Open the editorial office"), "office")
    editor.click(link(page, TITLE), "manuscript")
    editor.next_step()
    editor.click(page.locator("[data-next-action]"), "review")
    # In double-anonymous review the reviewers' comments reach the author only
    # once the editor has approved what the author reads.
    approve = button(page, "Approve what the author reads")
    while approve.count():
        editor.click(approve.first, "comments-approved")
    editor.click(link(page, label), f"decide-{kind}")
    editor.click(button(page, "Record the decision and send the letter"), kind)


def author_revises_in_russian(author: Person, tmp_path) -> None:
    """The author switches to Russian, reads the decision and the review on the
    submission page and sends the revision; Russian stays with the account."""
    page = author.page
    revised = tmp_path / "merit-pay-revised.docx"
    revised.write_bytes(docx_bytes(TITLE + " (revised)"))
    author.sign_in(AUTHOR_EMAIL, AUTHOR_PASSWORD)
    with page.expect_navigation():
        page.select_option("#language-switcher", "ru")
    author.seen("dashboard-ru")
    author.click(page.locator("[data-card=my-submissions] a"), "mine")
    author.click(link(page, TITLE), "decision")
    author.says("Report the pay scales by grade.")
    author.click(page.locator("a[href$='/revise/']"), "revise")
    for kind in ("manuscript", "anonymised"):
        author.choose("select[name='kind']", kind)
        author.attach("input[name='file']", revised)
        author.click(
            page.locator("form[action$='/revise/upload/'] button[type=submit]"),
            f"revise-{kind}",
        )
    author.click(page.locator("form[action$='/resubmit/'] button"), "resubmitted")
    assert author.story.submission.state == State.RESUBMITTED


def production_editor_makes_proofs_in_russian(production: Person, tmp_path) -> None:
    page = production.page
    pdf = tmp_path / "merit-pay.pdf"
    pdf.write_bytes(pdf_bytes())
    production.sign_in(demo_email("production"))
    with page.expect_navigation():
        page.select_option("#language-switcher", "ru")
    production.seen("dashboard-ru")
    production.click(page.locator("[data-card=production] a"), "production")
    production.click(link(page, TITLE), "manuscript")
    production.click(page.locator("form[action$='/start/'] button"), "started")
    typeset = page.locator("form[action$='/typeset-pdf/']")
    production.attach_to(typeset.locator("input[type=file]"), pdf)
    production.click(typeset.locator("button"), "galley")
    production.click(page.locator("form[action$='/send-proofs/'] button"), "sent")


def author_approves_proofs_in_russian(author: Person) -> None:
    page = author.page
    author.goto("/dashboard/", "dashboard")
    author.click(page.locator("[data-card=my-submissions] a"), "mine")
    author.click(link(page, TITLE), "in-production")
    author.click(page.locator("main a[href$='/proofs/']"), "proofs")
    author.click(page.locator("form[action$='/proofs/approve/'] button"), "approved")
    assert author.story.submission.state == State.READY_FOR_PUBLICATION
    assert author.english_left == {}, author.english_left


def production_editor_schedules_an_issue_in_russian(production: Person) -> None:
    page = production.page
    production.goto("/dashboard/", "dashboard")
    production.click(page.locator("[data-card=production] a"), "production")
    production.click(page.locator("nav a[href$='/editorial/issues/']"), "issues")
    production.click(page.locator("a[href$='/issues/new/']"), "new-issue")
    page.fill("input[name='number']", "1")
    page.fill("input[name='year']", "2027")
    production.click(page.locator("main form button[type=submit]"), "issue")
    production.click(page.locator("form[action$='/assign/'] button"), "assigned")
    page.fill("input[name='when']", "2027-01-15T09:00")
    production.click(page.locator("form[action$='/schedule/'] button"), "scheduled")
    issue = Issue.objects.get(year=2027)
    assert issue.state == IssueState.SCHEDULED
    production.says("15 января 2027, 09:00 (Asia/Almaty)")
    assert production.english_left == {}, production.english_left


def manager_sets_up_and_publishes_in_russian(manager: Person) -> None:
    page = manager.page
    manager.sign_in(demo_email("manager"))
    with page.expect_navigation():
        page.select_option("#language-switcher", "ru")
    manager.seen("dashboard-ru")
    manager.click(page.locator("[data-card=editorial-office] a"), "office")
    manager.click(page.locator("nav a[href$='/editorial/issues/']"), "issues")
    manager.click(page.locator("a[href$='/publishing-settings/']"), "settings")
    page.fill("input[name='depositor_name']", "Astana Civil Service Hub")
    manager.click(page.locator("main form button[type=submit]"), "settings-saved")
    issue = Issue.objects.get(year=2027)
    manager.click(page.locator("nav a[href$='/editorial/issues/']"), "issues")
    manager.click(page.locator(f"main a[href$='/issues/{issue.pk}/']"), "issue")
    manager.click(page.locator("main a[href$='/publish/']"), "confirm")
    manager.click(page.locator("main form button[type=submit]"), "published")
    issue.refresh_from_db()
    assert issue.state == IssueState.PUBLISHED
    manager.goto(f"/j/{content.JOURNAL['slug']}/", "journal-home")
    manager.says(TITLE)
    assert manager.english_left == {}, manager.english_left


def test_a_manuscript_from_registration_to_publication(person, story, tmp_path):
    author_registers_and_submits(person("author"), tmp_path)
    editor = person("section-editor")
    section_editor_sends_to_review(editor)
    reviewer_reviews_in_russian(person("reviewer", locale="ru-RU"))
    section_editor_decides(editor, "minor-revision", "Minor revision")
    author = person("author-revising", locale="ru-RU")
    author_revises_in_russian(author, tmp_path)
    section_editor_decides(editor, "accept", "Accept")
    assert story.submission.state == State.ACCEPTED
    production = person("production-editor", locale="ru-RU")
    production_editor_makes_proofs_in_russian(production, tmp_path)
    author_approves_proofs_in_russian(author)
    production_editor_schedules_an_issue_in_russian(production)
    manager_sets_up_and_publishes_in_russian(person("manager", locale="ru-RU"))

    print(f"\nclicks to submit a manuscript: {story.clicks['submit']}")
    print(f"clicks to write a review: {story.clicks['review']}")
    assert story.clicks["submit"] <= CLICKS_TO_SUBMIT
    assert story.clicks["review"] <= CLICKS_TO_REVIEW
