"""A journal manager imports an OJS export in Chromium: upload, read the dry
run, confirm, see the result."""

import pytest

from journal.models import Role
from publishing.models import Article
from tests.browser.conftest import login, screenshot
from tests.factories import JournalFactory, RoleFactory, UserFactory
from tests.ojs.native_builder import issues_xml, sample_journal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_uploads_an_ojs_export_and_imports_it(page, live_server, tmp_path):
    journal = JournalFactory(slug="pa", languages=["en", "ru"])
    manager = UserFactory(given_name="Dana")
    RoleFactory(journal=journal, user=manager, role=Role.MANAGER)
    export = tmp_path / "issues.xml"
    export.write_bytes(issues_xml("3.4", sample_journal("3.4")))
    login(page, live_server, manager)

    page.goto(f"{live_server.url}/j/pa/editorial/settings/ojs-import/")
    page.set_input_files("#id_issues_file", str(export))
    page.fill("#id_ojs_path", "pubadmin")
    # Without a broker the check and the import run inside the request.
    with page.expect_navigation(timeout=120_000):
        page.get_by_role("button", name="Upload and check").click(no_wait_after=True)

    page.wait_for_selector("#import-report")
    assert page.get_by_role("heading", name="What the import would do").is_visible()
    articles = page.locator("#import-report tr", has_text="Articles")
    assert articles.locator("td").first.inner_text() == "5"
    assert not Article.objects.exists()
    screenshot(page, "ojs-import-dry-run")

    with page.expect_navigation(timeout=120_000):
        page.get_by_role("button", name="Import now").click(no_wait_after=True)
    page.get_by_role("heading", name="What was imported").wait_for()
    assert page.locator("#import-status").inner_text() == "Done"
    assert Article.objects.filter(journal=journal).count() == 5
    assert (
        page.evaluate(
            "fetch('/index.php/pubadmin/issue/archive', "
            "{redirect: 'manual'}).then(r => r.type)"
        )
        == "opaqueredirect"
    )
