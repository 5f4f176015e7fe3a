import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("civjournal")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Finds <app>.tasks in every installed app (publishing, production, indexing,
# discovery, metrics, reviews, submissions...).
app.autodiscover_tasks()
