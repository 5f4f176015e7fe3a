"""ORCID sign-in is configured from the environment (the settings are read once
per process, so each case runs in its own)."""

import os
import subprocess
import sys

from tests.e2e.conftest import REPO_ROOT

SHOW = (
    "import django; django.setup(); from django.conf import settings; "
    "from allauth.socialaccount.providers.orcid.views import OrcidOAuth2Adapter; "
    "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']); "
    "print(OrcidOAuth2Adapter.authorize_url)"
)


def _settings(**overrides) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_sandbox_client_sends_people_to_the_sandbox_and_csp_allows_it():
    result = _settings(
        ORCID_CLIENT_ID="APP-TEST",
        ORCID_SECRET="s",
        ORCID_BASE_DOMAIN="sandbox.orcid.org",
    )
    assert result.returncode == 0, result.stderr
    form_action, authorize = result.stdout.splitlines()
    assert "https://sandbox.orcid.org" in form_action
    assert authorize == "https://sandbox.orcid.org/oauth/authorize"

    refused = _settings(ORCID_BASE_DOMAIN="orcid.example.org")
    assert refused.returncode != 0
    assert "ORCID_BASE_DOMAIN must be orcid.org or sandbox.orcid.org" in refused.stderr
