"""The tasks the OJS import enqueues are registered with the worker."""

from config.celery import app


def test_the_worker_knows_the_ojs_tasks():
    app.loader.import_default_modules()
    assert {"ojs.build_oai_records", "ojs.import_check", "ojs.import_run"} <= set(
        app.tasks
    )
