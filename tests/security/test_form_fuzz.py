"""No form gives a 500: hostile values posted to every form the main roles
use (registration, sign-in, the submission wizard, the review form, the
editor's decision and invitation, settings, issues and volumes) get the form
again with its errors, a redirect, 400, 403 or 429 (sign-in throttling), and
a refused form leaves the database as it was.

Each form is read from its page, as a browser would, and posted back with its
own values except for hostile ones: each field in turn, then every field at
once, then nothing at all. Values are sent as raw bytes, so invalid UTF-8
(an encoded surrogate) reaches the server too.
"""

import sys
from urllib.parse import urlencode, urljoin

import pytest
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from journal.models import Journal, User
from publishing.models import Issue, JournalPublishingSettings, Volume
from reviews.models import AssignmentState, Decision, ReviewAssignment
from submissions.models import Contributor, State, Submission
from tests.factories import SectionFactory, SubmissionFactory, UserFactory, editor_of
from tests.publishing.factories import IssueFactory
from tests.reviews.factories import AssignmentFactory, ReviewFactory, standard_form

pytestmark = pytest.mark.django_db

HOSTILE: list[tuple[str, bytes]] = [
    ("huge", b"x" * 100_000),
    ("nul", b"a\x00b"),
    ("surrogate", "\ud800".encode("utf-8", "surrogatepass")),
    ("invalid utf-8", b"\xff\xfe\xc3"),
    ("script", b"<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"),
    ("negative", b"-1"),
    ("huge number", b"99999999999999999999999999"),
    ("float", b"1e309"),
    ("bad date", b"2026-02-30"),
    ("far date", b"99999-12-31T25:61"),
    ("control", "\u202e\r\nX-Injected: 1\t\x07".encode()),
    ("mixed scripts", "Кириллица 中文 عربى ქართული 𝔘".encode()),
    ("empty", b""),
]
ALLOWED = {200, 302, 400, 403, 429}
# Forms that sign out, switch language or delete are left alone: they take no
# typed input, and running them would end the session the sweep needs.
SKIPPED_ACTIONS = ("logout", "setlang", "/delete", "/withdraw", "/cancel", "/remove")


