"""Volumes and issues: assembling, ordering, publishing, correcting, retracting."""

import logging

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from journal.errors import DomainError
from journal.rules import check_perm
from journal.workflow import run_transition
from submissions.models import State
from submissions.services import submission_transition

from .. import hooks
from ..doi_patterns import article_doi, issue_doi, pattern_check
from ..models import (
    Article,
    ArticleStatus,
    ArticleVersion,
    Galley,
    Issue,
    IssueState,
    Volume,
)
from .cache import reader_cache_bump

logger = logging.getLogger(__name__)


def _check(actor, perm: str, obj) -> None:
    """The rules are in issues/rules.py; the message names who may."""
    messages = {
        "issues.prepare": _(
            "Only the journal's editors and production editors may do this."
        ),
        "issues.schedule": _(
            "Only the journal's editors and production editors may do this."
        ),
        "issues.deposit": _(
            "Only the journal's editors and production editors may do this."
        ),
    }
    check_perm(
        actor,
        perm,
        obj,
        messages.get(perm) or _("Only the journal's editors may do this."),
    )


def _check_not_published(issue: Issue) -> None:
    if issue.state == IssueState.PUBLISHED:
        raise DomainError(_("This issue is already published."))


def volume_save(*, volume: Volume, actor) -> Volume:
    """Create or update a volume (its journal set); numbers are unique per journal."""
    _check(actor, "issues.prepare", volume.journal)
    clash = Volume.objects.filter(journal=volume.journal, number=volume.number)
    if volume.pk:
        clash = clash.exclude(pk=volume.pk)
    if clash.exists():
        raise DomainError(_("This journal already has a volume with this number."))
    volume.save()
    reader_cache_bump(volume.journal_id)
    return volume


def issue_save(*, issue: Issue, actor) -> Issue:
    """Create or update an issue's description (not its state)."""
    _check(actor, "issues.prepare", issue.journal)
    if issue.volume is not None and issue.volume.journal_id != issue.journal_id:
        raise DomainError(_("The volume belongs to another journal."))
    if issue.call is not None and issue.call.journal_id != issue.journal_id:
        raise DomainError(_("The call for papers belongs to another journal."))
    if issue.is_special is False:
        issue.guest_editors = ""
    issue.save()
    if issue.state == IssueState.PUBLISHED:
        Article.objects.filter(issue=issue, status__in=_PUBLIC).update(
            datestamp=timezone.now()
        )
    reader_cache_bump(issue.journal_id)
    return issue


_PUBLIC = (ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED)


def issue_assign_article(*, issue: Issue, article: Article, actor) -> Article:
    """Put an article that is ready for publication (or published continuously
    and not yet in an issue) at the end of an issue."""
    _check(actor, "issues.prepare", issue.journal)
    if article.journal_id != issue.journal_id:
        raise DomainError(_("The article belongs to another journal."))
    ready = article.submission.state == State.READY_FOR_PUBLICATION
    continuous = article.status == ArticleStatus.PUBLISHED and not article.issue_id
    if not (ready or continuous):
        raise DomainError(
            _("Only articles ready for publication can be assigned to an issue.")
        )
    last = issue.articles.aggregate(m=Max("order"))["m"] or 0
    article.issue = issue
    article.order = last + 1
    article.touch()
    article.save(update_fields=["issue", "order", "datestamp"])
    reader_cache_bump(issue.journal_id)
    return article


def issue_remove_article(*, article: Article, actor) -> None:
    issue = article.issue
    if issue is None:
        return
    _check(actor, "issues.prepare", issue.journal)
    if article.status != ArticleStatus.IN_PRODUCTION:
        raise DomainError(_("A published article stays in its issue."))
    article.issue = None
    article.order = 0
    article.save(update_fields=["issue", "order"])
    reader_cache_bump(issue.journal_id)


def issue_order_articles(*, issue: Issue, actor, article_ids: list[int]) -> None:
    """Order the issue's articles as listed; ids not in the issue are refused."""
    _check(actor, "issues.prepare", issue.journal)
    articles = {a.pk: a for a in issue.articles.all()}
    if set(article_ids) != set(articles) or len(article_ids) != len(articles):
        raise DomainError(_("List every article of the issue exactly once."))
    now = timezone.now()
    for position, pk in enumerate(article_ids, start=1):
        article = articles[pk]
        article.order = position
        if article.is_public:
            article.datestamp = now
    Article.objects.bulk_update(articles.values(), ["order", "datestamp"])
    reader_cache_bump(issue.journal_id)


