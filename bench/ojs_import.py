"""OJS import benchmark: a generated OJS 3.5 Native XML export of N articles,
each with an embedded 100 KB PDF, imported on PostgreSQL with
`ojs.services.ojs_import` (what `manage.py import_ojs` runs), in a child
process per size so each peak memory figure is its own.

For each size it prints articles per second, the peak resident memory of the
importing process (ru_maxrss, measured when the import returns), the time the
background job takes to build every OAI-PMH record (after which a harvest
reads stored records: the "warm" speed) and the time of a full oai_dc
ListRecords harvest afterwards. Tasks are queued, not run, during the import
(as with a worker: search indexing is the worker's), and the OAI-PMH build is
then run in the process and timed. The queued messages are taken off the
in-process broker after each issue, as a worker takes them off Redis: left
there, they would count as the importer's memory (about 1 KB an article).

    .venv/bin/python bench/ojs_import.py --articles 1000 --articles 10000 [--record]

It creates (and drops first) the PostgreSQL database `--db` (default
`t17_bench`) on postgres://postgres@127.0.0.1:5432 and keeps files in a
temporary folder it removes at the end.
"""

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PER_ISSUE = 20
PDF_BYTES = 100 * 1024

CHILD = r"""
import json, os, resource, sys, time
import django
django.setup()
from django.test import Client
from journal.models import Journal
from ojs.services import importer
from indexing.oai.records import records_build

path, slug = sys.argv[1], sys.argv[2]
journal = Journal.objects.create(
    title="Bench " + slug, abbreviation=slug, slug=slug, publisher="Bench",
    languages=["en", "ru"], doi_prefix="10.99999",
)
queued = []
importer._after_issue = queued.extend
from kombu.transport.memory import Channel
def taken_by_worker(_articles):
    for queue in Channel.queues.values():
        queue.queue.clear()
start = time.perf_counter()
report = importer.ojs_import(
    journal=journal, issues_path=path, progress=taken_by_worker
)
seconds = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
assert not report.failed, report.failed
start = time.perf_counter()
for i in range(0, len(queued), 500):
    records_build(queued[i:i + 500])
build = time.perf_counter() - start
client = Client()
start = time.perf_counter()
params = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
pages = records = 0
import re
while True:
    response = client.get("/oai", params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    pages += 1
    records += body.count(b"<record>")
    token = re.search(rb"<resumptionToken[^>]*>([^<]+)</resumptionToken>", body)
    if not token:
        break
    params = {"verb": "ListRecords", "resumptionToken": token.group(1).decode()}
harvest = time.perf_counter() - start
print(json.dumps({
    "articles": report.counts["articles"]["created"],
    "seconds": seconds, "peak_mib": peak_kib / 1024, "oai_build": build,
    "harvest": harvest, "harvest_records": records, "pages": pages,
}))
"""


def generate(path: Path, articles: int) -> None:
    """Write the export issue by issue (the generator's memory stays small)."""
    sys.path.insert(0, str(ROOT))
    from lxml import etree

    from tests.ojs.native_builder import (
        NS,
        SECTIONS,
        ArticleSpec,
        AuthorSpec,
        FileSpec,
        GalleySpec,
        IssueSpec,
        PublicationSpec,
        _issue,
    )

    with etree.xmlfile(str(path), encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(f"{{{NS}}}issues", nsmap={None: NS}):
            for number, first in enumerate(range(1, articles + 1, PER_ISSUE), start=1):
                year = 2000 + number // 2
                day = f"{year}-{6 if number % 2 else 12:02d}-20"
                specs = []
                for n in range(first, min(first + PER_ISSUE, articles + 1)):
                    pdf = FileSpec(
                        id=n,
                        file_id=n,
                        name=f"a{n}.pdf",
                        mime="application/pdf",
                        content=b"%PDF-1.4\n"
                        + os.urandom(PDF_BYTES - 16)
                        + b"\n%%EOF\n",
                    )
                    specs.append(
                        ArticleSpec(
                            id=n,
                            section_ref="ART",
                            date_submitted=day,
                            files=[pdf],
                            publications=[
                                PublicationSpec(
                                    id=n,
                                    version=1,
                                    date_published=day,
                                    title={
                                        "en": f"Civil service reform {n}",
                                        "ru": f"Реформа госслужбы {n}",
                                    },
                                    abstract={"en": f"<p>Abstract {n}.</p>"},
                                    keywords={"en": ["reform", "merit"]},
                                    authors=[
                                        AuthorSpec(
                                            id=n,
                                            given={"en": "Aigerim"},
                                            family={"en": f"Author{n}"},
                                            email=f"a{n}@example.org",
                                            country="KZ",
                                            primary=True,
                                        )
                                    ],
                                    galleys=[GalleySpec(id=n, label="PDF", file=pdf)],
                                    doi=f"10.99999/bench.{n}",
                                    pages="1-10",
                                )
                            ],
                        )
                    )
                holder = etree.Element(f"{{{NS}}}issues", nsmap={None: NS})
                _issue(
                    holder,
                    IssueSpec(
                        id=number,
                        volume=year - 1999,
                        number=str(number),
                        year=year,
                        title={"en": f"Issue {number}"},
                        description={},
                        date_published=day,
                        sections=SECTIONS[:1],
                        articles=specs,
                    ),
                    "3.5",
                )
                xf.write(holder[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, action="append")
    parser.add_argument("--db", default="t17_bench")
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    sizes = args.articles or [1000, 10000]
    import psycopg

    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db}"')
        conn.execute(f'CREATE DATABASE "{args.db}"')
    work = Path(tempfile.mkdtemp(prefix="ojs-bench-"))
    (work / "bench_settings.py").write_text(
        "from config.settings.base import *  # noqa\nOAI_RATE_LIMIT = None\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": f"{work}:{ROOT}",
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.db}",
        "MEDIA_ROOT": str(work / "media"),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "ALLOWED_HOSTS": "testserver",
        "SCHEMAS_DIR": str((ROOT / ".." / "shared" / "schemas").resolve()),
    }
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
    )
    rows = []
    try:
        for size in sizes:
            export = work / f"export-{size}.xml"
            start = time.perf_counter()
            generate(export, size)
            made = time.perf_counter() - start
            result = subprocess.run(
                [PYTHON, "-c", CHILD, str(export), f"bench{size}"],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            figures["size_mb"] = export.stat().st_size / 1e6
            figures["generated_s"] = made
            rows.append(figures)
            print(json.dumps(figures), flush=True)
            export.unlink()
    finally:
        subprocess.run(["rm", "-rf", str(work)], check=False)
    load = os.getloadavg()
    lines = [
        f"{dt.date.today()} · {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, PostgreSQL · load average {load[0]:.1f} "
        "after (the machine is shared) · "
        f"`.venv/bin/python bench/ojs_import.py {' '.join(f'--articles {s}' for s in sizes)}`",
        "",
        "| Articles | Export | Import | Articles/s | Peak RSS | OAI records built | "
        "Full oai_dc harvest after |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['size_mb']:,.0f} MB | {r['seconds']:.0f} s | "
            f"{r['articles'] / r['seconds']:.1f} | {r['peak_mib']:.0f} MiB | "
            f"{r['oai_build']:.0f} s | {r['harvest']:.1f} s ({r['harvest_records']:,} "
            f"records, {r['pages']} pages) |"
        )
    text = "\n".join(lines)
    print(text)
    if args.record:
        results = ROOT / "bench" / "RESULTS.md"
        results.write_text(results.read_text() + "\n## OJS import\n\n" + text + "\n")


if __name__ == "__main__":
    main()