def _forms(client, url) -> list[tuple[str, list[tuple[str, bytes]]]]:
    """The POST forms of the page at `url`: (action, its own field values)."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    document = lxml_html.document_fromstring(page.content)
    forms = []
    for form in document.xpath("//form[translate(@method,'POST','post')='post']"):
        action = urljoin(url, form.get("action") or url)
        if any(skip in action for skip in SKIPPED_ACTIONS):
            continue
        fields = []
        for element in form.xpath(".//input|.//select|.//textarea|.//button"):
            name = element.get("name")
            if not name or name == "csrfmiddlewaretoken":
                continue
            kind = (element.get("type") or "").lower()
            if element.tag == "input" and kind == "radio":
                # The checked choice, else the first: every group is answered.
                if any(n == name for n, _v in fields):
                    if element.get("checked") is None:
                        continue
                    fields = [(n, v) for n, v in fields if n != name]
            if element.tag == "input" and kind == "file":
                continue
            if element.tag == "select":
                chosen = element.xpath(".//option[@selected]") or element.xpath(
                    ".//option[@value!='']"
                )
                value = chosen[0].get("value", "") if chosen else ""
            elif element.tag == "textarea":
                value = element.text or ""
            elif kind == "checkbox":
                value = element.get("value") or "on"  # ticked, as a careful author
            else:
                value = element.get("value") or ""
            fields.append((name, value.encode()))
        forms.append((action, fields))
    return forms


def _tables(models) -> list:
    return [list(m.objects.order_by("pk").values()) for m in models]


def _post(client, action, pairs):
    body = urlencode(pairs).encode("ascii")
    return client.post(
        action, data=body, content_type="application/x-www-form-urlencoded"
    )


def _sweep(client, url, models) -> list[str]:
    failures = []
    errors = []

    def record(sender, request, **kwargs):
        errors.append(repr(sys.exc_info()[1])[:300])

    got_request_exception.connect(record)
    client.raise_request_exception = False
    forms = _forms(client, url)
    assert any(fields for _action, fields in forms), f"{url}: no form to try"
    try:
        for action, fields in forms:
            names = list(dict.fromkeys(name for name, _value in fields))
            attempts = []
            for i, name in enumerate(names):
                for label, value in (HOSTILE[i % len(HOSTILE)], ("array", None)):
                    if value is None:  # a list where one value is expected
                        pairs = fields + [(name, b"1"), (name, b"2")]
                    else:
                        pairs = [(n, value if n == name else v) for n, v in fields]
                    attempts.append((f"{name}={label}", pairs))
            for label, value in HOSTILE:
                attempts.append((f"all={label}", [(n, value) for n in names]))
            attempts.append(("nothing", []))
            for label, pairs in attempts:
                before = _tables(models)
                errors.clear()
                response = _post(client, action, pairs)
                where = f"{action} {label}"
                if response.status_code not in ALLOWED:
                    failures.append(f"{where}: {response.status_code} {errors}")
                elif response.status_code != 302 and _tables(models) != before:
                    failures.append(f"{where}: refused but saved")
    finally:
        got_request_exception.disconnect(record)
    return failures


def test_registration_and_sign_in():
    UserFactory(email="known@example.org")
    reader = Client()
    failures = _sweep(reader, reverse("account_signup"), [User])
    failures += _sweep(reader, reverse("account_login"), [User])
    assert not failures, "\n".join(failures)


def test_submission_wizard():
    section = SectionFactory()
    author = UserFactory(orcid="0000-0002-1825-0097")
    client = Client()
    client.force_login(author)
    draft = SubmissionFactory(
        journal=section.journal, section=section, submitter=author, state=State.DRAFT
    )
    models = [Submission, Contributor]
    failures = _sweep(
        client, reverse("submissions:start", args=[section.journal.slug]), models
    )
    for step in ("metadata", "authors", "reviewers", "declarations"):
        url = reverse("submissions:step", args=[draft.pk, step])
        failures += _sweep(client, url, models)
    assert not failures, "\n".join(failures)


def test_review_form():
    assignment = AssignmentFactory(state=AssignmentState.ACCEPTED)
    standard_form(assignment.submission.journal)
    client = Client()
    client.force_login(assignment.reviewer)
    failures = _sweep(
        client, reverse("reviews:review", args=[assignment.pk]), [ReviewAssignment]
    )
    assert not failures, "\n".join(failures)


def test_editor_decision_invitation_and_submission_page():
    submission = ReviewFactory().assignment.submission
    Submission.objects.filter(pk=submission.pk).update(state=State.UNDER_REVIEW)
    editor = editor_of(submission.journal)
    client = Client()
    client.force_login(editor)
    models = [Submission, Decision, ReviewAssignment]
    failures = _sweep(client, reverse("reviews:manage", args=[submission.pk]), models)
    failures += _sweep(
        client, reverse("submissions:editor_detail", args=[submission.pk]), models
    )
    failures += _sweep(
        client, reverse("reviews:decide", args=[submission.pk, "reject"]), models
    )
    assert not failures, "\n".join(failures)


def test_settings_issues_and_volumes():
    issue = IssueFactory()
    journal = issue.journal
    manager = editor_of(journal, role="manager")
    editor_of(journal, user=manager)
    client = Client()
    client.force_login(manager)
    models = [Journal, Issue, Volume, JournalPublishingSettings, User]
    slug = journal.slug
    urls = [
        reverse("journal:profile"),
        reverse("journal:security", args=[slug]),
        reverse("publishing:editor_publishing_settings", args=[slug]),
        reverse("publishing:editor_issue_new", args=[slug]),
        reverse("publishing:editor_issue_edit", args=[slug, issue.pk]),
        reverse("publishing:editor_issue", args=[slug, issue.pk]),
        reverse("publishing:editor_volume_new", args=[slug]),
    ]
    failures = []
    for url in urls:
        failures += _sweep(client, url, models)
    assert not failures, "\n".join(failures)
