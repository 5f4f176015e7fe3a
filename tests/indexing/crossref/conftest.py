import http.server
import os
import threading
from email.parser import BytesParser
from email.policy import default as default_policy

import pytest
from django.conf import settings
from django.core.cache import cache

from publishing.models import JournalPublishingSettings
from tests.publishing.factories import (
    IssueFactory,
    PublishedArticleFactory,
    with_authors,
)
from tests.schemas import schema_missing


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _crossref_schema():
    path = os.path.join(settings.SCHEMAS_DIR, "crossref", "crossref5.3.1.xsd")
    if not os.path.exists(path):
        schema_missing(
            f"Crossref 5.3.1 schema not found at {path} (settings.SCHEMAS_DIR)"
        )


@pytest.fixture
def issue(db):
    issue = IssueFactory(
        state="published", number="2", volume__number=5, doi="10.99999/jpa.5.2"
    )
    JournalPublishingSettings.objects.create(
        journal=issue.journal,
        depositor_name="Hub",
        depositor_email="doi@hub.example.org",
    )
    first = PublishedArticleFactory(
        submission__journal=issue.journal,
        submission__references="Smith, J. (2020). Merit. Public Admin Review.\n\nIvanov, I. (2019). Reform.",
        issue=issue,
        order=1,
        doi="10.99999/jpa.2026.1",
        first_page="1",
        last_page="20",
    )
    authors = with_authors(first, 2, orcid="0000-0002-1825-0097", affiliation="Academy")
    authors[1].given_name, authors[1].family_name = "Айгуль", "Сейткалиева"
    authors[1].save()
    PublishedArticleFactory(
        submission__journal=issue.journal,
        issue=issue,
        order=2,
        doi="10.99999/jpa.2026.2",
        elocation_id="e102",
    )
    return issue


class Recorder:
    """What the fake Crossref received, and what it answers next."""

    def __init__(self):
        self.requests = []
        self.status = 200
        self.body = b"<html><body>Your batch submission was successfully received.</body></html>"

    def form(self, index=-1) -> dict:
        """The multipart fields of a recorded request: {name: bytes}."""
        content_type, body = (
            self.requests[index]["content_type"],
            self.requests[index]["body"],
        )
        message = BytesParser(policy=default_policy).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        fields = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[name] = part.get_payload(decode=True)
            if part.get_filename():
                fields[name + ".filename"] = part.get_filename()
        return fields


@pytest.fixture
def crossref_server(settings):
    recorder = Recorder()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            length = int(self.headers.get("Content-Length", 0))
            recorder.requests.append(
                {
                    "path": self.path,
                    "content_type": self.headers.get("Content-Type", ""),
                    "body": self.rfile.read(length),
                }
            )
            self.send_response(recorder.status)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(recorder.body)

        def do_GET(self):  # noqa: N802
            recorder.requests.append(
                {"path": self.path, "content_type": "", "body": b""}
            )
            self.send_response(recorder.status)
            self.send_header("Content-Type", "text/xml")
            self.end_headers()
            self.wfile.write(recorder.body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CROSSREF_DEPOSIT_URL = (
        f"http://127.0.0.1:{server.server_port}/servlet/deposit"
    )
    settings.CROSSREF_USERNAME = "hub/depositor"
    settings.CROSSREF_PASSWORD = "s3cret"
    yield recorder
    server.shutdown()
    server.server_close()


@pytest.fixture
def eager_retries():
    """Let eager tasks retry in-process, as a worker would, instead of raising."""
    from config.celery import app

    before = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = before
