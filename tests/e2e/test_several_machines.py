"""Two web processes and two workers on one database, one Redis and one S3
bucket, as on several machines: a galley rendered through web A by either
worker is served by web B, and a journal changed in the admin on web A shows
on web B at once (its reader pages and its OAI-PMH set names)."""

import http.client
import subprocess
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse
from lxml import etree
from lxml import html as lxml_html

from production.models import RenderJob, RenderStatus
from publishing.models import GalleyKind
from tests.e2e.conftest import (
    _database_url,
    production_env,
    start_gunicorn,
    start_worker,
    stop_all,
    wait_for_site,
)
from tests.production.factories import (
    ArticleFactory,
    manuscript_docx,
    require_jats_schema,
)
from tests.publishing.factories import PublishedArticleFactory

pytestmark = [pytest.mark.services]

PASSWORD = "several-machines-1"
WAIT_SECONDS = 120
OAI_NS = "{http://www.openarchives.org/OAI/2.0/}"


class Visitor:
    """One person's browser: a cookie jar used against either web process."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, site, method: str, path: str, form=None):
        parts = urlsplit(site.url)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            form = [*form, ("csrfmiddlewaretoken", self.cookies.get("csrftoken", ""))]
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.body = response.read()
        connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def form(self, site, path: str, xpath: str) -> list[tuple[str, str]]:
        page = self.request(site, "GET", path)
        assert page.status == 200, (path, page.status)
        (form,) = lxml_html.fromstring(page.body).xpath(xpath)
        return [(k, v) for k, v in form.form_values() if k != "csrfmiddlewaretoken"]


@pytest.fixture
def stack(
    transactional_db, own_redis, s3_storage, seaweedfs, collected_static, tmp_path
):
    """Web A and web B (gunicorn, production settings) and two workers."""
    from django.db import connection

    env = production_env(
        DATABASE_URL=_database_url(connection.settings_dict),
        CACHE_URL=f"redis://127.0.0.1:{own_redis.port}/1",
        CELERY_BROKER_URL=f"redis://127.0.0.1:{own_redis.port}/0",
        AWS_STORAGE_BUCKET_NAME=s3_storage.bucket,
        AWS_LOCATION=s3_storage.prefix.rstrip("/"),
        AWS_S3_ENDPOINT_URL=seaweedfs.endpoint_url,
        AWS_ACCESS_KEY_ID=seaweedfs.access_key,
        AWS_SECRET_ACCESS_KEY=seaweedfs.secret_key,
        STATIC_ROOT=collected_static,
        CONN_MAX_AGE=0,
        # Plain HTTP on loopback, as bin/run-production without a TLS proxy.
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS=0,
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        STAFF_REQUIRE_TWO_FACTOR="false",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    processes: list[subprocess.Popen] = []
    try:
        for name in ("a", "b"):
            processes.append(
                start_worker(
                    env=env,
                    log=tmp_path / f"worker-{name}.log",
                    hostname=f"machines-{name}-{uuid.uuid4().hex[:6]}@loopback",
                )
            )
        sites = []
        for name in ("a", "b"):
            site = start_gunicorn(env=env, log=tmp_path / f"web-{name}.log", wait=False)
            processes.append(site.process)
            sites.append(site)
        for site in sites:
            wait_for_site(site)
        yield sites, tmp_path
    finally:
        # Their state is thrown away: no need for a slow graceful shutdown.
        stop_all(processes, timeout=5)


def _logs(tmp_path) -> str:
    return "\n".join(
        f"--- {log.name}\n{log.read_text(errors='replace')[-2500:]}"
        for log in sorted(tmp_path.glob("*.log"))
    )


def _set_specs(visitor, site) -> set[str]:
    response = visitor.request(
        site, "GET", "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc"
    )
    assert response.status == 200
    return {e.text for e in etree.fromstring(response.body).iter(f"{OAI_NS}setSpec")}


def test_two_web_processes_and_two_workers_share_galleys_and_journal_changes(
    stack, settings
):
    require_jats_schema()
    (web_a, web_b), logs = stack
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    article = ArticleFactory(submission__with_docx=manuscript_docx(paragraphs=2))
    PublishedArticleFactory(
        submission__journal=article.journal, submission__section=article.section
    )
    journal = article.journal
    # The production editor also manages the site in the admin.
    person = article.production_editor
    person.is_staff = person.is_superuser = True
    person.set_password(PASSWORD)
    person.save()

    visitor = Visitor()
    login = visitor.form(
        web_a, "/accounts/login/", "//form[.//input[@name='password']]"
    )
    login = [(k, v) for k, v in login if k not in ("login", "password")]
    signed_in = visitor.request(
        web_a,
        "POST",
        "/accounts/login/",
        [*login, ("login", person.email), ("password", PASSWORD)],
    )
    assert signed_in.status == 302, _logs(logs)

    # Rendered through web A by whichever worker takes the task.
    queued = visitor.request(
        web_a, "POST", reverse("production:render", args=[article.submission_id]), []
    )
    assert queued.status == 302, _logs(logs)
    job = RenderJob.objects.get(article=article)
    deadline = time.monotonic() + WAIT_SECONDS
    while job.status not in (RenderStatus.SUCCEEDED, RenderStatus.FAILED):
        assert time.monotonic() < deadline, _logs(logs)
        time.sleep(0.2)
        job.refresh_from_db()
    assert job.status == RenderStatus.SUCCEEDED, job.error

    pdf = article.galleys.get(kind=GalleyKind.PDF, is_current=True)
    path = reverse("production:proof_galley", args=[article.submission_id, pdf.pk])
    from_a = visitor.request(web_a, "GET", path)
    from_b = visitor.request(web_b, "GET", path)
    assert from_a.status == from_b.status == 200, _logs(logs)
    assert from_a.body.startswith(b"%PDF")
    assert from_a.body == from_b.body == pdf.file.open("rb").read()

    # Web B has the journal's home page and set names cached...
    home = visitor.request(web_b, "GET", f"/j/{journal.slug}/")
    assert journal.title.encode() in home.body
    assert journal.slug in _set_specs(visitor, web_b)

    # ...when the journal is renamed in the admin on web A.
    change = f"/admin/journal/journal/{journal.pk}/change/"
    fields = visitor.form(web_a, change, "//form[@id='journal_form']")
    renamed = {"title": "Civil Service Review (renamed)", "slug": "csr-renamed"}
    fields = [(k, renamed.get(k, v)) for k, v in fields] + [("_save", "Save")]
    saved = visitor.request(web_a, "POST", change, fields)
    assert saved.status == 302, lxml_html.fromstring(saved.body).text_content()[:3000]

    home = visitor.request(web_b, "GET", "/j/csr-renamed/")
    assert home.status == 200
    assert b"Civil Service Review (renamed)" in home.body
    specs = _set_specs(visitor, web_b)
    assert "csr-renamed" in specs and journal.slug not in specs

    for site in (web_a, web_b):
        ready = visitor.request(site, "GET", "/readyz")
        assert ready.status == 200
        assert b'"status": "ok"' in ready.body
