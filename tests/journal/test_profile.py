"""A person edits their own details on /profile/."""

import pytest
from django.template.loader import render_to_string

from journal.errors import ActionNotAllowed, DomainError
from journal.services import user_update_profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "given_name": "Daniyar",
    "family_name": "Seitkali",
    "affiliation": "Astana Civil Service Hub",
    "country": "KZ",
    "orcid": "https://orcid.org/0000-0002-1825-0097",
    "preferred_language": "ru",
    "research_interests": "meritocracy;  e-government , ,civil service ethics",
}


@pytest.fixture
def person(db):
    return UserFactory(given_name="Old", family_name="Name", orcid="")


def test_profile_page_needs_sign_in(client):
    response = client.get("/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_profile_page_shows_the_persons_details_in_the_form(client, person):
    client.force_login(person)
    html = client.get("/profile/").content.decode()
    assert 'value="Old"' in html
    assert 'name="research_interests"' in html
    assert "csrfmiddlewaretoken" in html


def test_person_saves_names_affiliation_orcid_language_and_interests(client, person):
    client.force_login(person)

    response = client.post("/profile/", FORM)

    assert response.status_code == 302
    assert response["Location"] == "/profile/"
    person.refresh_from_db()
    assert person.full_name == "Daniyar Seitkali"
    assert person.affiliation == "Astana Civil Service Hub"
    assert person.country.code == "KZ"
    assert person.orcid == "0000-0002-1825-0097"
    assert person.preferred_language == "ru"
    assert person.interest_list == [
        "meritocracy",
        "e-government",
        "civil service ethics",
    ]


def test_saved_orcid_is_shown_as_a_link_to_orcid_org(client, person):
    client.force_login(person)
    client.post("/profile/", {**FORM, "preferred_language": "en"})
    html = client.get("/profile/").content.decode()
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in html
    assert 'aria-label="ORCID iD"' in html
    assert "Your profile has been saved." in html


def test_bad_orcid_is_refused_with_a_message_and_the_other_fields_are_kept(
    client, person
):
    client.force_login(person)

    response = client.post("/profile/", {**FORM, "orcid": "0000-0002-1825-0098"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "wrong check digit" in html
    assert "Please correct the marked fields." in html
    assert 'value="Daniyar"' in html
    assert 'value="Astana Civil Service Hub"' in html
    assert 'value="0000-0002-1825-0098"' in html
    person.refresh_from_db()
    assert person.given_name == "Old"
    assert person.orcid == ""


def test_refused_profile_does_not_show_the_typed_name_as_the_signed_in_name(
    client, person
):
    client.force_login(person)
    html = client.post(
        "/profile/", {**FORM, "orcid": "0000-0002-1825-0098"}
    ).content.decode()
    # The navigation bar still names the person as stored.
    assert ">Old Name</a>" in html


def test_given_name_is_required(client, person):
    client.force_login(person)
    response = client.post("/profile/", {**FORM, "given_name": ""})
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.given_name == "Old"


def test_service_normalises_and_validates_the_orcid(person):
    user_update_profile(user=person, actor=person, orcid=" 0000 0002 1694 233x ")
    person.refresh_from_db()
    assert person.orcid == "0000-0002-1694-233X"

    with pytest.raises(DomainError) as exc:
        user_update_profile(user=person, actor=person, orcid="0000-0002-1694-2330")
    assert exc.value.code == "orcid"
    person.refresh_from_db()
    assert person.orcid == "0000-0002-1694-233X"


def test_service_clears_the_orcid_when_given_an_empty_value(person):
    user_update_profile(user=person, actor=person, orcid="0000-0002-1825-0097")
    user_update_profile(user=person, actor=person, orcid="")
    person.refresh_from_db()
    assert person.orcid == ""


def test_nobody_else_may_change_a_persons_profile(person):
    intruder = UserFactory()
    with pytest.raises(ActionNotAllowed):
        user_update_profile(user=person, actor=intruder, given_name="Hacked")
    person.refresh_from_db()
    assert person.given_name == "Old"


def test_service_refuses_fields_outside_the_profile(person):
    with pytest.raises(DomainError) as exc:
        user_update_profile(user=person, actor=person, is_staff=True)
    assert "is_staff" in str(exc.value)
    person.refresh_from_db()
    assert not person.is_staff


def test_service_refuses_an_unknown_country_and_keeps_the_old_one(person):
    with pytest.raises(DomainError):
        user_update_profile(user=person, actor=person, country="XX")
    assert person.country.code == "KZ"
    person.refresh_from_db()
    assert person.country.code == "KZ"


def test_orcid_partial_renders_nothing_without_an_id():
    assert render_to_string("shared/_orcid.html", {"orcid": ""}).strip() == ""


def test_person_writes_their_name_in_russian_and_names_in_other_languages_stay(
    client, person
):
    person.name_translations = {"fr": {"given": "Daniyar", "family": "Seitkali-Fr"}}
    person.save(update_fields=["name_translations"])
    client.force_login(person)

    response = client.post(
        "/profile/",
        {**FORM, "given_name_ru": "Данияр", "family_name_ru": "Сейткали"},
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name_translations == {
        "fr": {"given": "Daniyar", "family": "Seitkali-Fr"},
        "ru": {"given": "Данияр", "family": "Сейткали"},
    }
    assert person.full_name_in("ru") == "Данияр Сейткали"
    assert person.full_name_in("en") == "Daniyar Seitkali"
    html = client.get("/profile/").content.decode()
    assert 'value="Данияр"' in html
    assert "Seitkali-Fr" in html  # shown as others see it
