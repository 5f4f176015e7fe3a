"""Factories for issues, articles and galleys; published articles are created
directly in their final state (no workflow), for reader-side tests."""

import factory
from django.utils import timezone

from publishing.models import (
    Article,
    ArticleStatus,
    Galley,
    GalleyKind,
    Issue,
    IssueState,
    Volume,
)
from submissions.models import State
from tests.factories import (
    ContributorFactory,
    JournalFactory,
    SubmissionFactory,
    editor_of,
)


class VolumeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volume

    journal = factory.SubFactory(JournalFactory)
    number = factory.Sequence(lambda n: n + 1)
    year = 2026


class IssueFactory(factory.django.DjangoModelFactory):
    """A draft issue; pass state=IssueState.PUBLISHED (published_at is set)."""

    class Meta:
        model = Issue

    journal = factory.SubFactory(JournalFactory)
    volume = factory.SubFactory(
        VolumeFactory, journal=factory.SelfAttribute("..journal")
    )
    number = factory.Sequence(lambda n: str(n % 4 + 1))
    year = 2026
    title = ""
    state = IssueState.DRAFT
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.state == IssueState.PUBLISHED else None
    )


class ArticleFactory(factory.django.DjangoModelFactory):
    """An article in production whose submission is ready for publication."""

    class Meta:
        model = Article

    submission = factory.SubFactory(
        SubmissionFactory, state=State.READY_FOR_PUBLICATION
    )
    journal = factory.SelfAttribute("submission.journal")
    section = factory.SelfAttribute("submission.section")
    issue = None
    order = factory.Sequence(lambda n: n + 1)
    status = ArticleStatus.IN_PRODUCTION


class PublishedArticleFactory(ArticleFactory):
    submission = factory.SubFactory(SubmissionFactory, state=State.PUBLISHED)
    status = ArticleStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    doi = factory.Sequence(lambda n: f"10.99999/test.{n}")


class GalleyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Galley

    article = factory.SubFactory(PublishedArticleFactory)
    kind = GalleyKind.PDF
    content_type = "application/pdf"
    file = factory.django.FileField(filename="article.pdf", data=b"%PDF-1.4 test")
    size = 13
    is_current = True


def html_galley(article, html="<p>Full text of the article.</p>"):
    return GalleyFactory(
        article=article,
        kind=GalleyKind.HTML,
        content_type="text/html; charset=utf-8",
        file=factory.django.FileField(filename="article.html", data=html.encode()),
    )


def jats_galley(article, xml=b"<article><front/></article>"):
    return GalleyFactory(
        article=article,
        kind=GalleyKind.JATS,
        content_type="application/xml",
        file=factory.django.FileField(filename="article.xml", data=xml),
    )


def with_authors(article, count: int, **kwargs):
    """Replace the article's authors with `count` contributors."""
    article.submission.authors.all().delete()
    return [
        ContributorFactory(submission=article.submission, order=i, **kwargs)
        for i in range(count)
    ]


def published_issue(journal=None, *, articles=2, **kwargs):
    """A published issue holding `articles` published articles."""
    journal = journal or JournalFactory()
    issue = IssueFactory(journal=journal, state=IssueState.PUBLISHED, **kwargs)
    items = [
        PublishedArticleFactory(
            submission__journal=journal,
            issue=issue,
            order=i + 1,
            published_at=issue.published_at,
        )
        for i in range(articles)
    ]
    return issue, items


def ready_issue(journal=None, *, articles=2):
    """A draft issue with `articles` articles ready for publication, and an editor."""
    journal = journal or JournalFactory()
    issue = IssueFactory(journal=journal)
    items = [
        ArticleFactory(submission__journal=journal, issue=issue, order=i + 1)
        for i in range(articles)
    ]
    return issue, items, editor_of(journal)
