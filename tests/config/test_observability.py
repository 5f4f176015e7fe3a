"""Error reporting starts only with a DSN and sends nothing personal; logs can
be JSON lines carrying the request's id."""

import io
import json
import logging
import logging.config
import subprocess
import sys
from pathlib import Path

import pytest
import sentry_sdk
from django.urls import path
from sentry_sdk.transport import Transport

from config.observability import RequestIdFilter, logging_config, sentry_init
from tests.factories import UserFactory

REPO_ROOT = Path(__file__).resolve().parents[2]


def _broken(request):
    raise RuntimeError("the render went wrong")


urlpatterns = [path("broken/", _broken)]


class FakeTransport(Transport):
    """Keeps what would have been sent, instead of sending it."""

    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)


def _settings_in_child(**env) -> dict:
    """What a fresh process with these variables set up (no network)."""
    code = (
        "import json, django, sentry_sdk; django.setup();"
        "c = sentry_sdk.get_client();"
        "print(json.dumps({'active': c.is_active(),"
        " 'integrations': sorted(getattr(c, 'integrations', {})),"
        " 'pii': c.options.get('send_default_pii'),"
        " 'locals': c.options.get('include_local_variables')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_dsn_no_error_reporting_starts():
    assert sentry_init(dsn="") is False
    assert _settings_in_child()["active"] is False


def test_with_a_dsn_errors_of_web_and_workers_are_reported_without_personal_data():
    started = _settings_in_child(SENTRY_DSN="https://public@errors.example.invalid/1")
    assert started["active"] is True
    assert {"django", "celery"} <= set(started["integrations"])
    assert started["pii"] is False
    assert started["locals"] is False


@pytest.mark.django_db
def test_a_reported_error_carries_no_identity_cookie_or_body(client, settings):
    settings.ROOT_URLCONF = __name__
    reviewer = UserFactory(email="hidden.reviewer@example.org")
    client.force_login(reviewer)
    client.raise_request_exception = False
    transport = FakeTransport()
    sentry_init(dsn="https://public@errors.example.invalid/1", transport=transport)
    try:
        response = client.post(
            "/broken/", {"comments": "Signed, Dr Hidden Reviewer"}, follow=False
        )
        sentry_sdk.flush()
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)
    assert response.status_code == 500
    sent = b"".join(
        item.get_bytes() for envelope in transport.envelopes for item in envelope.items
    )
    assert b"the render went wrong" in sent
    assert b"hidden.reviewer" not in sent
    assert b"Dr Hidden Reviewer" not in sent
    assert client.cookies["sessionid"].value.encode() not in sent


def test_json_logs_are_one_json_object_a_line():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "import logging; logging.getLogger('journal').warning('queued %s', 3)",
        ],
        cwd=REPO_ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "LOG_FORMAT": "json",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    record = json.loads(lines[-1])
    assert record["message"] == "queued 3"
    assert record["level"] == "WARNING"
    assert record["name"] == "journal"
    assert record["request_id"] == "-"


@pytest.mark.django_db
def test_a_request_s_log_lines_carry_its_id(client):
    stream = io.StringIO()
    config = logging_config(log_format="json", level="WARNING")
    formatter = logging.config.DictConfigurator(config).configure_formatter(
        config["formatters"]["default"]
    )
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="edge-42")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    assert response["X-Request-ID"] == "edge-42"
    record = json.loads(stream.getvalue().splitlines()[-1])
    assert record["request_id"] == "edge-42"
    assert "Not Found" in record["message"]
    # Lines logged after the request no longer carry its id.
    assert RequestIdFilter().filter(record := logging.makeLogRecord({}))
    assert record.request_id == "-"