def article_set_pagination(
    *, article: Article, actor, first_page: str, last_page: str, elocation_id: str
) -> Article:
    """Pages (first and last) or an article number (elocation-id), not both."""
    _check(actor, "issues.prepare", article.journal)
    first_page, last_page = first_page.strip(), last_page.strip()
    elocation_id = elocation_id.strip()
    if elocation_id and (first_page or last_page):
        raise DomainError(_("Give either a page range or an article number."))
    if last_page and not first_page:
        raise DomainError(_("Give the first page too."))
    if (
        first_page.isdigit()
        and last_page.isdigit()
        and int(last_page) < int(first_page)
    ):
        raise DomainError(_("The last page comes before the first page."))
    article.first_page, article.last_page = first_page, last_page
    article.elocation_id = elocation_id
    article.touch()
    article.save(update_fields=["first_page", "last_page", "elocation_id", "datestamp"])
    reader_cache_bump(article.journal_id)
    return article


def issue_schedule(*, issue: Issue, actor, when) -> Issue:
    """Publish the issue automatically at `when` (aware datetime, in the future)."""
    _check(actor, "issues.schedule", issue.journal)
    _check_not_published(issue)
    if when is None or timezone.is_naive(when):
        raise DomainError(_("Give the date and time of publication."))
    if when <= timezone.now():
        raise DomainError(_("The scheduled time must be in the future."))
    if not issue.articles.exists():
        raise DomainError(_("The issue has no articles."))
    run_transition(issue, "schedule", actor=actor, kwargs={"when": when, "by": actor})
    return issue


def issue_unschedule(*, issue: Issue, actor) -> Issue:
    _check(actor, "issues.schedule", issue.journal)
    _check_not_published(issue)
    run_transition(issue, "unschedule", actor=actor)
    return issue


def _publish_article(article: Article, *, actor, now) -> None:
    """Inside the caller's transaction: DOI, submission transition, status."""
    if not article.doi and article.journal.doi_prefix:
        year = article.issue.year if article.issue is not None else now.year
        others = Article.objects.exclude(pk=article.pk)
        doi = article_doi(
            article, year=year, taken=lambda d: others.filter(doi=d).exists()
        )
        if others.filter(doi=doi).exists():
            raise DomainError(
                _("The DOI %(doi)s is already taken; change the DOI pattern.")
                % {"doi": doi}
            )
        article.doi = doi
    submission_transition(submission=article.submission, actor=actor, name="publish")
    run_transition(article, "publish", actor=actor, kwargs={"when": now})
    # The galleys were made before the DOI, issue and date were known.
    hooks.article_published(article=article)


def issue_publish(*, issue: Issue, actor, now=None) -> Issue:
    """Publish the issue and every article in it that is not yet published, in
    one transaction: if any article cannot be published, none is.

    Raises ActionNotAllowed (not an editor or manager) or DomainError (already
    published, empty, an article not ready, a DOI clash)."""
    _check(actor, "issues.publish", issue.journal)
    return _issue_publish(issue=issue, actor=actor, now=now)


def _issue_publish(*, issue: Issue, actor, now=None, on_schedule=False) -> Issue:
    now = now or timezone.now()
    with transaction.atomic():
        issue = (
            Issue.objects.select_for_update(of=("self",))
            .select_related("journal", "volume")
            .get(pk=issue.pk)
        )
        _check_not_published(issue)
        articles = list(
            issue.articles.select_related(
                "submission__journal", "submission__section", "journal", "issue__volume"
            ).order_by("order", "pk")
        )
        if not articles:
            raise DomainError(_("The issue has no articles."))
        pending = [a for a in articles if a.status == ArticleStatus.IN_PRODUCTION]
        not_ready = [
            a for a in pending if a.submission.state != State.READY_FOR_PUBLICATION
        ]
        if not_ready:
            raise DomainError(
                _("Not ready for publication: %(titles)s")
                % {"titles": "; ".join(a.submission.display_title for a in not_ready)}
            )
        for article in pending:
            article.issue = issue
            if on_schedule and actor is not None:
                # Read by the "publish" rule (submissions/rules.py).
                article.submission.publishing_on_schedule_by = actor.pk  # type: ignore[attr-defined]
            _publish_article(article, actor=actor, now=now)
        if not issue.doi:
            issue.doi = issue_doi(issue)
        run_transition(issue, "publish", actor=actor, kwargs={"when": now})
        journal_id = issue.journal_id
        transaction.on_commit(lambda: reader_cache_bump(journal_id), robust=True)
        hooks.dois_published(issue_id=issue.pk, actor=actor)
    return issue


