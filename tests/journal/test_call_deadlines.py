"""A call for papers closes at the journal's local midnight, not the server's."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from journal.errors import DomainError
from journal.services import call_check_open
from tests.factories import CallFactory, JournalFactory, SectionFactory

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
UTC = dt.UTC


@pytest.fixture
def almaty_call(db):
    journal = JournalFactory(timezone="Asia/Almaty")
    # 00:00 on 5 November 2023 in Almaty (UTC+6 then) is 18:00 UTC on 4 November.
    deadline = dt.datetime(2023, 11, 5, 0, 0, tzinfo=ALMATY)
    assert deadline.astimezone(UTC) == dt.datetime(2023, 11, 4, 18, 0, tzinfo=UTC)
    return CallFactory(journal=journal, title="Merit in recruitment", deadline=deadline)


def test_call_accepts_a_submission_one_second_before_local_midnight(almaty_call):
    with time_machine.travel(dt.datetime(2023, 11, 4, 23, 59, 59, tzinfo=ALMATY)):
        call_check_open(call=almaty_call)


def test_call_refuses_a_submission_at_local_midnight(almaty_call):
    with time_machine.travel(dt.datetime(2023, 11, 5, 0, 0, 0, tzinfo=ALMATY)):
        with pytest.raises(DomainError) as exc:
            call_check_open(call=almaty_call)
    assert exc.value.code == "call_closed"


def test_closed_call_message_states_the_deadline_in_the_journals_time(almaty_call):
    with time_machine.travel(dt.datetime(2023, 11, 5, 0, 0, 1, tzinfo=ALMATY)):
        with pytest.raises(DomainError) as exc:
            call_check_open(call=almaty_call)
    message = str(exc.value)
    assert "Merit in recruitment" in message
    assert "5 November 2023, 00:00 (Asia/Almaty)" in message
    # The UTC date of the same instant (4 November, 18:00) must not be shown.
    assert "4 November" not in message
    assert "18:00" not in message


def test_a_server_in_utc_still_sees_the_call_open_on_the_evening_of_4_november(
    almaty_call,
):
    # 17:59:59 UTC is 23:59:59 in Almaty: still open.
    with time_machine.travel(dt.datetime(2023, 11, 4, 17, 59, 59, tzinfo=UTC)):
        assert almaty_call.is_open()
    with time_machine.travel(dt.datetime(2023, 11, 4, 18, 0, 0, tzinfo=UTC)):
        assert not almaty_call.is_open()


def test_call_limited_to_sections_refuses_another_section(almaty_call):
    listed = SectionFactory(journal=almaty_call.journal, title="Case studies")
    other = SectionFactory(journal=almaty_call.journal, title="Book reviews")
    almaty_call.sections.add(listed)
    with time_machine.travel(dt.datetime(2023, 11, 1, 12, 0, tzinfo=ALMATY)):
        call_check_open(call=almaty_call, section=listed)
        with pytest.raises(DomainError) as exc:
            call_check_open(call=almaty_call, section=other)
    assert exc.value.code == "call_section"
    assert "Book reviews" in str(exc.value)
