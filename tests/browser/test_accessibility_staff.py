"""The editors', reviewers' and managers' pages pass axe-core (no serious or
critical violation) in headless Chromium, fit a phone screen, and are
photographed, like the public and author pages in test_accessibility.py.

The journal behind them is busy: new submissions, one under review with an
accepted reviewer writing a draft, reports waiting for a decision, a decision
taken, articles in production, an issue being assembled and a published one
with a year of usage.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from journal.models import Role
from metrics.models import Metric
from production.models import RenderJob
from production.services import (
    copyedit_upload,
    production_start,
    render_job_fail,
)
from reviews.anonymity.checks import anonymised_manuscript_check
from reviews.models import AssignmentState, DecisionKind, Recommendation
from reviews.services import (
    assignment_accept,
    decision_make,
    review_invite,
    review_save_draft,
    review_submit,
    round_open,
)
from submissions.models import ReviewerPreference, State
from tests.browser.conftest import login
from tests.browser.test_accessibility import axe_violations, check_pages, describe
from tests.factories import (
    CallFactory,
    JournalFactory,
    RoleFactory,
    SectionFactory,
    SubmissionFactory,
    UserFactory,
    docx_bytes,
    upload,
)
from tests.metrics.builders import monthly
from tests.publishing.factories import (
    ArticleFactory,
    GalleyFactory,
    IssueFactory,
    VolumeFactory,
    html_galley,
    published_issue,
)
from tests.reviews.factories import (
    AssignmentFactory,
    anonymous_submission,
    standard_form,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TII = Metric.TOTAL_ITEM_INVESTIGATIONS.value
TIR = Metric.TOTAL_ITEM_REQUESTS.value
UIR = Metric.UNIQUE_ITEM_REQUESTS.value


def _person(journal, role, given, family, **kwargs):
    user = UserFactory(given_name=given, family_name=family, **kwargs)
    RoleFactory(journal=journal, user=user, role=role)
    return user


def _answers(form, *scores):
    criteria = list(form.criteria.order_by("order"))
    return {str(c.pk): value for c, value in zip(criteria, scores, strict=False)}


def _report(assignment, form, *, recommendation, scores, comments):
    assignment_accept(
        assignment=assignment, actor=assignment.reviewer, competing_interests="None."
    )
    return review_submit(
        assignment=assignment,
        actor=assignment.reviewer,
        answers=_answers(form, *scores),
        confidence=4,
        recommendation=recommendation,
        comments_to_author=comments,
        comments_to_editor="Confidential: the sample is small but honest.",
    )


def _under_review(journal, section, editor, reviewers):
    """Double-anonymous, round 1: one reviewer writing a draft, one invited, one
    late, and one report in; suggested and opposed reviewers on file."""
    submission, _other_editor = anonymous_submission(
        journal=journal, section=section, state=State.SUBMITTED
    )
    for kind, name in (
        (ReviewerPreference.Kind.SUGGESTED, "Dr Saule Abenova"),
        (ReviewerPreference.Kind.OPPOSED, "Prof. Ivan Petrov"),
    ):
        ReviewerPreference.objects.create(
            submission=submission,
            kind=kind,
            name=name,
            email=f"{name.split()[-1].lower()}@example.org",
            affiliation="Institute of Public Policy",
            reason="Works on civil service recruitment in the region.",
        )
    anonymised_manuscript_check(submission=submission, actor=editor)
    review_round = round_open(submission=submission, actor=editor)
    drafting, invited, reporting, late = reviewers
    accepted = review_invite(round=review_round, actor=editor, reviewer=drafting)
    assignment_accept(
        assignment=accepted, actor=drafting, competing_interests="None to declare."
    )
    form = journal.review_forms.get()
    review_save_draft(
        assignment=accepted,
        actor=drafting,
        answers=_answers(form, 4, 3),
        comments_to_author="The comparison across countries is useful.",
    )
    review_invite(round=review_round, actor=editor, reviewer=invited)
    _report(
        review_invite(round=review_round, actor=editor, reviewer=reporting),
        form,
        recommendation=Recommendation.MINOR_REVISION,
        scores=(4, 4, True),
        comments="Clarify how the five countries were chosen.",
    )
    AssignmentFactory(
        round=review_round,
        reviewer=late,
        state=AssignmentState.ACCEPTED,
        due_at=timezone.now() - datetime.timedelta(days=6),
    )
    return submission, accepted


def _with_reviewer_copy(submission):
    """The anonymised copy double-anonymous review sends to reviewers."""
    from django.core.files.base import ContentFile

    from submissions.models import FileKind
    from tests.factories import SubmissionFileFactory, docx_bytes

    SubmissionFileFactory(
        submission=submission,
        kind=FileKind.ANONYMISED,
        file=ContentFile(docx_bytes("Merit-based recruitment."), name="a.docx"),
    )
    return submission


def _reports_in(journal, section, editor, reviewers):
    """All reports in and the reviewers disagreeing: first in the decision queue."""
    submission = SubmissionFactory(
        journal=journal,
        section=section,
        state=State.SUBMITTED,
        title={
            "en": "Performance pay and motivation in ministries",
            "ru": "Оплата по результатам и мотивация в министерствах",
        },
    )
    _with_reviewer_copy(submission)
    review_round = round_open(submission=submission, actor=editor)
    form = journal.review_forms.get()
    first, second = reviewers
    submitted = _report(
        review_invite(round=review_round, actor=editor, reviewer=first),
        form,
        recommendation=Recommendation.ACCEPT,
        scores=(5, 5, True),
        comments="A careful study; publish it.",
    )
    _report(
        review_invite(round=review_round, actor=editor, reviewer=second),
        form,
        recommendation=Recommendation.REJECT,
        scores=(2, 1, False),
        comments="The survey cannot support causal claims.",
    )
    return submission, submitted.assignment


def _decided(journal, section, editor, reviewer):
    submission = SubmissionFactory(
        journal=journal, section=section, state=State.SUBMITTED
    )
    _with_reviewer_copy(submission)
    review_round = round_open(submission=submission, actor=editor)
    _report(
        review_invite(round=review_round, actor=editor, reviewer=reviewer),
        journal.review_forms.get(),
        recommendation=Recommendation.MAJOR_REVISION,
        scores=(3, 2, False),
        comments="The method section needs rework.",
    )
    decision_make(
        submission=submission,
        actor=editor,
        kind=DecisionKind.MAJOR_REVISION,
        letter_subject="Decision on your manuscript",
        letter_body="Dear author,\n\nPlease revise the method section.",
    )
    return submission


def _in_production(journal, section, editor):
    submission = SubmissionFactory(
        journal=journal, section=section, state=State.ACCEPTED
    )
    article = production_start(submission=submission, actor=editor)
    GalleyFactory(article=article, uploaded=True)
    html_galley(article)
    render_job_fail(
        job=RenderJob.objects.create(article=article, requested_by=editor),
        error="PDF step: the figure file fig2.tiff could not be read.",
    )
    copyedit_upload(
        article=article,
        actor=editor,
        upload=upload("copyedited.docx", docx_bytes("Copyedited text.")),
        note="Please check the edited references.",
    )
    return submission, article


def _usage(articles):
    this_month = timezone.now().astimezone(datetime.UTC).date().replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    for n, article in enumerate(articles, start=1):
        monthly(article, last_month, {TII: 12 * n})
        monthly(article, last_month, {TII: 5 * n, TIR: 5 * n}, kind="pdf")
        monthly(article, this_month, {TII: 3 * n, TIR: 3 * n}, kind="html")
        monthly(article, last_month, {UIR: 4 * n})


@pytest.fixture
def office():
    journal = JournalFactory(
        title="International Journal of Civil Service Reform and Practice",
        abbreviation="IJCSRP",
    )
    section = SectionFactory(journal=journal, title="Research Articles")
    notes = SectionFactory(journal=journal, title="Policy Notes")
    CallFactory(journal=journal, title="Remote work in government")
    standard_form(journal)
    editor = _person(journal, Role.EDITOR, "Gulnara", "Ismailova")
    manager = _person(journal, Role.MANAGER, "Timur", "Akhmetov")
    reviewers = [
        _person(
            journal,
            Role.REVIEWER,
            given,
            family,
            affiliation=affiliation,
            research_interests="civil service recruitment, merit, public pay",
        )
        for given, family, affiliation in (
            ("Bakhyt", "Omarov", "Nazarbayev University"),
            ("Dina", "Serikbayeva", "KIMEP University"),
            ("Levan", "Beridze", "Tbilisi State University"),
            ("Anna", "Hakobyan", "Yerevan State University"),
            ("Rustam", "Karimov", "Westminster International University"),
        )
    ]
    reviewer = reviewers[0]

    new = SubmissionFactory(journal=journal, section=notes, state=State.SUBMITTED)
    under_review, drafting = _under_review(journal, section, editor, reviewers[:4])
    reports_in, completed = _reports_in(journal, section, editor, reviewers[:2])
    decided = _decided(journal, section, editor, reviewers[2])
    invited = review_invite(
        round=round_open(
            submission=_with_reviewer_copy(
                SubmissionFactory(journal=journal, section=notes, state=State.SUBMITTED)
            ),
            actor=editor,
        ),
        actor=editor,
        reviewer=reviewer,
        message="Your work on merit pay makes you the ideal reviewer.",
    )
    SubmissionFactory(journal=journal, section=section, state=State.ACCEPTED)
    producing, article = _in_production(journal, section, editor)

    volume = VolumeFactory(journal=journal, number=3, year=2026)
    assembling = IssueFactory(
        journal=journal, volume=volume, number="2", title="Merit and pay"
    )
    for order in (1, 2):
        ArticleFactory(submission__journal=journal, issue=assembling, order=order)
    ArticleFactory(submission__journal=journal)  # ready, in no issue yet
    published, published_articles = published_issue(journal, volume=volume, number="1")
    _usage(published_articles)

    slug = journal.slug
    office_ = f"/editorial/submissions/{under_review.pk}/"
    editorial = f"/j/{slug}/editorial/"
    return SimpleNamespace(
        editor=editor,
        manager=manager,
        reviewer=reviewer,
        editor_pages={
            "dashboard": "/dashboard/",
            "editorial-office": editorial,
            "new-submission": f"/editorial/submissions/{new.pk}/",
            "submission-under-review": office_,
            "peer-review-new": f"/editorial/submissions/{new.pk}/review/",
            "peer-review": f"{office_}review/",
            "peer-review-reports-in": f"/editorial/submissions/{reports_in.pk}/review/",
            "peer-review-decided": f"/editorial/submissions/{decided.pk}/review/",
            "decision": (
                f"/editorial/submissions/{reports_in.pk}/decision/minor-revision/"
            ),
            "desk-reject": f"/editorial/submissions/{new.pk}/decision/desk-reject/",
            "reviewer-finder": f"{office_}reviewer-finder/",
            "anonymity-check": f"{office_}anonymity/",
            "review-queues": f"/editorial/journals/{slug}/queues/",
            "decision-queue": f"/editorial/journals/{slug}/decision-queue/",
            "reminder-emails": "/account/notifications/",
            "production": f"/j/{slug}/production/",
            "production-submission": f"/production/submissions/{producing.pk}/",
            "proofs": f"/submissions/{producing.pk}/proofs/",
            "issues": f"{editorial}issues/",
            "issue-new": f"{editorial}issues/new/",
            "issue-assembling": f"{editorial}issues/{assembling.pk}/",
            "issue-edit": f"{editorial}issues/{assembling.pk}/edit/",
            "issue-published": f"{editorial}issues/{published.pk}/",
            "volume-new": f"{editorial}volumes/new/",
            "volume-edit": f"{editorial}volumes/{volume.pk}/edit/",
            "doi-settings": f"{editorial}publishing-settings/",
            "article-in-production": f"{editorial}articles/{article.pk}/",
            "article-published": f"{editorial}articles/{published_articles[0].pk}/",
            "usage-statistics": f"{editorial}statistics/",
        },
        manager_pages={
            "dashboard": "/dashboard/",
            "editorial-reports": f"{editorial}reports/",
            "usage-statistics": f"{editorial}statistics/",
        },
        reviewer_pages={
            "review-queue": "/reviews/",
            "invitation": f"/reviews/{invited.pk}/respond/",
            "review-form": f"/reviews/{drafting.pk}/",
            "submitted-review": f"/reviews/{completed.pk}/",
        },
    )


def _in_russian(page, live_server):
    page.context.add_cookies(
        [{"name": "django_language", "value": "ru", "url": live_server.url}]
    )


def test_editor_pages_pass_axe_core(page, live_server, office):
    login(page, live_server, office.editor)
    check_pages(page, live_server, office.editor_pages, prefix="a11y-editor")


def test_editor_pages_fit_a_phone_screen(phone_page, live_server, office):
    login(phone_page, live_server, office.editor)
    check_pages(
        phone_page,
        live_server,
        office.editor_pages,
        prefix="phone-editor",
        phone=True,
    )


def test_russian_editor_pages_pass_axe_core_and_fit_a_phone_screen(
    phone_page, live_server, office
):
    # Russian words run longer: a table or a button that fits in English may not.
    login(phone_page, live_server, office.editor)
    _in_russian(phone_page, live_server)
    check_pages(
        phone_page,
        live_server,
        office.editor_pages,
        prefix="phone-ru-editor",
        phone=True,
    )
    assert phone_page.locator("html").get_attribute("lang") == "ru"


def check_on_desktop_and_phone(page, phone_page, live_server, user, pages, name):
    for browser_page, prefix, phone in (
        (page, f"a11y-{name}", False),
        (phone_page, f"phone-{name}", True),
    ):
        login(browser_page, live_server, user)
        check_pages(browser_page, live_server, pages, prefix=prefix, phone=phone)


def test_reviewer_pages_pass_axe_core_and_fit_a_phone_screen(
    page, phone_page, live_server, office
):
    check_on_desktop_and_phone(
        page,
        phone_page,
        live_server,
        office.reviewer,
        office.reviewer_pages,
        "reviewer",
    )


def test_manager_reports_pass_axe_core_and_fit_a_phone_screen(
    page, phone_page, live_server, office
):
    check_on_desktop_and_phone(
        page, phone_page, live_server, office.manager, office.manager_pages, "manager"
    )


def test_editor_page_with_an_open_email_passes_axe_core(page, live_server, office):
    """Expanded accordions and details show text axe-core cannot see when closed."""
    login(page, live_server, office.editor)
    page.goto(f"{live_server.url}{office.editor_pages['submission-under-review']}")
    page.locator("#emails .accordion-button").first.click()
    page.locator("#emails .accordion-collapse.show").wait_for()
    violations = axe_violations(page)
    assert not violations, describe("open email", violations)
