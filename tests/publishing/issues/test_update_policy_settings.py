"""The publishing settings page: the update policy page's address next to the
Crossmark policy DOI, the DOI's format, and the policy text in both languages."""

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from journal.models import Role
from publishing.models import JournalPublishingSettings
from tests.factories import JournalFactory, UserFactory, editor_of

pytestmark = pytest.mark.django_db


def _form_data(row, **changes):
    data = {
        "article_doi_pattern": row.article_doi_pattern,
        "issue_doi_pattern": row.issue_doi_pattern,
        "depositor_name": "",
        "depositor_email": "",
        "crossmark_policy_doi": "",
        "update_policy_en": "",
        "update_policy_ru": "",
        "citation_style": "",
    }
    return {**data, **changes}


@pytest.fixture
def journal():
    return JournalFactory()


@pytest.fixture
def url(journal):
    return reverse("publishing:editor_publishing_settings", args=[journal.slug])


def test_the_settings_page_gives_the_policy_page_address_for_the_doi(
    client, journal, url
):
    client.force_login(editor_of(journal, role=Role.MANAGER))
    page = lxml_html.fromstring(client.get(url).content)

    policy_url = "http://testserver" + reverse(
        "publishing:update_policy", args=[journal.slug]
    )
    (note,) = page.xpath("//*[@data-update-policy-url]")
    assert note.xpath(".//a/@href") == [policy_url]
    help_text = page.xpath("//*[@id='id_crossmark_policy_doi_helptext']")[0]
    assert policy_url in help_text.text_content()
    assert "must resolve to this page" in help_text.text_content()
    assert page.xpath("//textarea[@name='update_policy_en'][@lang='en']")
    assert page.xpath("//textarea[@name='update_policy_ru'][@lang='ru']")


def test_the_manager_writes_the_policy_in_both_languages(client, journal, url):
    client.force_login(editor_of(journal, role=Role.MANAGER))
    row = JournalPublishingSettings.objects.create(journal=journal)

    response = client.post(
        url,
        _form_data(
            row,
            crossmark_policy_doi="https://doi.org/10.99999/jpa.policy",
            update_policy_en="  We publish errata within a month. ",
            update_policy_ru="Исправления публикуются в течение месяца.",
        ),
    )

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.crossmark_policy_doi == "10.99999/jpa.policy"
    assert row.update_policy == {
        "en": "We publish errata within a month.",
        "ru": "Исправления публикуются в течение месяца.",
    }
    page = client.get(url).content.decode()
    assert "Исправления публикуются в течение месяца." in page

    client.post(url, _form_data(row, update_policy_en="Errata within a month."))
    row.refresh_from_db()
    assert row.update_policy == {"en": "Errata within a month."}


@pytest.mark.parametrize(
    "typed",
    [
        "our policy page",
        "10.99/too-short-prefix",
        "10.99999/with space",
        "https://example.org/policy",
        "doi:10.99999/",
    ],
)
def test_a_policy_doi_in_the_wrong_format_is_refused_and_nothing_saved(
    client, journal, url, typed
):
    client.force_login(editor_of(journal, role=Role.MANAGER))
    row = JournalPublishingSettings.objects.create(
        journal=journal, crossmark_policy_doi="10.99999/jpa.policy"
    )

    response = client.post(
        url, _form_data(row, crossmark_policy_doi=typed, update_policy_en="New.")
    )

    assert response.status_code == 200
    page = lxml_html.fromstring(response.content)
    errors = page.xpath(
        "//*[@id='id_crossmark_policy_doi']/following::*"
        "[contains(@class,'invalid-feedback')][1]"
    )
    assert errors
    assert "Enter a DOI such as 10.12345/journal.policy." in errors[0].text_content()
    row.refresh_from_db()
    assert row.crossmark_policy_doi == "10.99999/jpa.policy"
    assert row.update_policy == {}


def test_people_who_may_not_change_the_settings_do_not_see_the_page(
    client, journal, url
):
    client.force_login(editor_of(journal, role=Role.PRODUCTION_EDITOR))
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.post(url, {"crossmark_policy_doi": "10.99999/x"}).status_code == 404
