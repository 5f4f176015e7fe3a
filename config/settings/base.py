"""Settings shared by every environment; values come from environment variables."""

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.observability import logging_config, sentry_init

from .celery import *  # noqa: F403
from .email import *  # noqa: F403
from .env import BASE_DIR, VAR_DIR, env
from .storages import *  # noqa: F403

SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Absolute address of the site, for links in emails, DOIs and harvesting responses.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    "django_bootstrap5",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.orcid",
    "rules.apps.AutodiscoverRulesConfig",
    "journal",
    "submissions",
    "reviews",
    "publishing",
    "production",
    "indexing",
    "discovery",
    "metrics",
    "ojs",
]

MIDDLEWARE = [
    # Tags the request's log lines with its X-Request-ID (config.observability).
    "config.observability.RequestIdMiddleware",
    # /healthz and /readyz, answered before anything else (config.health).
    "config.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before the OAI-PMH endpoint, which answers on its own.
    "journal.client_budget.ClientBudgetMiddleware",
    # Answers /oai itself: harvesters need none of the middleware below.
    "indexing.oai.middleware.OaiEndpointMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Keeps a share of each web process's threads for signed-in people.
    "journal.staff_capacity.AnonymousShareMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "journal.middleware.PreferredLanguageMiddleware",
    "journal.middleware.StaffTwoFactorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "journal.context_processors.site",
            ],
        },
    }
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep connections between requests (seconds); 0 closes them after each request,
# which suits the development server's thread per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets readers work while a writer holds the lock; the timeout makes
    # concurrent writers wait instead of failing at once.
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis outage is logged and answered as a cache miss, not a 500; short
    # timeouts keep pages quick while Redis is unreachable.
    CACHES["default"]["BACKEND"] = "config.cache.ForgivingRedisCache"
    CACHES["default"].setdefault("OPTIONS", {})
    CACHES["default"]["OPTIONS"].setdefault("socket_connect_timeout", 1)
    CACHES["default"]["OPTIONS"].setdefault("socket_timeout", 1)

AUTH_USER_MODEL = "journal.User"
AUTHENTICATION_BACKENDS = [
    # Object permissions from each app's rules.py (django-rules).
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    # Passwords of people imported from OJS, re-hashed on their first sign-in.
    "ojs.hashers.OjsBcryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "journal:dashboard"
LOGOUT_REDIRECT_URL = "journal:home"

# Accounts: email login, verified addresses, throttled failures, TOTP for staff.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "journal.forms.SignupProfileForm"
ACCOUNT_ADAPTER = "journal.adapters.AccountAdapter"
# login_failed: per client address, and per address and account together (see
# journal.adapters); login_failed_account: per account from everywhere.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("RATE_LIMIT_LOGIN_FAILED", default="10/m/ip,5/5m/key"),
    "login_failed_account": env("RATE_LIMIT_LOGIN_FAILED_ACCOUNT", default="50/h/key"),
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
MFA_ADAPTER = "journal.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="Journal")
# Sign-in with ORCID confirms a person's iD (journal.adapters). Without a client
# id and secret no ORCID button shows and the ORCID URLs answer 404.
ORCID_CLIENT_ID = env("ORCID_CLIENT_ID", default="")
ORCID_SECRET = env("ORCID_SECRET", default="")
ORCID_BASE_DOMAIN = env("ORCID_BASE_DOMAIN", default="orcid.org")
if ORCID_BASE_DOMAIN not in ("orcid.org", "sandbox.orcid.org"):
    raise ImproperlyConfigured(
        "ORCID_BASE_DOMAIN must be orcid.org or sandbox.orcid.org."
    )
SOCIALACCOUNT_PROVIDERS = {
    "orcid": {
        "BASE_DOMAIN": ORCID_BASE_DOMAIN,
        "MEMBER_API": False,
        "APPS": (
            [{"client_id": ORCID_CLIENT_ID, "secret": ORCID_SECRET}]
            if ORCID_CLIENT_ID and ORCID_SECRET
            else []
        ),
    }
}
SOCIALACCOUNT_ADAPTER = "journal.adapters.SocialAccountAdapter"
SOCIALACCOUNT_FORMS = {"signup": "journal.social_forms.OrcidSignupForm"}
# The iD is the account's link to ORCID; tokens are not needed after sign-in.
SOCIALACCOUNT_STORE_TOKENS = False
# Staff pages need an authenticator app (journal.middleware); on in production.
STAFF_REQUIRE_TWO_FACTOR = env.bool("STAFF_REQUIRE_TWO_FACTOR", default=False)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# One date format per language (config/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Pages run only the site's own script and styles: no inline script or style
# anywhere (templates keep behaviour in static/js and layout in static/css).
# `data:` images are Bootstrap's icons and the TOTP QR code. Responses for
# uploaded content set their own, stricter policy (journal.user_content).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if SOCIALACCOUNT_PROVIDERS["orcid"]["APPS"]:
    # The "Sign in with ORCID" form redirects to ORCID's authorisation page.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        f"https://{ORCID_BASE_DOMAIN}"
    )

BOOTSTRAP5 = {
    "css_url": None,
    "javascript_url": None,
    "set_placeholder": False,
    "field_renderers": {"default": "journal.form_rendering.FieldRenderer"},
}

