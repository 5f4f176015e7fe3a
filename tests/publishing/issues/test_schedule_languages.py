"""Scheduling an issue reads the browser's datetime-local value (always ISO)
whatever language the editor uses, and the form writes one back as ISO."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from publishing.issues.forms import ScheduleForm
from publishing.models import IssueState
from tests.publishing.factories import ready_issue

pytestmark = pytest.mark.django_db


def test_editor_schedules_an_issue_with_an_iso_time_in_russian(client):
    issue, _articles, editor = ready_issue(articles=1)
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    client.post(
        reverse(
            "publishing:editor_issue_schedule", args=[issue.journal.slug, issue.pk]
        ),
        {"when": "2099-01-10T09:00"},
    )

    issue.refresh_from_db()
    assert issue.state == IssueState.SCHEDULED
    # 09:00 in Almaty (UTC+5) is 04:00 UTC.
    assert issue.scheduled_for.isoformat() == "2099-01-10T04:00:00+00:00"


def test_schedule_form_writes_its_time_as_iso_in_russian():
    form = ScheduleForm(initial={"when": datetime.datetime(2099, 1, 10, 9, 0)})

    with translation.override("ru"):
        html = str(form["when"])

    assert 'value="2099-01-10T09:00"' in html
