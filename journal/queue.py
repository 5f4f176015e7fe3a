"""Services enqueue Celery tasks by name, after the transaction commits.

A service that imported its task module would make services and tasks import
each other (tasks call services), a cycle that function-level imports used to
hide. Instead a service names the task it wants run:

    task_enqueue_on_commit("production.tasks.render_article", job_id=job.pk)

The name is the one the task is registered under in the Celery app (give every
task an explicit `name=`); it is looked up at once, so a wrong name fails in the
service call, not in a worker. The task is sent with `apply_async` when the
transaction commits (at once outside one), which also runs it in eager mode.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)

# Web processes serve requests on several threads (config/gunicorn.conf.py):
# one thread imports the task modules while the others wait, so none looks a
# task up half-way through the import.
_importing = threading.Lock()


def import_task_modules() -> None:
    """Register every task the code defines (config.celery.task_modules).

    Imported directly: the loader's import_default_modules would also run
    django.setup() again (Celery's Django fixup), which resets this process's
    logging, handlers and all, in the middle of a request.
    """
    from config.celery import task_modules

    current_app.autodiscover_tasks(task_modules, related_name=None, force=True)


def registered_task(name: str) -> Any:
    """The task registered under `name`; KeyError if there is none."""
    tasks = current_app.tasks
    if name not in tasks:  # the task modules may not be imported yet
        with _importing:
            if name not in tasks:
                import_task_modules()
    return tasks[name]


def task_enqueue_on_commit(
    name: str, /, *, log_failure: bool = False, **kwargs: Any
) -> None:
    """Send the task `name` with keyword arguments `kwargs` once the current
    transaction commits. With `log_failure`, a broker that cannot take the
    message is logged here (for work that may be lost, such as a usage count).
    The callback is robust: a failure after the commit never breaks the
    response or the other callbacks (Django logs it)."""
    task = registered_task(name)

    def send() -> None:
        try:
            task.apply_async(kwargs=kwargs)
        except Exception:
            if not log_failure:
                raise
            logger.exception("Task %s could not be queued", name)

    transaction.on_commit(send, robust=True)
