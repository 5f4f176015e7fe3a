"""An author submits a manuscript in Chromium, from the start page to "My submissions"."""

import pytest

from journal.models import Role
from submissions.models import State, Submission
from tests.browser.conftest import login, screenshot
from tests.factories import (
    RoleFactory,
    SectionFactory,
    SubmissionFactory,
    UserFactory,
    docx_bytes,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def section():
    return SectionFactory(
        title="Research Articles",
        policy="Empirical studies of civil service reform, up to 8,000 words.",
        journal__title="International Journal of Civil Service Reform and Practice",
        journal__abbreviation="IJCSRP",
        journal__author_guidelines="Use British English. Anonymise the manuscript.",
    )


def test_author_goes_through_the_wizard_and_sees_the_submission(
    page, live_server, section, tmp_path
):
    author = UserFactory(given_name="Aigerim", family_name="Sadykova")
    manuscript = tmp_path / "merit-recruitment.docx"
    manuscript.write_bytes(docx_bytes("Merit-based recruitment in Central Asia"))
    login(page, live_server, author)

    page.goto(f"{live_server.url}/j/{section.journal.slug}/submit/")
    assert page.get_by_text("Use British English.").is_visible()
    page.select_option("#id_section", str(section.pk))
    page.select_option("#id_language", "en")  # not the site's language switcher
    screenshot(page, "wizard-0-start")
    page.get_by_role("button", name="Start the submission").click()

    page.wait_for_url("**/edit/metadata/")
    page.fill("input[name='title_en']", "Merit-based recruitment in Central Asia")
    page.fill(
        "textarea[name='abstract_en']",
        "We compare recruitment reforms in five countries.",
    )
    page.fill("input[name='keywords_en']", "merit, recruitment, civil service")
    page.fill("input[name='title_ru']", "Меритократический найм в Центральной Азии")
    screenshot(page, "wizard-1-metadata")
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url("**/edit/authors/")
    page.get_by_role("button", name="Add me as an author").click()
    page.wait_for_url("**/edit/authors/")
    page.fill("input[name='given_name']", "Timur")
    page.fill("input[name='family_name']", "Akhmetov")
    page.fill("input[name='email']", "timur@example.org")
    page.fill("input[name='affiliation']", "Academy of Public Administration")
    page.get_by_role("button", name="Add author").click()
    page.wait_for_url("**/edit/authors/")
    assert page.get_by_text("Timur Akhmetov").is_visible()
    screenshot(page, "wizard-2-authors")
    page.get_by_role("link", name="Continue to files").click()

    page.wait_for_url("**/edit/files/")
    page.select_option("select[name='kind']", "manuscript")
    page.set_input_files("input[name='file']", str(manuscript))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url("**/edit/files/")
    assert page.get_by_role("link", name="merit-recruitment.docx").is_visible()
    # The section's review is double-anonymous: the reviewers' copy goes too.
    page.select_option("select[name='kind']", "anonymised")
    page.set_input_files("input[name='file']", str(manuscript))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url("**/edit/files/")
    screenshot(page, "wizard-3-files")

    page.goto(
        f"{live_server.url}/submissions/{Submission.objects.get().pk}/edit/declarations/"
    )
    page.check("input[name='original']")
    page.check("input[name='ethics']")
    page.check("input[name='licence']")
    page.fill("textarea[name='competing_interests']", "None")
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url("**/edit/review/")
    assert page.get_by_text("Everything the journal needs is here").is_visible()
    screenshot(page, "wizard-6-review")
    page.get_by_role("button", name="Submit to the journal").click()

    page.wait_for_url("**/submissions/*/")
    assert page.get_by_text("Your submission has been sent").is_visible()
    assert Submission.objects.get().state == State.SUBMITTED

    page.goto(f"{live_server.url}/submissions/")
    row = page.locator(
        ".list-group-item", has_text="Merit-based recruitment in Central Asia"
    )
    assert row.get_by_text("Submitted", exact=True).is_visible()
    screenshot(page, "my-submissions")


def test_pages_work_on_a_phone(phone_page, live_server, section):
    submission = SubmissionFactory(
        journal=section.journal, section=section, state=State.SUBMITTED
    )
    SubmissionFactory(
        journal=section.journal, section=section, submitter=submission.submitter
    )
    editor = RoleFactory(journal=section.journal, role=Role.EDITOR).user

    login(phone_page, live_server, submission.submitter)
    phone_page.goto(f"{live_server.url}/submissions/")
    screenshot(phone_page, "phone-my-submissions")
    draft = Submission.objects.get(state=State.DRAFT)
    phone_page.goto(f"{live_server.url}/submissions/{draft.pk}/edit/authors/")
    screenshot(phone_page, "phone-wizard-authors")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the page scrolls sideways on a phone"

    phone_page.context.clear_cookies()
    login(phone_page, live_server, editor)
    phone_page.goto(f"{live_server.url}/j/{section.journal.slug}/editorial/")
    assert phone_page.get_by_role("heading", name="New submissions").is_visible()
    screenshot(phone_page, "phone-editor-dashboard")


def test_editor_dashboard_on_a_desktop(page, live_server, section):
    for _ in range(3):
        SubmissionFactory(
            journal=section.journal, section=section, state=State.SUBMITTED
        )
    SubmissionFactory(
        journal=section.journal, section=section, state=State.UNDER_REVIEW
    )
    editor = RoleFactory(journal=section.journal, role=Role.EDITOR).user
    login(page, live_server, editor)
    page.goto(f"{live_server.url}/j/{section.journal.slug}/editorial/")
    assert page.locator("table tbody tr").count() == 4
    screenshot(page, "editor-dashboard")
    page.locator("table tbody tr a").first.click()
    page.wait_for_url("**/editorial/submissions/*/")
    screenshot(page, "editor-submission")
