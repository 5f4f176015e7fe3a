import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()

# Every task registered before the first request: services enqueue them by
# name from several threads at once (journal.queue).
from .celery import app as _celery_app  # noqa: E402

_celery_app.loader.import_default_modules()
