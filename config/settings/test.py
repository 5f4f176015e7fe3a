import os
import tempfile

from .base import *  # noqa: F403
from .env import env

# The demo journal (manage.py seed_demo) is for development and tests only.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

DEBUG = False
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "ojs.hashers.OjsBcryptPasswordHasher",
]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
ALLOWED_HOSTS = ["*"]
SITE_URL = "http://testserver"
if not env("AWS_STORAGE_BUCKET_NAME", default=""):
    # Created on the first write; tests/conftest.py gives each test its own.
    MEDIA_ROOT = os.path.join(
        tempfile.gettempdir(), f"journal-test-media-{os.getpid()}"
    )
    STORAGES["default"]["OPTIONS"]["location"] = MEDIA_ROOT  # noqa: F405
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login_failed_account": "50/h/key",
}
# Tests send many requests from one address; the budget tests switch them on.
for _budget in CLIENT_BUDGETS.values():  # noqa: F405
    _budget["rate"] = ""

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file rather than memory, so that a Celery worker in another process
    # (tests/e2e) sees the test's rows. One file per test process, so parallel
    # runs never share one; pytest-xdist appends its worker suffix (`_gw0`), and
    # the file is removed when the test database is destroyed.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(
            tempfile.gettempdir(), f"journal-test-{os.getpid()}.sqlite3"
        )
    }
