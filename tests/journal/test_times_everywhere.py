"""Every template and email that shows a date or a time, rendered for a journal
in Asia/Almaty (UTC+5) with every stored time a little after 19:00 UTC on
4 April 2026. In Almaty that is just after midnight on 5 April, so a UTC date
("4 April") or a UTC time ("19:15") anywhere on a page or in an email is caught,
and so is a time of day shown without the zone's name.

The templates are found by scanning templates/ for date filters and time
fields; the test fails when one of them is reached by none of the pages here,
so a template that starts showing a time has to be added. Emails are all
rendered, each with every object of the walk in its context.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.db import models
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse

from journal.emails import email_render
from journal.models import ReviewMethod, Role
from ojs.models import OjsImport
from production.jats.data import article_data
from production.models import (
    MessageKind,
    ProductionMessage,
    ReferenceCorrection,
    RenderJob,
)
from production.services import galley_store
from publishing.models import ArticleVersion, GalleyKind, IssueState
from reviews.models import AssignmentState, Decision, DecisionKind
from reviews.tokens import invitation_token
from submissions.models import FileKind, OutboxEmail, State, SubmissionEvent
from tests.factories import (
    CallFactory,
    JournalFactory,
    RoleFactory,
    SubmissionFactory,
    SubmissionFileFactory,
    UserFactory,
    editor_of,
    pdf_bytes,
)
from tests.production.factories import ArticleFactory
from tests.publishing.factories import IssueFactory, published_issue
from tests.reviews.factories import AssignmentFactory, ReviewFactory, RoundFactory

pytestmark = pytest.mark.django_db

ZONE = "Asia/Almaty"
NOW = dt.datetime(2026, 4, 4, 19, 30, tzinfo=dt.UTC)  # 00:30, 5 April, in Almaty
PAST = dt.datetime(2026, 4, 4, 19, 15, tzinfo=dt.UTC)  # 00:15
FUTURE = dt.datetime(2026, 4, 4, 19, 45, tzinfo=dt.UTC)  # 00:45
LOCAL_DAY = "5 April 2026"
UTC_DAY = "4 April 2026"
LOCAL_TIMES = ("00:15", "00:30", "00:45")

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# A date filter, or a field that holds a time printed as it is.
SHOWS_TIME = re.compile(
    r"\|\s*(jdate|jdatetime|date|time|timesince|timeuntil|naturaltime)\b"
    r"|\{\{\s*[\w.]*?(_at|deadline|due|due_local|_date)\s*(\||\}\})"
)
# Shown elsewhere than a page or an email; the test that covers each.
NOT_HERE = {
    # The PDF galley: its dates come from the JATS front matter, whose dates
    # are the journal's days (checked below with article_data).
    "production/render/article_pdf.html",
}


# Times shown as spans ("waiting for 3 days") or months only.
NO_DAY = {"reviews/editor_queues.html", "metrics/usage.html"}


def templates_showing_time() -> set[str]:
    found = set()
    for path in TEMPLATES.rglob("*"):
        if path.is_file() and SHOWS_TIME.search(path.read_text(errors="ignore")):
            found.add(str(path.relative_to(TEMPLATES)))
    return found - NOT_HERE


def clock_everything_to(past, future) -> None:
    """Every stored time becomes `past` (deadlines and due times `future`), and
    every stored day the journal's day of them, whatever the factories chose."""
    later = {"deadline", "due_at", "scheduled_for", "expires_at"}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField):
                value = future if field.name in later else past
            elif isinstance(field, models.DateField):
                value = dt.date(2026, 4, 5)
            else:
                continue
            model._default_manager.filter(**{f"{field.name}__isnull": False}).update(
                **{field.name: value}
            )