# Uploaded packages (DOCX, ODT, ...) are opened only within these bounds
# (submissions.filetypes.check_package).
DOCUMENT_MAX_ENTRIES = env.int("DOCUMENT_MAX_ENTRIES", default=2000)
DOCUMENT_MAX_UNCOMPRESSED_BYTES = env.int(
    "DOCUMENT_MAX_UNCOMPRESSED_BYTES", default=150 * 1024 * 1024
)
DOCUMENT_MAX_COMPRESSION_RATIO = env.int("DOCUMENT_MAX_COMPRESSION_RATIO", default=100)
# pandoc runs in a child process with these ceilings (production.jats.body).
PANDOC_MEMORY_MB = env.int("PANDOC_MEMORY_MB", default=1024)
PANDOC_TIMEOUT_SECONDS = env.int("PANDOC_TIMEOUT_SECONDS", default=120)
# WeasyPrint renders each PDF galley in a bounded child process
# (production.render.pdf): memory beyond the renderer's own libraries, and time.
PDF_RENDER_MEMORY_MB = env.int("PDF_RENDER_MEMORY_MB", default=768)
PDF_RENDER_TIMEOUT_SECONDS = env.int("PDF_RENDER_TIMEOUT_SECONDS", default=120)

# Per-client budgets on expensive endpoints (journal.client_budget): a rate
# per address, "" to switch one off; trusted harvesters in the allowlist.
CLIENT_BUDGETS = {
    "search": {
        "pattern": r"^/(j/[^/]+/)?search/",
        "rate": env("CLIENT_BUDGET_SEARCH", default="30/m"),
    },
    "download": {
        "pattern": r"^/article/\d+/download/",
        "rate": env("CLIENT_BUDGET_DOWNLOAD", default="60/m"),
    },
    "export": {
        "pattern": r"^/(article/\d+/cite/|j/[^/]+/issues/\d+/doaj\.xml|j/[^/]+/editorial/statistics/export/)",
        "rate": env("CLIENT_BUDGET_EXPORT", default="60/m"),
    },
    "oai": {"pattern": r"^/oai", "rate": env("CLIENT_BUDGET_OAI", default="120/m")},
}
CLIENT_BUDGET_ALLOWLIST = env.list("CLIENT_BUDGET_ALLOWLIST", default=[])

# How many of a web process's threads anonymous requests may take at once
# (journal.staff_capacity); the rest stay for signed-in people and the sign-in
# pages (STAFF_RESERVED_PATHS). 0: no limit. Production sets it from WEB_THREADS.
ANONYMOUS_CONCURRENCY = env.int("ANONYMOUS_CONCURRENCY", default=0)
ANONYMOUS_RETRY_AFTER_SECONDS = env.int("ANONYMOUS_RETRY_AFTER_SECONDS", default=2)
STAFF_RESERVED_PATHS = env("STAFF_RESERVED_PATHS", default=r"^/(accounts|admin)/")

# Whole reader pages kept for anonymous readers (publishing.views.page_cache),
# in seconds; an editor's change replaces them at once whatever this is.
READER_PAGE_CACHE_SECONDS = env.int("READER_PAGE_CACHE_SECONDS", default=600)

# OAI-PMH
OAI_REPOSITORY_IDENTIFIER = env(
    "OAI_REPOSITORY_IDENTIFIER", default="journal.example.org"
)
OAI_ADMIN_EMAIL = env("OAI_ADMIN_EMAIL", default="oai@journal.example.org")
OAI_PAGE_SIZE = env.int("OAI_PAGE_SIZE", default=100)
# The repository identifier of the OJS site a journal was imported from: when
# set, imported records keep OJS's OAI-PMH identifiers
# (oai:IDENTIFIER:article/OJS-ID), so harvesters see the same records.
OJS_OAI_REPOSITORY_IDENTIFIER = env("OJS_OAI_REPOSITORY_IDENTIFIER", default="")

# Crossref
CROSSREF_DEPOSIT_URL = env(
    "CROSSREF_DEPOSIT_URL", default="https://test.crossref.org/servlet/deposit"
)
CROSSREF_USERNAME = env("CROSSREF_USERNAME", default="")
CROSSREF_PASSWORD = env("CROSSREF_PASSWORD", default="")
# Crossref processes a deposit later; its result is read from the submission
# log (by default the deposit URL's sibling /servlet/submissionDownload).
CROSSREF_RESULT_URL = env("CROSSREF_RESULT_URL", default="")
# A batch is first looked for this long after it was sent...
CROSSREF_RESULT_WAIT_MINUTES = env.int("CROSSREF_RESULT_WAIT_MINUTES", default=5)
# ...and given up on (its DOIs marked failed) if it has no result after this.
CROSSREF_RESULT_GIVE_UP_HOURS = env.int("CROSSREF_RESULT_GIVE_UP_HOURS", default=72)

# Where the schemas used to validate generated XML live.
SCHEMAS_DIR = env("SCHEMAS_DIR", default=str(BASE_DIR.parent / "shared" / "schemas"))

# Readiness (/readyz): the parts without which the process should get no
# traffic, and how long each check may take. The site keeps serving with its
# cache down and keeps tasks in the database while the broker is down, so by
# default those are reported ("degraded") but not required.
READINESS_REQUIRED = env.list("READINESS_REQUIRED", default=["database", "storage"])
READINESS_TIMEOUT_SECONDS = env.float("READINESS_TIMEOUT_SECONDS", default=3.0)

# Logs go to stderr, as text or, with LOG_FORMAT=json, one JSON object a line.
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOGGING = logging_config(
    log_format=LOG_FORMAT, level=env("LOG_LEVEL", default="WARNING")
)
# In JSON, Celery workers log through the same configuration (at LOG_LEVEL)
# instead of their own text format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"

# Errors from web processes and workers go to Sentry when SENTRY_DSN is set;
# nothing personal is sent (config.observability).
SENTRY_DSN = env("SENTRY_DSN", default="")
sentry_init(
    dsn=SENTRY_DSN,
    environment=env("SENTRY_ENVIRONMENT", default="production"),
    release=env("SENTRY_RELEASE", default=""),
    traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)
