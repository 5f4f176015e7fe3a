import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()

# Every task registered before the first request: services enqueue them by
# name from several threads at once (journal.queue).
from journal.queue import import_task_modules  # noqa: E402

import_task_modules()
