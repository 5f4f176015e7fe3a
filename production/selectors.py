"""Reads for production pages, with permissions applied (404 for what a person
may not see)."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from journal.selectors import user_is_production_editor
from production.models import ArticleMedia, RenderJob
from publishing.models import Article, Galley
from submissions.models import State, Submission
from submissions.selectors import submission_visible_to

PRODUCTION_STATES = (State.ACCEPTED, State.IN_PRODUCTION, State.READY_FOR_PUBLICATION)


def _current_galleys() -> Prefetch:
    return Prefetch(
        "article__galleys",
        queryset=Galley.objects.filter(is_current=True).order_by("kind"),
        to_attr="current_galleys",
    )


def _recent_jobs() -> Prefetch:
    return Prefetch(
        "article__render_jobs",
        queryset=RenderJob.objects.order_by("-created_at", "-pk"),
        to_attr="recent_jobs",
    )


def production_queue(user, journal) -> QuerySet[Submission]:
    """Accepted, in-production and ready submissions of a journal, with their
    article, current galleys and render jobs (a fixed number of queries)."""
    if not user_is_production_editor(user, journal):
        raise Http404
    return (
        Submission.objects.filter(journal=journal, state__in=PRODUCTION_STATES)
        .select_related("section", "submitter", "article")
        .prefetch_related(_current_galleys(), _recent_jobs())
        .order_by("state", "-state_changed_at")
    )


def submission_for_production(user, pk) -> Submission:
    try:
        submission = Submission.objects.select_related(
            "journal", "section", "submitter"
        ).get(pk=pk, state__in=PRODUCTION_STATES + (State.PUBLISHED,))
    except (Submission.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not user.is_authenticated or not user_is_production_editor(
        user, submission.journal
    ):
        raise Http404
    return submission


def article_of(submission: Submission) -> Article:
    try:
        return Article.objects.select_related("journal", "production_editor").get(
            submission=submission
        )
    except Article.DoesNotExist:
        raise Http404 from None


def submission_for_proofs(user, pk) -> Submission:
    """The author's (or the journal staff's) submission with an article, or 404."""
    submission = submission_visible_to(user, pk)
    if submission.state not in (
        State.IN_PRODUCTION,
        State.READY_FOR_PUBLICATION,
        State.PUBLISHED,
    ):
        raise Http404
    return submission


def galley_for(article: Article, pk) -> Galley:
    try:
        return article.galleys.get(pk=pk)
    except (Galley.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def media_visible_to(user, article_pk, name: str) -> ArticleMedia:
    """A figure of a public article, or of one the person may see in production."""
    try:
        media = ArticleMedia.objects.select_related("article").get(
            article_id=article_pk, name=name
        )
    except (ArticleMedia.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not media.article.is_public:
        submission_visible_to(user, media.article.submission_id)
    return media
