"""The worker finds every app's tasks, and the beat schedule names real tasks."""

from django.conf import settings

from config.celery import app


def test_every_beat_entry_names_a_task_the_worker_knows():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled - set(app.tasks) == set()


def test_the_worker_discovers_the_tasks_of_every_app():
    app.loader.import_default_modules()
    apps = {name.split(".")[0] for name in app.tasks if not name.startswith("celery.")}
    assert {
        "submissions",
        "reviews",
        "publishing",
        "production",
        "indexing",
        "discovery",
        "metrics",
    } <= apps