@pytest.fixture
def walk(time_machine, django_capture_on_commit_callbacks):
    """A journal with a manuscript at every step, as its people see it."""
    time_machine.move_to(NOW, tick=False)
    journal = JournalFactory(
        slug="ijcsr", timezone=ZONE, review_method=ReviewMethod.DOUBLE_ANONYMOUS
    )
    editor = editor_of(journal)
    manager = editor_of(journal, role=Role.MANAGER)
    production = RoleFactory(journal=journal, role=Role.PRODUCTION_EDITOR).user
    author = UserFactory()
    reviewer = RoleFactory(journal=journal, role=Role.REVIEWER).user
    CallFactory(journal=journal, deadline=FUTURE, title="Remote work")

    draft = SubmissionFactory(journal=journal, submitter=author)
    reviewing = SubmissionFactory(
        journal=journal, submitter=author, state=State.UNDER_REVIEW
    )
    SubmissionFileFactory(submission=reviewing, kind=FileKind.ANONYMISED)
    SubmissionEvent.objects.create(
        submission=reviewing,
        transition="submit",
        from_state=State.DRAFT,
        to_state=State.SUBMITTED,
    )
    OutboxEmail.objects.create(
        submission=reviewing,
        journal=journal,
        key="submission_received",
        to_email=author.email,
        subject="Received",
        body_text="Thank you.",
    )
    review_round = RoundFactory(submission=reviewing)
    invited = AssignmentFactory(round=review_round, reviewer=reviewer)
    writer = RoleFactory(journal=journal, role=Role.REVIEWER).user
    writing = AssignmentFactory(
        round=review_round, reviewer=writer, state=AssignmentState.ACCEPTED
    )
    ReviewFactory(assignment__round=review_round)

    revising = SubmissionFactory(
        journal=journal, submitter=author, state=State.REVISIONS_REQUESTED
    )
    earlier = RoundFactory(submission=revising)
    Decision.objects.create(
        submission=revising,
        round=earlier,
        number=1,
        editor=editor,
        kind=DecisionKind.MINOR_REVISION,
        letter_subject="Minor revision",
        letter_body="Please revise.",
    )

    article = ArticleFactory(
        submission__journal=journal,
        submission__submitter=author,
        production_editor=production,
    )
    galley_store(
        article=article,
        kind=GalleyKind.PDF,
        content=pdf_bytes(),
        extension="pdf",
        content_type="application/pdf",
    )
    RenderJob.objects.create(article=article, requested_by=production)
    # A production editor's correction, listed with its day.
    ReferenceCorrection.objects.create(
        article=article,
        position=1,
        text=article.submission.references.splitlines()[0],
        fields={"year": "1922"},
        corrected_by=production,
    )
    ProductionMessage.objects.create(
        article=article, sender=author, kind=MessageKind.NOTE, body="Table 2."
    )

    issue, (published, _other) = published_issue(journal)
    # A correction, listed with its day on the journal's update policy page.
    published.version = 2
    published.save(update_fields=["version"])
    ArticleVersion.objects.create(article=published, number=1, reason="Table 2.")
    scheduled = IssueFactory(
        journal=journal, state=IssueState.SCHEDULED, scheduled_for=FUTURE
    )
    late = AssignmentFactory(
        round=review_round,
        reviewer=RoleFactory(journal=journal, role=Role.REVIEWER).user,
        state=AssignmentState.ACCEPTED,
    )
    ojs_import = OjsImport.objects.create(
        journal=journal, ojs_path="old", created_by=manager
    )
    with django_capture_on_commit_callbacks(execute=True):
        pass
    clock_everything_to(PAST, FUTURE)
    for stored in (reviewing, writing, article, scheduled, ojs_import, published):
        stored.refresh_from_db()
    type(late).objects.filter(pk=late.pk).update(due_at=PAST)  # overdue

    slug = journal.slug
    return {
        "journal": journal,
        "objects": {
            "submission": reviewing,
            "assignment": writing,
            "article": article,
            "issue": scheduled,
            "recipient": author,
            "job": ojs_import,
            "token": invitation_token(invited),
        },
        "published": published,
        "pages": [
            (author, reverse("journal:dashboard")),
            (author, reverse("submissions:mine")),
            (author, reverse("submissions:step", args=[draft.pk, "metadata"])),
            (author, reverse("submissions:detail", args=[revising.pk])),
            (author, reverse("reviews:revise", args=[revising.pk])),
            (author, reverse("production:proofs", args=[article.submission_id])),
            (reviewer, reverse("reviews:queue")),
            (reviewer, reverse("reviews:respond", args=[invited.pk])),
            (writer, reverse("reviews:queue")),
            (writer, reverse("reviews:review", args=[writing.pk])),
            (None, reverse("reviews:invitation", args=[invitation_token(invited)])),
            (editor, reverse("submissions:editor_dashboard", args=[slug])),
            (editor, reverse("submissions:editor_detail", args=[reviewing.pk])),
            (editor, reverse("reviews:manage", args=[reviewing.pk])),
            (editor, reverse("reviews:manage", args=[revising.pk])),
            (editor, reverse("reviews_extra:anonymity_check", args=[reviewing.pk])),
            (editor, reverse("reviews_extra:editor_queues", args=[slug])),
            (editor, reverse("stats:reports", args=[slug])),
            (editor, reverse("stats:usage", args=[slug])),
            (production, reverse("production:detail", args=[article.submission_id])),
            (editor, reverse("publishing:editor_issues", args=[slug])),
            (editor, reverse("publishing:editor_issue", args=[slug, scheduled.pk])),
            (editor, reverse("publishing:editor_issue", args=[slug, issue.pk])),
            (manager, reverse("ojs:import_start", args=[slug])),
            (manager, reverse("journal:calls", args=[slug])),
            (
                production,
                reverse("production:references", args=[article.submission_id]),
            ),
            (None, reverse("publishing:update_policy", args=[slug])),
            (None, reverse("publishing:journal_home", args=[slug])),
            (None, reverse("publishing:issue", args=[slug, issue.pk])),
            (None, reverse("publishing:article", args=[published.pk])),
        ],
    }


