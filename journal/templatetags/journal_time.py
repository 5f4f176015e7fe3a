"""Dates and times as a journal states them: in the journal's time zone, in the
one date format of the reader's language, and with the zone's name wherever a
time of day is shown ("5 April 2026, 00:00 (Asia/Almaty)").

    {% load journal_time %}
    {{ call.deadline|jdatetime:journal }}   {{ submission.submitted_at|jdate:journal }}
"""

from django import template

from journal.local_time import local_date_text, local_datetime_text

register = template.Library()


@register.filter
def jdate(value, journal) -> str:
    """The day, in the journal's zone (a deadline at 00:00 there is that day)."""
    return local_date_text(value, journal)


@register.filter
def jdatetime(value, journal) -> str:
    """The day and time in the journal's zone, followed by the zone's name."""
    return local_datetime_text(value, journal)
