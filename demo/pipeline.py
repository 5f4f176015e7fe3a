"""Demo manuscripts taken through the whole pipeline to published articles.

Every step is a service the site's pages call, run by the person who would do
it: peer review (a round, invitations, reports, the editor's decision and, for
one manuscript, a revision), production (copyediting, JATS → HTML → PDF, proofs
approved by the author) and an issue of the current year published with DOIs.
Each manuscript moves on from whatever state it is in, so an interrupted run
resumes where it stopped and a finished one changes nothing.
"""

import io
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from journal.models import Journal, User
from production.jats.schema import schema_path
from production.models import CopyeditStatus
from production.services import (
    RENDER_STEPS,
    copyedit_respond,
    copyedit_upload,
    production_start,
    proofs_approve,
    proofs_send,
)
from publishing.issues.services import (
    article_set_pagination,
    issue_assign_article,
    issue_publish,
    issue_save,
    volume_save,
)
from publishing.models import (
    Article,
    ArticleStatus,
    GalleyKind,
    Issue,
    IssueState,
    Volume,
)
from reviews.models import AssignmentState, CriterionKind
from reviews.services import (
    assignment_accept,
    decision_letter_draft,
    decision_make,
    latest_round,
    review_get_or_start,
    review_invite,
    review_submit,
    revision_resubmit,
    round_open,
)
from submissions.models import FileKind, State, Submission
from submissions.services import submission_file_upload

from .archive import FIRST_YEAR
from .manuscript import manuscript_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ISSUE = {
    "title": "Reform in practice",
    "description": (
        "Evidence from the civil services of Kazakhstan, the Kyrgyz Republic and "
        "Ukraine: what training changed, how personnel records went digital and "
        "how a competency framework is used to select senior civil servants."
    ),
}
REPORTS = {
    "accept": (
        "The article is clear, well argued and useful to practitioners. The data "
        "support the conclusions; I have no further requests."
    ),
    "minor-revision": (
        "A useful study. Please say how participants were sampled, report the "
        "survey's response rate and discuss the limits of self-reported change."
    ),
}
# The most steps a manuscript takes from "submitted" to "ready for publication"
# (two review rounds with a revision between them, then production).
MAX_STEPS = 10

Upload = Callable[..., SimpleUploadedFile]


def complete_articles_possible() -> bool:
    """Whether the JATS schema is installed: no JATS is stored unless valid."""
    return schema_path().is_file()


def complete_articles_seed(
    *, journal: Journal, people: dict[str, User], specs: list[dict], upload: Upload
) -> list[Article]:
    """Take the submitted demo manuscripts of `specs` to published articles.

    `upload(spec, author, revised=True)` makes the revised manuscript file.
    Raises DomainError if a service refuses a step (the demo is then broken).
    """
    editor = people["editor"]
    articles = []
    for spec in specs:
        submission = Submission.objects.get(
            journal=journal,
            submitter=people[spec["submitter"]],
            title__en=spec["title"]["en"],
        )
        _advance(submission, spec, people, upload)
        articles.append(Article.objects.get(submission=submission))
    issue = _demo_issue(journal, editor)
    if issue.state != IssueState.PUBLISHED:
        with transaction.atomic():
            for article in articles:
                if article.issue_id is None:
                    _assign(issue, article, editor)
            # Publishing queues the published version of each article's
            # galleys (DOI, issue, pages); Celery runs it eagerly here.
            issue_publish(issue=issue, actor=editor)
    return [Article.objects.get(pk=a.pk) for a in articles]


# --- review and production, one state at a time -------------------------------
def _advance(submission: Submission, spec: dict, people: dict, upload: Upload) -> None:
    done = (State.READY_FOR_PUBLICATION, State.PUBLISHED)
    for _step in range(MAX_STEPS):
        # A fresh row each time: the state field cannot be refreshed in place.
        submission = Submission.objects.select_related("journal", "section").get(
            pk=submission.pk
        )
        if submission.state in done:
            return
        step = STEPS[submission.state]
        with transaction.atomic():
            step(submission, spec, people, upload)
    raise RuntimeError(f"Demo manuscript {submission.pk} did not reach publication.")


def _handler(spec: dict, people: dict) -> User:
    return people[spec.get("handled_by", "editor")]


def _open_round(submission, spec, people, upload) -> None:
    # After a revision this invites the previous round's reviewers again.
    round_open(submission=submission, actor=_handler(spec, people))


def _review_and_decide(submission, spec, people, upload) -> None:
    handler = _handler(spec, people)
    current = latest_round(submission)
    kind = spec["decisions"][current.number - 1]
    if not current.assignments.exists():
        for key in spec["reviewers"]:
            review_invite(round=current, actor=handler, reviewer=people[key])
    invited = current.assignments.filter(state=AssignmentState.INVITED)
    for assignment in invited.select_related("reviewer"):
        assignment_accept(
            assignment=assignment,
            actor=assignment.reviewer,
            competing_interests="None.",
        )
    accepted = current.assignments.filter(state=AssignmentState.ACCEPTED)
    for assignment in accepted.select_related("reviewer", "submission"):
        review_submit(
            assignment=assignment,
            actor=assignment.reviewer,
            answers=_answers(assignment),
            confidence=4,
            recommendation=kind,
            comments_to_author=REPORTS[kind],
            comments_to_editor="",
        )
    subject, body = decision_letter_draft(
        submission=submission, actor=handler, kind=kind
    )
    decision_make(
        submission=submission,
        actor=handler,
        kind=kind,
        letter_subject=subject,
        letter_body=body,
    )


