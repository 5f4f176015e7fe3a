"""Dates and times as a journal states them, for pages, emails and messages
alike: in the journal's time zone, in the one date format of the active
language, and with the zone's name wherever a time of day is shown
("5 April 2026, 00:00 (Asia/Almaty)"). The template filters `jdate` and
`jdatetime` (journal_time) are these functions."""

import datetime as dt

from django.utils import formats, timezone


def _local(value, journal):
    if isinstance(value, dt.datetime) and timezone.is_aware(value) and journal:
        return timezone.localtime(value, journal.tz)
    return value


def local_date_text(value, journal) -> str:
    """The day, in the journal's zone (a deadline at 00:00 there is that day)."""
    if not value:
        return ""
    return formats.date_format(_local(value, journal), "DATE_FORMAT")


def local_datetime_text(value, journal) -> str:
    """The day and time in the journal's zone, followed by the zone's name."""
    if not value:
        return ""
    text = formats.date_format(_local(value, journal), "DATETIME_FORMAT")
    return f"{text} ({journal.timezone})" if journal else text
