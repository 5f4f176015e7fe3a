"""Imported issues and articles enter the published state through their
`import_published` transition, logged as imported from OJS, which nothing but
an import may run."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from journal.errors import ActionNotAllowed
from journal.workflow import run_transition, transition_log_for
from ojs.models import OjsRecord, RecordKind
from publishing.imports import importing
from publishing.models import Article, ArticleStatus, Issue, IssueState
from tests.factories import UserFactory
from tests.publishing.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _import(issues):
    call_command(
        "import_ojs", str(issues), journal="pa", no_progress=True, stdout=io.StringIO()
    )


def _row(model, kind, ojs_id):
    pk = OjsRecord.objects.get(kind=kind, ojs_id=ojs_id).object_id
    return model.objects.get(pk=pk)


def test_imported_issue_and_article_are_logged_as_imported_from_ojs(journal, export):
    issues, _users = export("3.5")
    _import(issues)
    issue = _row(Issue, RecordKind.ISSUE, "11")
    article = _row(Article, RecordKind.ARTICLE, "1")
    assert issue.state == IssueState.PUBLISHED
    assert article.status == ArticleStatus.PUBLISHED
    for row, source in ((issue, IssueState.DRAFT), (article, "in-production")):
        [log] = transition_log_for(row)
        assert (log.transition, log.from_state, log.to_state) == (
            "import_published",
            source,
            "published",
        )
        assert log.note == "imported from OJS"
        assert log.actor is None  # the command acts for nobody

    _import(issues)  # a second run moves nothing and logs nothing
    assert transition_log_for(issue).count() == 1
    assert transition_log_for(article).count() == 1


def test_nothing_but_an_import_may_publish_through_the_import_transition(db):
    article = ArticleFactory(status=ArticleStatus.IN_PRODUCTION)
    editor = UserFactory(is_superuser=True)
    when = timezone.now()
    with pytest.raises(TransitionNotAllowed):
        article.import_published(when=when)
    with pytest.raises(ActionNotAllowed):
        run_transition(
            article,
            "import_published",
            actor=editor,
            kwargs={"when": when},
            check_permission=True,
        )
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_PRODUCTION
    assert not transition_log_for(article).exists()

    with importing("OJS"):
        run_transition(
            article,
            "import_published",
            actor=None,
            kwargs={"when": when},
            check_permission=True,
        )
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at == when
