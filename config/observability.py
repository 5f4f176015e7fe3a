"""Error reporting and logs for operators.

- `sentry_init`: errors go to Sentry only when SENTRY_DSN is set, from web
  processes and Celery workers alike. Nothing personal leaves: no user, no
  cookies, no request bodies and no local variables (a reviewer's name in a
  double-anonymous review must never reach a third party through a stack
  trace).
- `logging_config`: plain text, or with LOG_FORMAT=json one JSON object per
  line for a log collector, each carrying the request's id.
- `RequestIdMiddleware`: takes the proxy's X-Request-ID (or makes one),
  returns it on the response, and tags every log line of the request with it.
"""

import contextvars
import logging
import re
import uuid

from django.core.signals import request_finished

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "request_id", default="-"
)
# What a proxy may hand us as a request id: short, no spaces or markup.
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def sentry_init(
    *,
    dsn: str,
    environment: str = "production",
    release: str | None = None,
    traces_sample_rate: float = 0.0,
    transport=None,
) -> bool:
    """Start error reporting if `dsn` is set. Returns whether it started."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=traces_sample_rate,
        transport=transport,
    )
    return True


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


def logging_config(*, log_format: str, level: str) -> dict:
    """Django's LOGGING: everything to stderr, as text or as JSON lines."""
    if log_format == "json":
        formatter = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level"},
        }
    else:
        formatter = {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "config.observability.RequestIdFilter"}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
    }


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        # Kept until the response is closed: Django logs a 4xx or 5xx answer
        # after the middleware has returned.
        _request_id.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


def _request_id_forget(**_kwargs) -> None:
    _request_id.set("-")


request_finished.connect(_request_id_forget, dispatch_uid="observability-request-id")
