"""An author goes through the guided submission form over HTTP."""

import pytest
from django.urls import reverse

from journal.models import ReviewMethod
from submissions.models import FileKind, ReviewerPreference, State, Submission
from tests.factories import (
    CallFactory,
    SectionFactory,
    SubmissionFactory,
    UserFactory,
    docx_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


def step_url(submission, step):
    return reverse("submissions:step", args=[submission.pk, step])


@pytest.fixture
def author(client):
    user = UserFactory(orcid="0000-0002-1825-0097")
    client.force_login(user)
    return user


@pytest.fixture
def section():
    return SectionFactory(
        policy="Empirical studies of civil service reform.",
        journal__author_guidelines="Manuscripts of up to 8,000 words.",
    )


def test_start_page_shows_section_policy_and_author_guidelines(client, author, section):
    response = client.get(reverse("submissions:start", args=[section.journal.slug]))
    assert response.status_code == 200
    assert "Empirical studies of civil service reform." in response.text
    assert "Manuscripts of up to 8,000 words." in response.text


def test_start_creates_a_draft_and_leads_to_the_metadata_step(client, author, section):
    call = CallFactory(journal=section.journal)
    response = client.post(
        reverse("submissions:start", args=[section.journal.slug]),
        {"section": section.pk, "call": call.pk, "language": "ru"},
    )
    submission = Submission.objects.get(submitter=author)
    assert response.url == step_url(submission, "metadata")
    assert (submission.section, submission.call, submission.language) == (
        section,
        call,
        "ru",
    )
    assert submission.state == State.DRAFT


def test_start_for_unknown_journal_is_not_found(client, author):
    assert client.get(reverse("submissions:start", args=["nope"])).status_code == 404


def test_metadata_requires_the_manuscripts_language_and_keeps_the_rest(client, author):
    draft = SubmissionFactory(
        submitter=author, title={}, abstract={}, keywords={}, with_author=False
    )
    response = client.post(
        step_url(draft, "metadata"),
        {"title_ru": "Реформа", "abstract_en": "", "keywords_en": "merit"},
    )
    assert response.status_code == 200
    assert "This field is required" in response.text
    assert "Реформа" in response.text
    draft.refresh_from_db()
    assert draft.title == {}


def test_metadata_saves_titles_and_comma_separated_keywords_per_language(
    client, author
):
    draft = SubmissionFactory(submitter=author, title={}, keywords={})
    response = client.post(
        step_url(draft, "metadata"),
        {
            "title_en": "Merit in recruitment",
            "abstract_en": "A study.",
            "keywords_en": "merit, recruitment ,, civil service",
            "title_ru": "Меритократия",
            "abstract_ru": "",
            "keywords_ru": "найм",
        },
    )
    assert response.url == step_url(draft, "authors")
    draft.refresh_from_db()
    assert draft.title == {"en": "Merit in recruitment", "ru": "Меритократия"}
    assert draft.keywords == {
        "en": ["merit", "recruitment", "civil service"],
        "ru": ["найм"],
    }


def test_author_adds_themself_then_a_coauthor_and_reorders(client, author):
    draft = SubmissionFactory(submitter=author, with_author=False)
    client.post(reverse("submissions:author_add_me", args=[draft.pk]))
    response = client.post(
        step_url(draft, "authors"),
        {
            "given_name": "Aigerim",
            "family_name": "Sadykova",
            "email": "aigerim@example.org",
            "affiliation": "Astana Civil Service Hub",
            "country": "KZ",
            "orcid": "",
            "is_corresponding": "on",
        },
    )
    assert response.status_code == 302
    me, coauthor = draft.authors.order_by("order")
    assert me.user == author and me.orcid == author.orcid
    assert (
        coauthor.is_corresponding
        and not Submission.objects.get(pk=draft.pk)
        .authors.get(pk=me.pk)
        .is_corresponding
    )
    client.post(reverse("submissions:author_move", args=[draft.pk, coauthor.pk, "up"]))
    assert [a.pk for a in draft.authors.order_by("order")] == [coauthor.pk, me.pk]


def test_coauthor_with_bad_orcid_is_refused_with_the_reason_and_typed_data_kept(
    client, author
):
    draft = SubmissionFactory(submitter=author, with_author=False)
    response = client.post(
        step_url(draft, "authors"),
        {
            "given_name": "Aigerim",
            "email": "aigerim@example.org",
            "orcid": "0000-0002-1825-0098",
        },
    )
    assert response.status_code == 200
    assert "Aigerim" in response.text
    assert "ORCID" in response.text
    assert not draft.authors.exists()


def test_author_edits_and_deletes_a_coauthor(client, author):
    draft = SubmissionFactory(submitter=author)
    coauthor = draft.authors.get()
    edit = reverse("submissions:author_edit", args=[draft.pk, coauthor.pk])
    assert client.get(edit).status_code == 200
    client.post(
        edit,
        {"given_name": "Renamed", "email": coauthor.email, "is_corresponding": "on"},
    )
    coauthor.refresh_from_db()
    assert coauthor.given_name == "Renamed"
    client.post(reverse("submissions:author_delete", args=[draft.pk, coauthor.pk]))
    assert not draft.authors.exists()


def test_uploads_list_versions_and_a_file_can_be_deleted(client, author):
    draft = SubmissionFactory(submitter=author, with_manuscript=False)
    url = reverse("submissions:file_upload", args=[draft.pk])
    for text in ("first", "second"):
        response = client.post(
            url,
            {
                "kind": FileKind.MANUSCRIPT,
                "description": "",
                "file": upload("paper.docx", docx_bytes(text)),
            },
        )
        assert response.status_code == 302
    page = client.get(step_url(draft, "files"))
    assert "v1" in page.text and "v2" in page.text
    latest = draft.files.get(version=2)
    client.post(reverse("submissions:file_delete", args=[draft.pk, latest.pk]))
    assert list(draft.files.values_list("version", flat=True)) == [1]


def test_the_files_step_offers_the_kind_still_missing(client, author):
    draft = SubmissionFactory(
        submitter=author,
        with_manuscript=False,
        journal__review_method=ReviewMethod.DOUBLE_ANONYMOUS,
    )

    def offered():
        form = client.get(step_url(draft, "files")).context["form"]
        return form["kind"].value()

    assert offered() == FileKind.MANUSCRIPT
    client.post(
        reverse("submissions:file_upload", args=[draft.pk]),
        {"kind": FileKind.MANUSCRIPT, "file": upload("paper.docx", docx_bytes())},
    )
    assert offered() == FileKind.ANONYMISED


def test_author_suggests_and_opposes_reviewers_and_removes_one(client, author):
    draft = SubmissionFactory(submitter=author)
    for kind, name in (("suggested", "Dr Expert"), ("opposed", "Dr Rival")):
        client.post(
            step_url(draft, "reviewers"),
            {"kind": kind, "name": name, "reason": "Competes with our lab"},
        )
    assert set(draft.reviewer_preferences.values_list("kind", "name")) == {
        ("suggested", "Dr Expert"),
        ("opposed", "Dr Rival"),
    }
    rival = ReviewerPreference.objects.get(name="Dr Rival")
    client.post(reverse("submissions:reviewer_delete", args=[draft.pk, rival.pk]))
    assert draft.reviewer_preferences.count() == 1


def test_review_step_lists_what_is_missing_with_links_to_the_steps(client, author):
    draft = SubmissionFactory(
        submitter=author,
        with_manuscript=False,
        decl_ethics=False,
    )
    page = client.get(step_url(draft, "review"))
    assert "Upload the manuscript." in page.text
    assert step_url(draft, "files") in page.text
    assert "Confirm the ethics statement." in page.text
    assert step_url(draft, "declarations") in page.text


def test_submit_refused_shows_the_reason_and_keeps_the_draft(client, author):
    draft = SubmissionFactory(submitter=author, decl_licence=False)
    response = client.post(reverse("submissions:submit", args=[draft.pk]), follow=True)
    assert "Confirm the declarations" in response.text
    assert Submission.objects.get(pk=draft.pk).state == State.DRAFT


def test_wizard_start_leave_resume_and_submit(
    client, author, section, django_capture_on_commit_callbacks
):
    client.post(
        reverse("submissions:start", args=[section.journal.slug]),
        {"section": section.pk, "language": "en"},
    )
    draft = Submission.objects.get(submitter=author)
    client.post(
        step_url(draft, "metadata"),
        {
            "title_en": "Merit-based recruitment in Central Asia",
            "abstract_en": "We compare recruitment reforms.",
            "keywords_en": "merit, recruitment",
        },
    )
    client.post(reverse("submissions:author_add_me", args=[draft.pk]))

    # The author leaves and comes back later: "My submissions" leads to the draft.
    client.logout()
    client.force_login(author)
    mine = client.get(reverse("submissions:mine"))
    assert "Merit-based recruitment in Central Asia" in mine.text
    assert "Continue draft" in mine.text
    files_page = client.get(step_url(draft, "files"))
    assert files_page.status_code == 200
    assert 'class="nav-link px-2 py-1 done"' in client.get(
        step_url(draft, "metadata")
    ).text.replace(" active", "")

    client.post(
        reverse("submissions:file_upload", args=[draft.pk]),
        {"kind": "manuscript", "file": upload("paper.docx", docx_bytes())},
    )
    # The section's review is double-anonymous: reviewers get this copy.
    client.post(
        reverse("submissions:file_upload", args=[draft.pk]),
        {"kind": "anonymised", "file": upload("paper-anon.docx", docx_bytes())},
    )
    client.post(
        step_url(draft, "declarations"),
        {
            "original": "on",
            "ethics": "on",
            "licence": "on",
            "competing_interests": "None",
        },
    )
    review = client.get(step_url(draft, "review"))
    assert "Everything the journal needs is here" in review.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("submissions:submit", args=[draft.pk]))
    assert response.url == reverse("submissions:detail", args=[draft.pk])
    assert Submission.objects.get(pk=draft.pk).state == State.SUBMITTED
    # A sent submission is no longer editable through the steps.
    again = client.get(step_url(draft, "metadata"))
    assert again.url == reverse("submissions:detail", args=[draft.pk])


def test_unknown_step_is_not_found(client, author):
    draft = SubmissionFactory(submitter=author)
    assert client.get(step_url(draft, "payment")).status_code == 404
