"""Every demo role signs in and follows every link on its dashboard and in its
menus, and one level further inside the staff area: no link leads to a 404 or
a 500. A link a role may not use is not shown (the menus ask the same rules the
pages check), so a dead end here is a bug in one or the other."""

import io
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from demo import content
from journal.models import User

pytestmark = pytest.mark.django_db

# Where staff work; links found on these pages are followed one level further.
STAFF_AREA = ("/editorial/", "/production/", "/reviews/", "/submissions/")
# Not pages: signing out, switching language, files, feeds, the admin site.
SKIP = ("/accounts/logout", "/i18n/", "/media/", "/static/", "/admin/", "/oai")
LOGINS = {
    "manager": f"manager@{content.EMAIL_DOMAIN}",
    "editor": f"editor@{content.EMAIL_DOMAIN}",
    "section editor": f"section-editor@{content.EMAIL_DOMAIN}",
    "production editor": f"production@{content.EMAIL_DOMAIN}",
    "reviewer": f"reviewer@{content.EMAIL_DOMAIN}",
    "author": f"author@{content.EMAIL_DOMAIN}",
}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_on(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        href = urldefrag(href).url
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue  # other sites, mailto:, fragments
        if href.startswith(SKIP) or "/download" in href or "/galleys/" in href:
            continue
        found.append(href)
    return found


def in_staff_area(path: str) -> bool:
    return any(part in path for part in STAFF_AREA)


def walk(client: Client) -> dict[str, int]:
    """Status of every page reachable from the dashboard as described above."""
    seen: dict[str, int] = {}

    def visit(path: str) -> str:
        response = client.get(path)
        seen[path] = response.status_code
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            return ""
        return response.content.decode()

    first = links_on(visit("/dashboard/"))
    for path in dict.fromkeys(first):
        if path in seen:
            continue
        html = visit(path)
        if not in_staff_area(path):
            continue
        for deeper in links_on(html):
            if deeper not in seen and in_staff_area(deeper):
                visit(deeper)
    return seen


@pytest.fixture
def demo():
    call_command("seed_demo", complete=False, stdout=io.StringIO())


def test_no_role_reaches_a_404_or_500_from_its_dashboard(demo):
    broken = {}
    walked = {}
    for role, email in LOGINS.items():
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(email=email))
        seen = walk(client)
        walked[role] = len(seen)
        broken.update(
            {
                f"{role}: {path}": status
                for path, status in seen.items()
                if status in (404, 500)
            }
        )
    assert not broken, broken
    # The walk reached real work, not just the dashboard.
    assert all(count > 3 for count in walked.values()), walked
    assert walked["editor"] > walked["author"]
