"""config.settings.production behind a TLS proxy passes Django's deployment checks."""

import subprocess
import sys

from tests.e2e.conftest import REPO_ROOT, production_env


def _check_deploy(tmp_path, **overrides) -> subprocess.CompletedProcess:
    env = production_env(
        ALLOWED_HOSTS="journal.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=tmp_path / "static",
        **overrides,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_reports_nothing_under_production_settings(tmp_path):
    result = _check_deploy(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_an_operator_turns_hsts_and_the_redirect_off(
    tmp_path,
):
    result = _check_deploy(tmp_path, SECURE_HSTS_SECONDS=0, SECURE_SSL_REDIRECT="no")

    assert result.returncode != 0
    assert "security.W004" in result.stderr
    assert "security.W008" in result.stderr
