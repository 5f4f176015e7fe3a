"""A backup restored into a fresh database and an empty S3 storage serves the
same article page and the same PDF, byte for byte, as the site it was taken
from (PostgreSQL when the suite runs on it, else SQLite)."""

import http.client
import re
import subprocess
import sys
import uuid
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.e2e.conftest import (
    REPO_ROOT,
    _database_url,
    production_env,
    start_gunicorn,
    stop,
)
from tests.publishing.factories import (
    GalleyFactory,
    PublishedArticleFactory,
    html_galley,
)

pytestmark = [pytest.mark.services]

CSRF_TOKEN = re.compile(rb'(?<=name="csrfmiddlewaretoken" )value="[^"]+"')
BEHIND_TLS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}


def _get(site, path: str) -> tuple[int, bytes]:
    parts = urlsplit(site.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    connection.request("GET", path, headers=BEHIND_TLS)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    # The language form's CSRF token is masked afresh on every response, from
    # any site; everything else must match.
    return response.status, CSRF_TOKEN.sub(b'value="csrf"', body)


def _manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _storage_env(seaweedfs, bucket: str, prefix: str) -> dict:
    return {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_LOCATION": prefix,
        "AWS_S3_ENDPOINT_URL": seaweedfs.endpoint_url,
        "AWS_ACCESS_KEY_ID": seaweedfs.access_key,
        "AWS_SECRET_ACCESS_KEY": seaweedfs.secret_key,
    }


@pytest.fixture
def fresh_database(transactional_db, tmp_path):
    """The URL of a new, empty database of the suite's kind."""
    from django.db import connection

    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:6]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = _database_url({**connection.settings_dict, "NAME": name})
    try:
        yield url
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restored_into_a_fresh_database_and_bucket_serves_the_same_article(
    s3_storage, seaweedfs, fresh_database, collected_static, tmp_path
):
    from django.db import connection

    article = PublishedArticleFactory()
    html_galley(article, html="<h1>Merit</h1><p>Open competitions.</p>")
    pdf = GalleyFactory(
        article=article,
        file__data=b"%PDF-1.4\n% restored byte for byte\n%%EOF\n",
        file__filename="article.pdf",
    )
    page = reverse("publishing:article", args=[article.pk])
    download = reverse("publishing:article_download", args=[article.pk, pdf.pk])

    base = {"STATIC_ROOT": collected_static, "CONN_MAX_AGE": 0}
    original = production_env(
        **base,
        DATABASE_URL=_database_url(connection.settings_dict),
        **_storage_env(seaweedfs, s3_storage.bucket, s3_storage.prefix.rstrip("/")),
    )
    site = start_gunicorn(env=original, log=tmp_path / "original.log")
    try:
        before = {path: _get(site, path) for path in (page, download)}
    finally:
        stop(site.process)
    assert before[page][0] == 200 and before[download][0] == 200, site.output()
    assert before[download][1].startswith(b"%PDF")

    backup = tmp_path / "backup"
    done = _manage(original, "backup", str(backup))
    assert done.returncode == 0, done.stderr
    assert (backup / "manifest.json").is_file()

    # An empty storage: a prefix of its own in the session's bucket (each new
    # SeaweedFS bucket takes volumes of its own, of which the test server has few).
    fresh_prefix = f"restored-{uuid.uuid4().hex[:8]}"
    restored = production_env(
        **base,
        DATABASE_URL=fresh_database,
        **_storage_env(seaweedfs, s3_storage.bucket, fresh_prefix),
    )
    done = _manage(restored, "restore", str(backup))
    assert done.returncode == 0, done.stderr
    # Restoring twice would mix two sites: refused.
    again = _manage(restored, "restore", str(backup))
    assert again.returncode != 0
    assert "not empty" in again.stderr

    site = start_gunicorn(env=restored, log=tmp_path / "restored.log")
    try:
        after = {path: _get(site, path) for path in (page, download)}
    finally:
        stop(site.process)
    assert after == before, site.output()
