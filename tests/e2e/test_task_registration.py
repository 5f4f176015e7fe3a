"""Every task the code defines is registered in a real `celery -A config worker`.

The suite runs tasks eagerly, in-process, where any imported task works; a
worker knows only the tasks its discovery imported, and drops the others with
"Received unregistered task". The tasks expected here are found by importing
every module of the project's apps, not from a list kept by hand.
"""

import importlib
import pkgutil
import time
from pathlib import Path

import pytest
from celery import Task
from django.apps import apps
from django.conf import settings

pytestmark = [pytest.mark.services]

WAIT_SECONDS = 60


def _project_modules():
    root = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent != root:
            continue
        yield config.name
        for info in pkgutil.walk_packages(
            config.module.__path__, prefix=f"{config.name}."
        ):
            if ".migrations" not in info.name:
                yield info.name


def tasks_defined_in_code() -> set[str]:
    names = set()
    for module_name in _project_modules():
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if isinstance(value, Task):
                names.add(value.name)
    return names


def _registered(worker) -> set[str]:
    from config.celery import app

    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if worker.process.poll() is not None:
            pytest.fail(f"the worker exited:\n{worker.output()}")
        replies = app.control.inspect(
            destination=[worker.hostname], timeout=1
        ).registered()
        if replies and worker.hostname in replies:
            return {entry.split()[0] for entry in replies[worker.hostname]}
    pytest.fail(f"the worker did not answer within {WAIT_SECONDS}s:\n{worker.output()}")


def test_the_worker_registers_every_task_the_code_defines_or_schedules(
    celery_worker,
):
    defined = tasks_defined_in_code()
    # The render task lives beside production's services, not in publishing/tasks.py.
    assert "production.tasks.render_article" in defined
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    registered = _registered(celery_worker)

    assert defined - registered == set()
    assert scheduled - registered == set()
