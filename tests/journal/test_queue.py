"""Services enqueue tasks by name after commit; every name is a task the
worker has registered, and no service imports a task module."""

import ast
from pathlib import Path

import pytest
from celery.exceptions import NotRegistered
from django.conf import settings

from config import celery_app
from journal.queue import registered_task, task_enqueue_on_commit

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "journal",
    "submissions",
    "reviews",
    "publishing",
    "production",
    "indexing",
    "discovery",
    "metrics",
    "demo",
    "ojs",
)


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(), filename=str(path))


def _enqueued_names():
    names = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "task_enqueue_on_commit"
            ):
                first = node.args[0] if node.args else None
                assert isinstance(first, ast.Constant), (
                    f"{path}:{node.lineno} names its task with a literal string"
                )
                names.append(first.value)
    return names


def test_every_task_enqueued_by_name_is_registered_with_the_worker():
    celery_app.loader.import_default_modules()
    names = set(_enqueued_names())

    assert {
        "submissions.send_outbox_email",
        "production.tasks.render_article",
        "indexing.crossref_deposit_send",
        "indexing.crossref_deposit_create_and_send",
        "metrics.usage_event_record",
        "discovery.search_refresh_article",
    } <= names
    assert names - set(celery_app.tasks) == set()


def test_every_scheduled_task_is_registered_with_the_worker():
    celery_app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled
    assert scheduled - set(celery_app.tasks) == set()


def test_no_service_imports_a_task_module():
    offenders = []
    for path, tree in _sources():
        if path.stem == "tasks" or "views" in path.parts or path.stem == "signals":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if module.split(".")[-1] == "tasks" or any(
                    a.name == "tasks" for a in node.names
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_an_unknown_task_name_fails_in_the_service_call_not_in_a_worker():
    with pytest.raises(NotRegistered):
        task_enqueue_on_commit("publishing.no_such_task", article_id=1)


@pytest.mark.django_db
def test_the_task_is_sent_only_when_the_transaction_commits(
    django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    task = registered_task("discovery.search_refresh_article")
    monkeypatch.setattr(task, "apply_async", lambda **kw: sent.append(kw))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        task_enqueue_on_commit("discovery.search_refresh_article", article_id=7)
        assert sent == []

    assert len(callbacks) == 1
    assert sent == [{"kwargs": {"article_id": 7}}]
