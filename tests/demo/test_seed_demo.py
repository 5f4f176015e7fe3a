"""`manage.py seed_demo`: the demo journal, its logins and its back issues."""

import io
import re
from datetime import time

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from lxml import etree

from demo import content
from journal.models import Journal, JournalRole, Role, User
from publishing.models import Article, ArticleStatus, Issue, Volume
from submissions.models import Contributor, FileKind, State, Submission
from tests.production.jats.jats4r import jats4r_problems
from tests.schemas import schema_missing

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

    output = _seed(complete=False)
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
    _seed(complete=False)
    journal = Journal.objects.get(slug=content.JOURNAL["slug"])

    journal.full_clean()  # ISSN check digits, time zone
    assert journal.timezone == "Asia/Almaty"
    assert journal.languages == ["en", "ru"]
    assert journal.doi_prefix == "10.99999"
    assert "14 Mambetov Street" in journal.contact_address
    assert journal.issn_print != journal.issn_online
    assert journal.localised("description", "ru").startswith("Международный")
    assert [m.localised("role", "ru") for m in journal.board_members.all()][:1] == [
        "Главный редактор"
    ]
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
    _seed(complete=False)
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

    _seed(complete=False)
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
    assert len(document.inline_shapes) == 1  # the figure, a PNG bar chart
    assert "Figure 1. Civil servants trained per year" in text
    assert "References" in text
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs)
    author = record.submission.submitter
    assert author.family_name not in record.file.name
    assert author.family_name not in text


def test_articles_option_adds_published_articles_across_yearly_volumes():
    _seed(complete=False)
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


def _require_jats_schema() -> None:
    from production.jats.schema import schema_path

    if not schema_path().is_file():
        schema_missing(
            f"JATS 1.3 XSD not found at {schema_path()} (settings.SCHEMAS_DIR): "
            "without it the demo makes no complete articles, and their JATS "
            "cannot be validated"
        )


def _complete_articles() -> list[Article]:
    from demo.pipeline import complete_articles
    from demo.submissions import COMPLETE

    journal = Journal.objects.get(slug=content.JOURNAL["slug"])
    return complete_articles(journal, COMPLETE)


def _read(galley) -> bytes:
    with galley.file.open("rb") as fh:
        return fh.read()


def test_demo_articles_are_published_with_current_html_pdf_and_valid_jats(
    django_capture_on_commit_callbacks,
):
    from django.utils import timezone

    from production.jats import validate_jats
    from publishing.models import GalleyKind, IssueState

    _require_jats_schema()
    # The published version of the galleys is made after publication commits.
    with django_capture_on_commit_callbacks(execute=True):
        output = _seed()

    articles = _complete_articles()
    assert len(articles) == 3
    affiliations = []
    for article in articles:
        assert f"/article/{article.pk}/" in output
        assert article.status == ArticleStatus.PUBLISHED
        assert article.submission.state == State.PUBLISHED
        assert article.doi.startswith("10.99999/")
        issue = article.issue
        assert issue.state == IssueState.PUBLISHED and issue.doi
        assert issue.year == issue.volume.year == timezone.now().year
        assert article.first_page and int(article.last_page) >= int(article.first_page)
        current = list(article.galleys.filter(is_current=True))
        assert sorted(g.kind for g in current) == sorted(
            [GalleyKind.HTML, GalleyKind.JATS, GalleyKind.PDF]
        )
        by_kind = {g.kind: _read(g) for g in current}
        jats = by_kind[GalleyKind.JATS]
        assert validate_jats(jats) == []
        # The published version carries the DOI and the issue, not the proofs'.
        assert article.doi.encode() in jats
        assert f"<issue>{issue.number}</issue>".encode() in jats
        for element in (b"<fig ", b"<table-wrap", b"<ref-list>", b"<trans-abstract"):
            assert element in jats, element
        root = etree.fromstring(jats)
        assert jats4r_problems(root) == []
        assert root.findtext(".//table-wrap/label") == "Table 1"
        kinds = {x.get("ref-type") for x in root.iter("xref")}
        assert {"table", "fig", "bibr"} <= kinds
        assert root.find(".//ref//element-citation/person-group") is not None
        assert by_kind[GalleyKind.PDF].startswith(b"%PDF")
        _assert_tagged_archival_with_jats(by_kind[GalleyKind.PDF], jats)
        affiliations.append(
            _assert_authors_numbered_by_affiliation(by_kind[GalleyKind.PDF], article)
        )
        html = by_kind[GalleyKind.HTML].decode()
        assert "Civil servants trained per year" in html
        assert article.media.filter(content_type="image/png").count() == 1
    # Some demo articles have authors from different places.
    assert max(affiliations) > 1


def _assert_tagged_archival_with_jats(data: bytes, jats: bytes) -> None:
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
    with pdf.open_metadata() as xmp:
        assert xmp["pdfaid:part"] == "3" and xmp["pdfaid:conformance"] == "U"
    assert pdf.attachments["article.xml"].get_file().read_bytes() == jats


def _assert_authors_numbered_by_affiliation(data: bytes, article) -> int:
    """Each author carries the number of their own affiliation on page one;
    returns how many affiliations there are."""
    from pypdf import PdfReader

    first_page = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    contributors = list(article.submission.authors.order_by("order"))
    affiliations = list(dict.fromkeys((c.affiliation, c.country) for c in contributors))
    for contributor in contributors:
        number = affiliations.index((contributor.affiliation, contributor.country)) + 1
        name = f"{contributor.given_name} {contributor.family_name}"
        assert re.search(rf"{re.escape(name)}\s*{number}\b", first_page), (
            name,
            first_page[:600],
        )
    return len(affiliations)


def test_demo_articles_went_through_review_production_and_proofs_by_the_right_people():
    from reviews.models import AssignmentState, Decision

    _require_jats_schema()
    _seed()

    articles = _complete_articles()
    for article in articles:
        submission = article.submission
        events = list(
            submission.events.select_related("actor")
            .order_by("pk")
            .values_list("transition", "actor__email")
        )
        names = [name for name, _ in events]
        assert names[:2] == ["submit", "send_to_review"]
        assert names[-4:] == ["accept", "start_production", "approve_proofs", "publish"]
        actors = dict(events)
        assert actors["approve_proofs"] == submission.submitter.email
        assert actors["start_production"] == f"production@{content.EMAIL_DOMAIN}"
        assert (
            submission.review_assignments.filter(
                state=AssignmentState.SUBMITTED
            ).count()
            >= 2
        )
        assert Decision.objects.filter(submission=submission, kind="accept").exists()
        assert article.copyedit_reviews.filter(status="approved").exists()
    revised = [a for a in articles if a.submission.events.filter(transition="resubmit")]
    assert len(revised) == 1
    assert revised[0].submission.review_rounds.count() == 2


def test_reader_opens_a_demo_article_with_full_text_figure_pdf_and_jats(client):
    _require_jats_schema()
    _seed()
    article = _complete_articles()[0]

    page = client.get(f"/article/{article.pk}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="article-fulltext' in html
    assert "Civil servants trained per year" in html
    assert "Main indicators" in html
    figure_url = re.search(rf'src="(/articles/{article.pk}/media/[^"]+)"', html)
    assert figure_url
    assert ">PDF</a>" in html and ">JATS XML</a>" in html
    pdf = client.get(f"/article/{article.pk}/download/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    jats = client.get(f"/article/{article.pk}/download/jats/")
    assert jats.status_code == 200 and "xml" in jats["Content-Type"]
    figure = client.get(figure_url.group(1))
    assert figure.status_code == 200 and figure["Content-Type"] == "image/png"
