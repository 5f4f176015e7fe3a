"""The language switcher in the top bar stays wide enough to read on a desktop
screen, however long the editorial office's menu makes the bar."""

import pytest

from journal.models import Role
from tests.browser.conftest import DESKTOP, login, screenshot
from tests.factories import JournalFactory, RoleFactory, UserFactory
from tests.reviews.factories import anonymous_submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The switcher's width against the width a copy of it takes alone on the page.
# A <select> reports scrollWidth == clientWidth however its text is clipped, so
# the comparison with its natural width is what tells a squeezed one.
SWITCHER_FIT = """() => {
  const select = document.getElementById("language-switcher");
  const copy = select.cloneNode(true);
  copy.removeAttribute("id");
  copy.style.cssText = "position:absolute; left:0; top:0; width:auto; visibility:hidden";
  copy.selectedIndex = select.selectedIndex;
  document.body.appendChild(copy);
  const natural = copy.getBoundingClientRect().width;
  copy.remove();
  return {
    width: select.getBoundingClientRect().width,
    natural: natural,
    text: select.options[select.selectedIndex].text,
  };
}"""


@pytest.fixture
def editorial_office():
    journal = JournalFactory(
        title="International Journal of Civil Service Reform and Practice",
        abbreviation="IJCSRP",
    )
    editor = UserFactory(given_name="Gulnara", family_name="Ismailova")
    RoleFactory(journal=journal, user=editor, role=Role.EDITOR)
    submission, _other_editor = anonymous_submission(journal=journal)
    slug = journal.slug
    return editor, {
        "editorial-office": f"/j/{slug}/editorial/",
        "peer-review": f"/editorial/submissions/{submission.pk}/review/",
        "issues": f"/j/{slug}/editorial/issues/",
        "usage-statistics": f"/j/{slug}/editorial/statistics/",
    }


@pytest.mark.parametrize("language", ["en", "ru"])
def test_language_switcher_is_not_squeezed_by_the_editors_menu(
    page, live_server, editorial_office, language
):
    editor, pages = editorial_office
    login(page, live_server, editor)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    problems = []
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, f"{name}: {path} answered {response.status}"
        screenshot(page, f"switcher-{language}-{name}", full_page=False)
        fit = page.evaluate(SWITCHER_FIT)
        if fit["width"] < fit["natural"]:
            problems.append(f"{name}: the switcher is squeezed: {fit}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > DESKTOP["width"]:
            problems.append(f"{name}: the page scrolls sideways ({width}px)")
    assert not problems, "\n".join(problems)
