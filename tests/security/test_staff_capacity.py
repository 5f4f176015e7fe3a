"""During a storm, anonymous requests take only their share of a web process:
with that share taken, readers get a quick 503 while editors and the sign-in
page are still served."""

import pytest
from django.test import Client
from django.urls import reverse

from journal.staff_capacity import anonymous_slots
from tests.factories import JournalFactory, editor_of
from tests.publishing.factories import published_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def share(settings):
    settings.ANONYMOUS_CONCURRENCY = 2
    slots = anonymous_slots()
    yield slots


def _take_all(slots):
    taken = 0
    while slots.acquire(blocking=False):
        taken += 1
    return taken


def test_with_the_anonymous_share_taken_an_editor_is_still_served(share):
    journal = JournalFactory()
    editor = Client()
    editor.force_login(editor_of(journal))
    reader = Client()
    home = reverse("publishing:journal_home", args=[journal.slug])

    taken = _take_all(share)  # a storm's requests in flight
    try:
        refused = reader.get(home)
        staff_page = editor.get(
            reverse("publishing:editor_issues", args=[journal.slug])
        )
        public_for_editor = editor.get(home)
        sign_in_page = reader.get(reverse("account_login"))
        fake_session = Client()
        fake_session.cookies["sessionid"] = "made-up"
        pretender = fake_session.get(home)
    finally:
        for _ in range(taken):
            share.release()

    assert taken == 2
    assert refused.status_code == 503 and refused["Retry-After"] == "2"
    assert staff_page.status_code == 200
    assert public_for_editor.status_code == 200
    assert sign_in_page.status_code == 200
    assert pretender.status_code == 503
    assert reader.get(home).status_code == 200


def test_each_anonymous_request_gives_its_slot_back(share):
    issue, (article,) = published_issue(articles=1)
    reader = Client()
    urls = [
        reverse("publishing:issue", args=[issue.journal.slug, issue.pk]),
        reverse("publishing:article", args=[article.pk]),
        "/no-such-page/",
    ]
    for _ in range(3):
        for url in urls:
            assert reader.get(url).status_code in (200, 404)

    assert _take_all(share) == 2
