"""The site-wide Content-Security-Policy: pages run only the site's own script
and styles, and no template needs an inline exception."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from journal.emails import email_render
from journal.user_content import html_without_unsafe_links, is_safe_url
from tests.factories import JournalFactory, SubmissionFileFactory, UserFactory

from .pages import inline_handlers_and_styles, inline_scripts
from .payloads import SVG_WITH_SCRIPT, UNSAFE_LINKS

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Stand-alone documents with their own policy (galleys, PDFs) and emails,
# which mail clients show without the site's policy.
OWN_POLICY = ("emails/", "production/render/")
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)|<style|\sstyle=\"|\son[a-z]+=\"",
    re.I,
)


def test_no_page_template_has_inline_script_style_or_handler():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        name = path.relative_to(TEMPLATES).as_posix()
        if name.startswith(OWN_POLICY):
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if INLINE.search(line):
                offenders.append(f"{name}:{number}: {line.strip()[:100]}")
    assert offenders == []


def test_pages_carry_a_policy_without_inline_exceptions(client):
    journal = JournalFactory()
    editor = UserFactory()
    pages = [
        reverse("publishing:journal_home", args=[journal.slug]),
        reverse("account_login"),
        reverse("account_signup"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "sha256-" not in policy
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert inline_scripts(response.content) == [], url
        assert inline_handlers_and_styles(response.content) == [], url
    client.force_login(editor)
    response = client.get(reverse("journal:profile"))
    assert inline_handlers_and_styles(response.content) == []


def test_uploaded_svg_and_html_are_downloaded_as_inert_attachments(client):
    svg = SubmissionFileFactory(
        original_name="figure.svg",
        content_type="image/svg+xml",
        file__filename="figure.svg",
        file__data=SVG_WITH_SCRIPT,
    )
    html = SubmissionFileFactory(
        submission=svg.submission,
        original_name="notes.html",
        content_type="text/html",
        file__filename="notes.html",
        file__data=b"<script>alert(1)</script>",
    )
    client.force_login(svg.submission.submitter)
    for record, data in ((svg, SVG_WITH_SCRIPT), (html, b"<script>alert(1)</script>")):
        response = client.get(
            reverse("submissions:file_download", args=[svg.submission_id, record.pk])
        )
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        policy = response["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "sandbox" in policy
        assert b"".join(response.streaming_content) == data


@pytest.mark.parametrize("url", UNSAFE_LINKS)
def test_unsafe_schemes_are_recognised_however_written(url):
    assert not is_safe_url(url)
    assert not is_safe_url(url.replace(":", "\t:").replace("a", "a\n", 1))


@pytest.mark.parametrize(
    "url",
    ["https://doi.org/10.1/x", "mailto:a@b.org", "/articles/1/", "#ref-1", "a.png"],
)
def test_web_mail_and_relative_links_are_safe(url):
    assert is_safe_url(url)


def test_unsafe_links_are_removed_from_email_html():
    html = (
        '<!doctype html><html><body><p><a href="https://example.org/">ok</a> '
        f'<a href="{UNSAFE_LINKS[0]}">bad</a> <img src="{UNSAFE_LINKS[2]}"></p>'
        "</body></html>"
    )
    cleaned = html_without_unsafe_links(html)
    assert 'href="https://example.org/"' in cleaned
    assert "javascript:" not in cleaned and "data:" not in cleaned
    assert ">bad</a>" in cleaned


def test_plain_text_email_and_subject_are_not_html_escaped():
    from journal.models import EmailTemplate

    journal = JournalFactory()
    EmailTemplate.objects.create(
        journal=journal,
        key="review_thanks",
        language="en",
        subject='Thanks for "{{ title }}" & more',
        body='Your review of "{{ title }}" <b>arrived</b>.',
    )
    title = 'Reform & "merit" <in> Kazakhstan'

    rendered = email_render(
        "review_thanks", journal=journal, language="en", context={"title": title}
    )

    assert rendered.subject == f'Thanks for "{title}" & more'
    assert f'Your review of "{title}"' in rendered.text
    assert "&quot;" not in rendered.text + rendered.subject
    assert "&lt;in&gt;" in rendered.html  # the HTML part stays escaped
    assert mail.outbox == []