def _answers(assignment) -> dict:
    """A favourable answer to every criterion of the journal's review form."""
    answers = {}
    for criterion in review_get_or_start(assignment=assignment).criteria():
        if criterion.kind == CriterionKind.YESNO:
            answers[str(criterion.pk)] = True
        else:
            answers[str(criterion.pk)] = criterion.scale_max
    return answers


def _revise(submission, spec, people, upload) -> None:
    author = people[spec["submitter"]]
    for kind in (FileKind.MANUSCRIPT, FileKind.ANONYMISED):
        submission_file_upload(
            submission=submission,
            actor=author,
            kind=kind,
            upload=upload(spec, author, revised=True),
        )
    revision_resubmit(
        submission=submission,
        actor=author,
        note=(
            "We describe the sample and the response rate in the method section "
            "and discuss the limits of self-reported change in the conclusion."
        ),
    )


def _start_production(submission, spec, people, upload) -> None:
    production_start(submission=submission, actor=people["production-editor"])


def _produce(submission, spec, people, upload) -> None:
    """Copyedit, render the proofs, and have the author approve them."""
    production_editor = people["production-editor"]
    author = people[spec["submitter"]]
    article = Article.objects.select_related("submission", "journal").get(
        submission=submission
    )
    review = article.copyedit_reviews.order_by("-pk").first()
    if review is None:
        review = copyedit_upload(
            article=article,
            actor=production_editor,
            upload=_copyedited(spec, submission),
            note=(
                "Copyedited for house style. Title, abstracts, keywords and "
                "references are typeset from the metadata you entered."
            ),
        )
    if review.status == CopyeditStatus.PENDING:
        copyedit_respond(
            review=review,
            actor=author,
            approve=True,
            message="Thank you, the copyedited text is fine.",
        )
    if not article.galleys.filter(is_current=True, kind=GalleyKind.PDF).exists():
        # The production render service, run here and now rather than queued.
        for _name, render in RENDER_STEPS:
            render(article=article)
    proofs_send(article=article, actor=production_editor)
    proofs_approve(submission=submission, actor=author, note="The proofs are correct.")


def _copyedited(spec: dict, submission: Submission) -> SimpleUploadedFile:
    language = submission.language
    other = "ru" if language == "en" else "en"
    data = manuscript_docx(
        title=submission.title_in(language),
        abstract=submission.abstract_in(language),
        abstract_ru=submission.abstract_in("ru"),
        keywords=submission.keywords_in(language),
        topic=spec["keywords"]["en"][0],
        seed=len(spec["title"][other]),  # the same table and figure as submitted
        copyedited=True,
    )
    return SimpleUploadedFile("copyedited.docx", data, content_type=DOCX)


STEPS = {
    State.SUBMITTED: _open_round,
    State.RESUBMITTED: _open_round,
    State.UNDER_REVIEW: _review_and_decide,
    State.REVISIONS_REQUESTED: _revise,
    State.ACCEPTED: _start_production,
    State.IN_PRODUCTION: _produce,
}


# --- the issue ----------------------------------------------------------------
def _demo_issue(journal: Journal, editor: User) -> Issue:
    """The current year's demo issue, in the volume for the year."""
    year = timezone.localdate(timezone.now(), journal.tz).year
    issue = Issue.objects.filter(
        journal=journal, year=year, title=ISSUE["title"]
    ).first()
    if issue is not None:
        return issue
    volume = (
        Volume.objects.filter(journal=journal, year=year).order_by("number").first()
    )
    if volume is None:
        # Numbered as the back issues are, unless that number is taken.
        number = year - FIRST_YEAR + 1
        if Volume.objects.filter(journal=journal, number=number).exists():
            last = Volume.objects.filter(journal=journal).aggregate(m=Max("number"))
            number = last["m"] + 1
        volume = volume_save(
            volume=Volume(journal=journal, number=number, year=year), actor=editor
        )
    taken = [
        int(n) for n in volume.issues.values_list("number", flat=True) if n.isdigit()
    ]
    return issue_save(
        issue=Issue(
            journal=journal,
            volume=volume,
            number=str(max(taken, default=0) + 1),
            year=year,
            title=ISSUE["title"],
            description=ISSUE["description"],
        ),
        actor=editor,
    )


def _assign(issue: Issue, article: Article, editor: User) -> None:
    """Put the article at the end of the issue, its pages after the last one's."""
    from pypdf import PdfReader

    previous = issue.articles.exclude(pk=article.pk).values_list("last_page", flat=True)
    first = max((int(p) for p in previous if p.isdigit()), default=0) + 1
    pdf = article.galleys.get(is_current=True, kind=GalleyKind.PDF)
    with pdf.file.open("rb") as fh:
        pages = len(PdfReader(io.BytesIO(fh.read())).pages)
    article = issue_assign_article(issue=issue, article=article, actor=editor)
    article_set_pagination(
        article=article,
        actor=editor,
        first_page=str(first),
        last_page=str(first + pages - 1),
        elocation_id="",
    )


def complete_articles(journal: Journal, specs: list[dict]) -> list[Article]:
    """The published articles of the complete demo manuscripts, in issue order."""
    titles = [spec["title"]["en"] for spec in specs]
    found = (
        Article.objects.filter(journal=journal, status=ArticleStatus.PUBLISHED)
        .select_related("submission")
        .order_by("issue_id", "order")
    )
    return [a for a in found if a.submission.title.get("en") in titles]