def local_times_only(text: str) -> list[str]:
    """What in `text` is not the journal's time: UTC days and times, and times
    of day without the zone's name. Markup is left out: machine-readable
    times in attributes carry their offset."""
    text = re.sub(r"<[^>]*>", " ", text)
    wrong = []
    if UTC_DAY in text or "4 Apr" in text:
        wrong.append(UTC_DAY)
    for match in re.finditer(r"\b\d{1,2}:\d{2}\b", text):
        if match.group(0) not in LOCAL_TIMES:
            wrong.append(match.group(0))
        elif f"({ZONE})" not in text[match.end() : match.end() + 40]:
            wrong.append(f"{match.group(0)} without the zone")
    return wrong


def test_every_page_with_a_time_shows_the_journals_time(walk):
    rendered: set[str] = set()

    def seen(sender, template, context, **kwargs):
        rendered.add(template.name)

    template_rendered.connect(seen)
    showing = templates_showing_time()
    wrong = {}
    try:
        for person, url in walk["pages"]:
            client = Client()
            if person is not None:
                client.force_login(person)
            response = client.get(url)
            assert response.status_code == 200, url
            text = response.content.decode()
            if found := local_times_only(text):
                wrong[url] = found
            shown = {t.name for t in response.templates} & showing - NO_DAY
            if shown and LOCAL_DAY not in text:
                wrong[url] = [f"no day shown by {sorted(shown)}"]
    finally:
        template_rendered.disconnect(seen)

    assert not wrong, wrong
    pages = {name for name in showing if not name.startswith("emails/")}
    missed = pages - rendered
    assert not missed, f"no page here shows these templates: {sorted(missed)}"


def test_the_overdue_reviews_export_gives_the_journals_days(walk):
    journal = walk["journal"]
    client = Client()
    client.force_login(editor_of(journal))

    response = client.get(
        reverse("stats:report_export", args=[journal.slug, "overdue"])
    )

    rows = response.content.decode()
    assert "2026-04-05" in rows
    assert "2026-04-04" not in rows


def test_every_email_states_the_journals_time(walk):
    journal = walk["journal"]
    keys = sorted(
        path.name.removesuffix(".subject.txt")
        for path in (TEMPLATES / "emails").glob("*.subject.txt")
    )
    objects = walk["objects"]
    context = {
        **objects,
        "due_local": journal.local_time(FUTURE),
        "deadline": FUTURE,
        "link": "https://journal.example.org/",
        "expiry_days": 14,
        "waiting_days": 3,
    }
    wrong = {}
    for key in keys:
        email = email_render(key, journal=journal, language="en", context=context)
        text = f"{email.subject}\n{email.text}\n{email.html}"
        if found := local_times_only(text):
            wrong[key] = found
        if SHOWS_TIME.search((TEMPLATES / "emails" / f"{key}.txt").read_text()):
            assert LOCAL_DAY in email.text, key
    sent = "\n".join(m.body for m in mail.outbox)
    assert not wrong, wrong
    assert not local_times_only(sent)


def test_the_pdf_galleys_dates_are_the_journals_days(walk):
    data = article_data(walk["published"])
    assert data.published == dt.date(2026, 4, 5)