def issues_publish_due(*, now=None) -> list[int]:
    """Publish every scheduled issue whose time has come; safe to run repeatedly
    (a published issue is skipped). Returns the ids published; an issue that
    fails stays scheduled and the others still publish."""
    now = now or timezone.now()
    published = []
    due = Issue.objects.filter(
        state=IssueState.SCHEDULED, scheduled_for__lte=now
    ).select_related("journal", "scheduled_by")
    for issue in due:
        try:
            # Whoever scheduled it (an editor or a production editor) must
            # still be allowed to schedule when the time comes.
            _check(issue.scheduled_by, "issues.schedule", issue.journal)
            _issue_publish(
                issue=issue, actor=issue.scheduled_by, now=now, on_schedule=True
            )
        except DomainError as exc:
            logger.warning("Scheduled issue %s not published: %s", issue.pk, exc)
            continue
        published.append(issue.pk)
    return published


def article_publish(*, article: Article, actor, now=None) -> Article:
    """Continuous publication: publish one article now, before its issue
    (if any) is published. Raises DomainError if it is not ready."""
    _check(actor, "issues.publish", article.journal)
    now = now or timezone.now()
    with transaction.atomic():
        article = (
            Article.objects.select_for_update(of=("self",))
            .select_related("submission", "journal", "issue__volume")
            .get(pk=article.pk)
        )
        if article.status != ArticleStatus.IN_PRODUCTION:
            raise DomainError(_("This article is already published."))
        if article.submission.state != State.READY_FOR_PUBLICATION:
            raise DomainError(_("The article is not ready for publication."))
        _publish_article(article, actor=actor, now=now)
        journal_id = article.journal_id
        transaction.on_commit(lambda: reader_cache_bump(journal_id), robust=True)
        hooks.dois_published(article_id=article.pk, actor=actor)
    return article


def _snapshot(article: Article) -> dict:
    submission = article.submission
    return {
        "title": submission.title,
        "abstract": submission.abstract,
        "keywords": submission.keywords,
        "authors": [
            {
                "given_name": c.given_name,
                "family_name": c.family_name,
                "affiliation": c.affiliation,
                "orcid": c.orcid,
            }
            for c in submission.authors.all()
        ],
        "doi": article.doi,
        "first_page": article.first_page,
        "last_page": article.last_page,
        "elocation_id": article.elocation_id,
    }


def article_new_version(*, article: Article, actor, reason: str) -> ArticleVersion:
    """Record a correction: freeze the current version (metadata and galleys)
    so it stays reachable, and make the article's version the next number.
    The production editor then replaces the galleys of the new version."""
    _check(actor, "articles.revise", article)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why there is a new version."))
    if article.status != ArticleStatus.PUBLISHED:
        raise DomainError(_("Only a published article can be corrected."))
    with transaction.atomic():
        article = Article.objects.select_for_update(of=("self",)).get(pk=article.pk)
        frozen = ArticleVersion.objects.create(
            article=article,
            number=article.version,
            reason=reason,
            metadata=_snapshot(article),
            published_at=article.published_at,
            created_by=actor,
        )
        frozen.galleys.set(
            Galley.objects.filter(article=article, is_current=True).values_list(
                "pk", flat=True
            )
        )
        article.version += 1
        article.touch()
        article.save(update_fields=["version", "datestamp"])
        journal_id = article.journal_id
        transaction.on_commit(lambda: reader_cache_bump(journal_id), robust=True)
        # Crossref learns of the correction (a Crossmark update).
        if article.doi:
            hooks.dois_published(article_id=article.pk, actor=actor)
    return frozen


def article_retract(*, article: Article, actor, notice: str, now=None) -> Article:
    """Retract a published article: the record and files stay, with the notice."""
    _check(actor, "articles.retract", article)
    notice = (notice or "").strip()
    if not notice:
        raise DomainError(_("Write the retraction notice."))
    if article.status != ArticleStatus.PUBLISHED:
        raise DomainError(_("Only a published article can be retracted."))
    article.retraction_notice = notice
    run_transition(
        article,
        "retract",
        actor=actor,
        note=notice,
        kwargs={"when": now or timezone.now()},
    )
    reader_cache_bump(article.journal_id)
    # Crossref learns of the retraction (a Crossmark update).
    if article.doi:
        hooks.dois_published(article_id=article.pk, actor=actor)
    return article


def publishing_settings_save(*, row, actor):
    """Save a journal's DOI patterns, depositor, Crossmark policy and update
    policy text; refuses unknown placeholders."""
    _check(actor, "issues.settings", row.journal)
    pattern_check(row.article_doi_pattern)
    if row.issue_doi_pattern:
        pattern_check(row.issue_doi_pattern)
    row.save()
    # Article pages show Crossmark's "Check for updates" once a policy is set.
    journal_id = row.journal_id
    transaction.on_commit(lambda: reader_cache_bump(journal_id), robust=True)
    return row
