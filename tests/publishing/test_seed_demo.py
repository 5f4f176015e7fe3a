"""`manage.py seed_demo`: the demo journal, its logins and its back issues."""

import io
from datetime import time

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command

from journal.models import Journal, JournalRole, Role, User
from publishing.demo import content
from publishing.models import Article, ArticleStatus, Issue, Volume
from submissions.models import Contributor, FileKind, State, Submission

pytestmark = pytest.mark.django_db


def _seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count() for model in apps.get_models()
    }


def test_second_run_changes_no_table():
    _seed()
    before = _row_counts()

    _seed()

    assert _row_counts() == before


def test_every_role_has_a_login_with_a_verified_address_and_the_demo_password():
    from allauth.account.models import EmailAddress

    output = _seed()
    journal = Journal.objects.get(slug=content.JOURNAL["slug"])

    assert content.PASSWORD in output
    for role in Role.values:
        holders = JournalRole.objects.filter(journal=journal, role=role)
        assert holders.exists(), role
    for spec in content.STAFF:
        assert spec["email"] in output
        user = authenticate(email=spec["email"], password=content.PASSWORD)
        assert user is not None, spec["email"]
        assert EmailAddress.objects.filter(
            user=user, email=user.email, verified=True, primary=True
        ).exists()
        assert user.affiliation and user.country
    admin = User.objects.get(email=f"admin@{content.EMAIL_DOMAIN}")
    assert admin.is_superuser and admin.is_staff
    reviewer = User.objects.get(email=f"reviewer@{content.EMAIL_DOMAIN}")
    assert "anti-corruption measures" in reviewer.interest_list


def test_demo_journal_is_valid_bilingual_and_keeps_astana_time():
    _seed()
    journal = Journal.objects.get(slug=content.JOURNAL["slug"])

    journal.full_clean()  # ISSN check digits, time zone
    assert journal.timezone == "Asia/Almaty"
    assert journal.languages == ["en", "ru"]
    assert journal.doi_prefix == "10.99999"
    assert "14 Mambetov Street" in journal.contact_address
    assert journal.issn_print != journal.issn_online
    sections = {s.slug: s for s in journal.sections.all()}
    assert set(sections) == {
        "research-articles",
        "case-studies",
        "practitioner-notes",
        "book-reviews",
    }
    assert all(s.title_in("ru") != s.title and s.word_limit for s in sections.values())
    call = journal.calls.get()
    assert call.is_open()
    assert call.local_deadline.time() == time(0, 0)
    assert call.local_deadline.tzinfo.key == "Asia/Almaty"


def test_demo_manuscripts_are_in_many_workflow_states_with_russian_metadata():
    _seed()
    demo = Submission.objects.exclude(state=State.PUBLISHED)

    states = set(demo.values_list("state", flat=True))
    assert {
        State.DRAFT,
        State.SUBMITTED,
        State.UNDER_REVIEW,
        State.REVISIONS_REQUESTED,
        State.RESUBMITTED,
        State.ACCEPTED,
        State.REJECTED,
    } <= states
    for submission in demo:
        assert submission.title_in("en") and submission.title_in("ru")
        assert submission.keywords_in("en") and submission.keywords_in("ru")
        assert submission.has_manuscript()
    submitted = demo.exclude(state=State.DRAFT)
    assert all(s.events.filter(transition="submit").exists() for s in submitted)
    resubmitted = demo.get(state=State.RESUBMITTED)
    assert resubmitted.files.filter(kind=FileKind.MANUSCRIPT).count() == 2


def test_demo_manuscript_is_a_real_word_document_with_a_table_and_russian_abstract():
    import docx

    _seed()
    record = (
        Submission.objects.get(state=State.DRAFT)
        .files.filter(kind=FileKind.MANUSCRIPT)
        .get()
    )

    with record.file.open("rb") as fh:
        document = docx.Document(io.BytesIO(fh.read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Аннотация" in text
    assert len(document.tables) == 1
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs)
    author = record.submission.submitter
    assert author.family_name not in record.file.name
    assert author.family_name not in text


def test_articles_option_adds_published_articles_across_yearly_volumes():
    _seed()
    before = Article.objects.count()

    output = _seed(articles=120, seed=7)

    assert "Added 120 published articles" in output
    assert Article.objects.count() == before + 120
    articles = Article.objects.select_related("submission", "issue__volume")
    assert all(a.status == ArticleStatus.PUBLISHED for a in articles)
    assert all(a.submission.state == State.PUBLISHED for a in articles)
    assert all(a.issue.year == a.issue.volume.year for a in articles)
    dois = [a.doi for a in articles]
    assert len(set(dois)) == len(dois)
    assert all(d.startswith("10.99999/") for d in dois)
    assert Volume.objects.count() >= 2
    assert Issue.objects.count() >= 120 // 8
    published = Submission.objects.filter(state=State.PUBLISHED)
    assert all(s.title_in("ru") and s.abstract_in("en") for s in published)
    countries = set(
        Contributor.objects.filter(submission__state=State.PUBLISHED).values_list(
            "country", flat=True
        )
    )
    assert len(countries) >= 10


def test_articles_option_fills_up_the_same_issues_on_a_second_run():
    _seed(articles=16, seed=1)
    issues = Issue.objects.count()

    _seed(articles=16, seed=2)

    assert Issue.objects.count() == issues
    for issue in Issue.objects.all():
        orders = list(issue.articles.values_list("order", flat=True))
        assert len(orders) == len(set(orders))
