"""Untrusted documents are opened only within bounds: decompression bombs,
XML nested deeper than any document and a PDF whose page tree loops are
refused with a reason, converters run in a child process with memory and time
ceilings, and this process stays under a stated memory ceiling."""

import functools
import re
import resource
import subprocess
import sys

import pytest
from django.urls import reverse

from journal.bounded_process import BoundedProcessError, Limits, run_bounded
from journal.errors import DomainError
from production.jats.body import convert_document
from reviews.anonymity.leaks import document_text
from reviews.anonymity.scrub import ScrubError, scrub_file_bytes
from submissions.filetypes import DOCX, PDF
from submissions.models import SubmissionFile
from tests.factories import SubmissionFactory, UserFactory, upload

from .documents import deeply_nested_docx, looping_pdf, many_entries_docx, zip_bomb_docx

# This process may grow by at most this much while handling one hostile file
# (the bomb alone expands to 160 MB; reading it would exceed the ceiling).
CEILING_KB = 64 * 1024


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


_bomb = functools.cache(lambda: zip_bomb_docx(expanded_mb=160))


@pytest.fixture
def bomb() -> bytes:
    return _bomb()


@pytest.mark.django_db
def test_zip_bomb_upload_is_refused_with_the_reason_and_the_form_kept(client, bomb):
    author = UserFactory()
    client.force_login(author)
    draft = SubmissionFactory(submitter=author, with_manuscript=False)
    before = _peak_kb()

    response = client.post(
        reverse("submissions:file_upload", args=[draft.pk]),
        {
            "kind": "manuscript",
            "description": "Main text, revised",
            "file": upload("paper.docx", bomb),
        },
    )

    assert response.status_code == 400
    assert re.search(
        r"expands to 16\d MB when opened; the limit is 150 MB", response.text
    )
    assert "Main text, revised" in response.text
    assert not SubmissionFile.objects.exists()
    assert _peak_kb() - before < CEILING_KB


@pytest.mark.parametrize(
    "make, reason",
    [
        (_bomb, "expands to 16"),
        (lambda: zip_bomb_docx(expanded_mb=20), r"expands \d+ times"),
        (many_entries_docx, "holds 2"),
        (deeply_nested_docx, "depth"),
    ],
    ids=["bomb", "ratio", "entries", "nested-xml"],
)
def test_anonymity_check_and_scrubbing_refuse_hostile_packages(make, reason):
    data = make()
    before = _peak_kb()
    with pytest.raises(ScrubError, match=reason):
        document_text(data, DOCX)
    with pytest.raises(ScrubError):
        scrub_file_bytes(data, DOCX)
    assert _peak_kb() - before < CEILING_KB


def test_pdf_with_a_page_tree_that_loops_is_refused():
    before = _peak_kb()
    with pytest.raises(ScrubError):
        document_text(looping_pdf(), PDF)
    with pytest.raises(ScrubError):
        scrub_file_bytes(looping_pdf(), PDF)
    assert _peak_kb() - before < CEILING_KB


@pytest.mark.django_db
def test_pandoc_never_opens_a_bomb(tmp_path, bomb):
    path = tmp_path / "source.docx"
    path.write_bytes(bomb)
    with pytest.raises(DomainError, match="expands to 16"):
        convert_document(str(path), "docx")


@pytest.mark.django_db
def test_pandoc_runs_under_a_memory_and_a_time_ceiling(tmp_path, settings):
    path = tmp_path / "source.docx"
    path.write_bytes(deeply_nested_docx())
    before = _peak_kb()

    settings.PANDOC_MEMORY_MB = 16
    with pytest.raises(DomainError, match="needed more than 16 MB of memory"):
        convert_document(str(path), "docx")
    settings.PANDOC_MEMORY_MB, settings.PANDOC_TIMEOUT_SECONDS = 1024, 0.01
    with pytest.raises(DomainError, match="took longer than"):
        convert_document(str(path), "docx")
    assert _peak_kb() - before < CEILING_KB


def test_a_child_that_wants_more_memory_than_its_ceiling_is_stopped():
    grab = "x = bytearray(1024 * 1024 * 1024); print(len(x))"
    limits = Limits(memory_bytes=256 * 1024 * 1024, cpu_seconds=10, timeout_seconds=30)
    before = _peak_kb()

    with pytest.raises(BoundedProcessError) as raised:
        run_bounded([sys.executable, "-c", grab], limits=limits)

    assert raised.value.reason == "failed" and "MemoryError" in raised.value.detail
    assert _peak_kb() - before < CEILING_KB
    # The child's own peak, read in a fresh interpreter: this test process's
    # RUSAGE_CHILDREN also counts every earlier child of the test run.
    probe = subprocess.run(
        [sys.executable, "-c", _CHILD_PEAK_PROBE, grab],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert int(probe.stdout.split()[-1]) < 256 * 1024


_CHILD_PEAK_PROBE = """
import resource, sys
from journal.bounded_process import BoundedProcessError, Limits, run_bounded
limits = Limits(memory_bytes=256 * 1024 * 1024, cpu_seconds=10, timeout_seconds=30)
try:
    run_bounded([sys.executable, "-c", sys.argv[1]], limits=limits)
except BoundedProcessError:
    pass
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
