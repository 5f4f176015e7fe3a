"""Signed one-click links: what they open, and that they expire and die after use."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from reviews.models import AssignmentState, ReviewSettings
from reviews.services import review_invite, round_open
from reviews.tokens import invitation_token
from tests.factories import UserFactory
from tests.reviews.factories import anonymous_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited():
    submission, editor = anonymous_submission()
    review_round = round_open(submission=submission, actor=editor)
    reviewer = UserFactory(email="reviewer@example.org")
    assignment = review_invite(round=review_round, actor=editor, reviewer=reviewer)
    return assignment


def _link(assignment):
    return reverse("reviews:invitation", args=[invitation_token(assignment)])


def test_invitation_link_shows_the_invitation_without_signing_in(client, invited):
    response = client.get(_link(invited))
    assert response.status_code == 200
    assert invited.submission.display_title.encode() in response.content


def test_expired_link_is_refused_and_changes_nothing(client, invited):
    link = _link(invited)
    days = ReviewSettings.for_journal(invited.submission.journal).invitation_expiry_days
    with time_machine.travel(datetime.timedelta(days=days, hours=1)):
        assert client.get(link).status_code == 410
        response = client.post(link + "decline/", {"reason": "late"})
    assert response.status_code == 410
    assert b"expired" in response.content
    invited.refresh_from_db()
    assert invited.state == AssignmentState.INVITED


def test_link_still_works_the_day_before_it_expires(client, invited):
    link = _link(invited)
    with time_machine.travel(datetime.timedelta(days=13)):
        assert client.get(link).status_code == 200


def test_used_decline_link_cannot_be_used_again(client, invited):
    link = _link(invited)
    assert client.post(link + "decline/", {"reason": "busy"}).status_code == 200
    again = client.post(link + "decline/", {"reason": "again"})
    assert again.status_code == 410
    assert client.get(link).status_code == 410
    invited.refresh_from_db()
    assert invited.decline_reason == "busy"


def test_link_is_dead_after_accepting(client, invited):
    link = _link(invited)
    client.force_login(invited.reviewer)
    client.post(
        reverse("reviews:respond", args=[invited.pk]), {"competing_interests": "None"}
    )
    client.logout()
    assert client.get(link).status_code == 410
    assert client.post(link + "decline/").status_code == 410
    invited.refresh_from_db()
    assert invited.state == AssignmentState.ACCEPTED


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: "x" + t,
        lambda t: "not-a-token",
    ],
)
def test_tampered_link_gets_a_clear_error_page(client, invited, tamper):
    token = tamper(invitation_token(invited))
    response = client.get(reverse("reviews:invitation", args=[token]))
    assert response.status_code == 400
    assert b"not valid" in response.content
    response = client.post(reverse("reviews:decline", args=[token]))
    assert response.status_code == 400
    invited.refresh_from_db()
    assert invited.state == AssignmentState.INVITED


def test_link_opens_that_invitation_and_nothing_else(client, invited):
    client.get(_link(invited))
    for name, args in (
        ("reviews:queue", []),
        ("reviews:respond", [invited.pk]),
        ("reviews:review", [invited.pk]),
        ("journal:profile", []),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_accepting_with_an_existing_account_leads_to_sign_in(client, invited):
    response = client.post(_link(invited) + "accept/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "respond" in response["Location"]


def test_existing_account_cannot_set_a_password_through_the_link(client, invited):
    response = client.post(
        _link(invited) + "welcome/",
        {
            "given_name": "X",
            "password1": "Another-pass-99",
            "password2": "Another-pass-99",
        },
    )
    assert response.status_code == 302
    invited.reviewer.refresh_from_db()
    assert invited.reviewer.check_password("pass-1234-word")


def test_new_reviewer_gets_an_account_with_the_invited_email(client, invited):
    submission = invited.submission
    from reviews.services import reviewer_for_email

    newcomer = reviewer_for_email(email="New.Person@Example.org")
    assert not newcomer.has_usable_password()
    editor = invited.invited_by
    assignment = review_invite(round=invited.round, actor=editor, reviewer=newcomer)
    link = _link(assignment)
    response = client.post(link + "accept/")
    assert response["Location"] == link + "welcome/"
    page = client.get(link + "welcome/")
    assert b"new.person@example.org" in page.content
    client.post(
        link + "welcome/",
        {
            "given_name": "New",
            "family_name": "Person",
            "password1": "Fresh-pass-phrase-7",
            "password2": "Fresh-pass-phrase-7",
        },
    )
    newcomer.refresh_from_db()
    assert newcomer.check_password("Fresh-pass-phrase-7")
    assert client.get(link + "welcome/").status_code == 410
    assert submission.pk == assignment.submission_id
