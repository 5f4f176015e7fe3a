import tempfile

from .base import *  # noqa: F403
from .env import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
ALLOWED_HOSTS = ["*"]
SITE_URL = "http://testserver"
if not env("AWS_STORAGE_BUCKET_NAME", default=""):
    MEDIA_ROOT = tempfile.mkdtemp(prefix="journal-test-media-")
    STORAGES["default"]["OPTIONS"]["location"] = MEDIA_ROOT  # noqa: F405
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
