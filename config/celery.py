import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("civjournal")
app.config_from_object("django.conf:settings", namespace="CELERY")

# Folders of an app that never hold tasks (and must not be imported by a worker).
_NOT_CODE = {"migrations", "templates", "static", "locale", "tests", "__pycache__"}


def task_modules() -> list[str]:
    """Every `tasks` module of the project's own apps, at any depth.

    Celery's default discovery imports `<app>.tasks` only, so tasks kept beside
    the code they serve (in a sub-package of an app) were never
    registered in a worker. This walks each app's folder instead; apps that
    installed as packages (Django's, allauth) have no tasks.
    """
    from django.apps import apps
    from django.conf import settings

    root = Path(settings.BASE_DIR).resolve()
    found = []
    for config in apps.get_app_configs():
        top = Path(config.path).resolve()
        if top.parent != root:
            continue
        for folder, subfolders, files in os.walk(top):
            subfolders[:] = sorted(d for d in subfolders if d not in _NOT_CODE)
            here = Path(folder)
            package = ".".join((config.name, *here.relative_to(top).parts))
            if "tasks.py" in files or (here / "tasks" / "__init__.py").is_file():
                found.append(f"{package}.tasks")
    return sorted(set(found))


# related_name=None: the names are whole module paths, imported as they are.
app.autodiscover_tasks(task_modules, related_name=None)
