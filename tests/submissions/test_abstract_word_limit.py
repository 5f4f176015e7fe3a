"""The abstract word limit (the section's, else the journal's) is enforced in
the submission form, with the count shown on the field, in both languages."""

import pytest
from django.conf import settings
from django.urls import reverse

from journal.errors import DomainError
from submissions.abstracts import word_count
from submissions.models import State, Submission
from submissions.services import submission_submit, submission_update_metadata
from tests.factories import SectionFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def words(n: int) -> str:
    return " ".join(["merit"] * n)


@pytest.fixture
def draft(client):
    section = SectionFactory(abstract_word_limit=10, journal__abstract_word_limit=200)
    submission = SubmissionFactory(section=section, journal=section.journal)
    client.force_login(submission.submitter)
    return submission


def _post(client, draft, abstract_en, abstract_ru=""):
    return client.post(
        reverse("submissions:step", args=[draft.pk, "metadata"]),
        {
            "title_en": "Merit",
            "abstract_en": abstract_en,
            "keywords_en": "merit",
            "abstract_ru": abstract_ru,
        },
    )


def test_counting_keeps_hyphenated_words_whole():
    assert word_count("Merit-based hiring, in the civil service's ranks.") == 7


def test_an_abstract_over_the_sections_limit_shows_the_count_on_its_field(
    client, draft
):
    response = _post(client, draft, words(12), abstract_ru=words(3))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["abstract_en"] == [
        "The abstract has 12 words; the limit is 10. Shorten it by 2."
    ]
    assert "abstract_ru" not in errors
    assert Submission.objects.get(pk=draft.pk).abstract_in("en") != words(12)
    assert _post(client, draft, words(10)).status_code == 302


def test_the_message_is_in_russian_for_a_russian_reader(client, draft):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = _post(client, draft, words(12))
    assert response.context["form"].errors["abstract_en"] == [
        "В аннотации 12 слов; допустимо не более 10. Сократите её на 2."
    ]


def test_the_journals_limit_applies_when_the_section_sets_none(draft):
    draft.section.abstract_word_limit = None
    draft.section.save()
    with pytest.raises(DomainError, match="the limit is 200"):
        submission_update_metadata(
            submission=draft,
            actor=draft.submitter,
            title={"en": "Merit"},
            abstract={"en": words(201)},
            keywords={"en": ["merit"]},
        )


def test_a_draft_moved_to_a_stricter_section_cannot_be_submitted(draft):
    Submission.objects.filter(pk=draft.pk).update(abstract={"en": words(11)})
    draft.refresh_from_db()
    with pytest.raises(DomainError, match="has 11 words"):
        submission_submit(submission=draft, actor=draft.submitter)
    assert Submission.objects.get(pk=draft.pk).state == State.DRAFT
