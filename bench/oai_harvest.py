"""OAI-PMH harvest benchmark: full ListRecords harvests in oai_dc and jats and a
ListIdentifiers harvest of N published articles, through gunicorn (2 workers)
on 127.0.0.1 with PostgreSQL, timed from a single harvesting client.

It creates its own PostgreSQL database (default `oai_bench` on
postgres://postgres@127.0.0.1:5432), seeds it with
`manage.py seed_demo --articles N`, gives every article a JATS document of
realistic size (front matter with its own id, DOI and title, a body of several
sections, references), then harvests each format to the end, twice: the first
("cold") harvest builds and stores every record, the second ("warm") serves the
stored records. It prints records per second, the time of the first and the
last page, and the peak memory (VmHWM) of the gunicorn workers. With --record
the figures are appended to bench/RESULTS.md under "OAI-PMH".

    .venv/bin/python bench/oai_harvest.py [--articles 100000] [--record] [--reuse]
"""

import argparse
import datetime as dt
import http.client
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
TARGETS = {"oai_dc": 5000, "jats": 2000, "identifiers": 20000}
TOKEN_RE = re.compile(rb"<resumptionToken[^>]*?(?:/>|>([^<]*)</resumptionToken>)")

SETTINGS = """
from config.settings.base import *  # noqa
# seed_demo comes with the demo app, installed for development and benchmarks.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
DEBUG = False
OAI_RATE_LIMIT = None
# The harvesting client is a trusted harvester: no per-address budget.
CLIENT_BUDGET_ALLOWLIST = ["127.0.0.1"]
OAI_PAGE_SIZE = {page_size}
# As in production (config.settings.production): keep connections.
DATABASES["default"]["CONN_MAX_AGE"] = 60
LOGGING = {{"version": 1, "disable_existing_loggers": False}}
"""

# A body of the size of a short research article's JATS (about 20 KB in all).
SECTION = (
    '<sec id="s{n}"><title>Section {n}</title>'
    + "<p>Civil service reform in the region has relied on merit-based "
    "recruitment, open competitions and probation periods; this section "
    "examines how ministries applied the rules between 2015 and 2023, "
    "drawing on personnel records and interviews with officials.</p>" * 4 + "</sec>"
)
REFS = "".join(
    f'<ref id="r{i}"><mixed-citation publication-type="journal">Author {i}. '
    f"A study of public administration {i}. J Public Adm. 2020;{i}:1-20."
    "</mixed-citation></ref>"
    for i in range(1, 31)
)
JATS_SQL = """
UPDATE publishing_article AS a SET jats_xml =
  '<?xml version="1.0" encoding="UTF-8"?>'
  || '<article xmlns:xlink="http://www.w3.org/1999/xlink" '
  || 'xmlns:mml="http://www.w3.org/1998/Math/MathML" '
  || 'xmlns:ali="http://www.niso.org/schemas/ali/1.0/" '
  || 'article-type="research-article" dtd-version="1.3" xml:lang="en"><front>'
  || '<journal-meta><journal-id journal-id-type="publisher-id">ijcsrp</journal-id>'
  || '<journal-title-group><journal-title>Journal</journal-title></journal-title-group>'
  || '<issn publication-format="electronic">2226-6348</issn>'
  || '<publisher><publisher-name>Hub</publisher-name></publisher></journal-meta>'
  || '<article-meta><article-id pub-id-type="doi">' || coalesce(nullif(a.doi, ''), '10.99999/x.' || a.id) || '</article-id>'
  || '<title-group><article-title>'
  || replace(replace(replace(coalesce(s.title->>'en', 'Untitled'), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
  || '</article-title></title-group>'
  || '<contrib-group><contrib contrib-type="author"><name><surname>Doe</surname>'
  || '<given-names>Jane</given-names></name></contrib></contrib-group>'
  || '<pub-date publication-format="electronic" date-type="pub"><year>2024</year></pub-date>'
  || '<elocation-id>e' || a.id || '</elocation-id>'
  || '<permissions><license xlink:href="https://creativecommons.org/licenses/by/4.0/">'
  || '<ali:license_ref>https://creativecommons.org/licenses/by/4.0/</ali:license_ref>'
  || '<license-p>CC BY 4.0</license-p></license></permissions>'
  || '<abstract><p>'
  || replace(replace(replace(coalesce(s.abstract->>'en', ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
  || '</p></abstract></article-meta></front>'
  || '<body>{body}</body><back><ref-list>{refs}</ref-list></back></article>'
FROM submissions_submission AS s
WHERE s.id = a.submission_id AND a.published_at IS NOT NULL AND a.jats_xml = ''
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def psql(sql: str, db: str = "postgres", *, quiet=True) -> str:
    result = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            db,
            "-v",
            "ON_ERROR_STOP=1",
            "-qAt",
            "-c",
            sql,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def prepare(env, db: str, articles: int, reuse: bool) -> dict:
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{db}'") == "1"
    if exists and not reuse:
        psql(f'DROP DATABASE "{db}"')
        exists = False
    if not exists:
        psql(f'CREATE DATABASE "{db}"')
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    have = int(
        psql(
            "SELECT count(*) FROM publishing_article WHERE published_at IS NOT NULL", db
        )
    )
    info = {"seed_seconds": None}
    if have < articles:
        started = time.monotonic()
        run(
            [
                PYTHON,
                "manage.py",
                "seed_demo",
                "--articles",
                str(articles - have),
                "--seed",
                "1",
            ],
            env,
            stdout=subprocess.DEVNULL,
        )
        info["seed_seconds"] = time.monotonic() - started
    started = time.monotonic()
    body = "".join(SECTION.format(n=n) for n in range(1, 9))
    psql(JATS_SQL.replace("{body}", body).replace("{refs}", REFS), db)
    info["jats_seconds"] = time.monotonic() - started
    psql("VACUUM ANALYZE", db)
    info["records"] = int(
        psql(
            "SELECT count(*) FROM publishing_article WHERE published_at IS NOT NULL", db
        )
    )
    info["jats_kb"] = float(
        psql(
            "SELECT round(avg(octet_length(jats_xml)) / 1024.0, 1) FROM publishing_article "
            "WHERE published_at IS NOT NULL",
            db,
        )
    )
    return info


def clear_store(db: str) -> None:
    psql("TRUNCATE indexing_oairecord", db)


def worker_pids(master: int) -> list[int]:
    try:
        text = Path(f"/proc/{master}/task/{master}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def peak_rss_mib(pids) -> float:
    peaks = []
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            pass
    return max(peaks, default=0.0)


def fetch(port: int, query: dict) -> tuple[bytes, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    conn.request("GET", "/oai?" + urlencode(query))
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit(f"HTTP {response.status} for {query}: {body[:200]!r}")
    return body, time.perf_counter() - started


def harvest(port: int, verb: str, prefix: str) -> dict:
    element = b"<record>" if verb == "ListRecords" else b"<header"
    query = {"verb": verb, "metadataPrefix": prefix}
    count, pages, times = 0, 0, []
    started = time.perf_counter()
    while True:
        body, took = fetch(port, query)
        if b"<error" in body[:2000]:
            raise SystemExit(f"OAI error for {query}: {body[:500]!r}")
        pages += 1
        times.append(took)
        count += body.count(element)
        match = TOKEN_RE.search(body, max(0, len(body) - 2000))
        token = match.group(1) if match else None
        if not token:
            break
        query = {"verb": verb, "resumptionToken": token.decode()}
    elapsed = time.perf_counter() - started
    return {
        "verb": verb,
        "prefix": prefix,
        "records": count,
        "pages": pages,
        "seconds": elapsed,
        "per_second": count / elapsed,
        "first_page": times[0],
        "last_page": times[-1],
        "median_page": statistics.median(times),
        "last_pages": statistics.median(times[-10:]),
        "first_pages": statistics.median(times[:10]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", default="oai_bench")
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="keep a seeded database")
    parser.add_argument("--record", action="store_true", help="append to RESULTS.md")
    parser.add_argument(
        "--warm-only",
        action="store_true",
        help="keep the stored records and harvest each format once",
    )
    args = parser.parse_args()

    settings_dir = Path(tempfile.mkdtemp(prefix="bench-oai-"))
    (settings_dir / "bench_oai_settings.py").write_text(
        SETTINGS.format(page_size=args.page_size)
    )
    env = {
        **os.environ,
        "PYTHONPATH": f"{settings_dir}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "bench_oai_settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.db}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(settings_dir / "media"),
        "SITE_URL": "http://127.0.0.1",
    }
    print(f"Preparing {args.articles} published articles in {args.db} ...", flush=True)
    info = prepare(env, args.db, args.articles, args.reuse)
    print(f"  {info}", flush=True)

    port = free_port()
    server = subprocess.Popen(
        [
            GUNICORN,
            "config.wsgi",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "600",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                fetch(port, {"verb": "Identify"})
                break
            except (OSError, SystemExit):
                time.sleep(0.2)
        for _ in range(10):  # both workers load the code before timing starts
            fetch(port, {"verb": "Identify"})
        runs = []
        plan = [
            ("ListIdentifiers", "oai_dc", "identifiers"),
            ("ListRecords", "oai_dc", "oai_dc"),
            ("ListRecords", "oai_dc", "oai_dc"),
            ("ListRecords", "jats", "jats"),
            ("ListRecords", "jats", "jats"),
        ]
        if args.warm_only:
            plan = list(dict.fromkeys(plan))
        else:
            clear_store(args.db)
        for verb, prefix, label in plan:
            result = harvest(port, verb, prefix)
            warm = args.warm_only or any(r["label"] == label for r in runs)
            result.update(label=label, state="warm" if warm else "cold")
            runs.append(result)
            print(
                f"{verb} {prefix} ({result['state']}): {result['records']} records, "
                f"{result['pages']} pages in {result['seconds']:.1f} s = "
                f"{result['per_second']:.0f}/s; first page {result['first_page'] * 1000:.0f} ms, "
                f"last page {result['last_page'] * 1000:.0f} ms, median "
                f"{result['median_page'] * 1000:.0f} ms",
                flush=True,
            )
        peak = peak_rss_mib(worker_pids(server.pid))
        print(f"Peak worker memory (VmHWM): {peak:.0f} MiB")
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.record:
        record(args, info, runs, peak)


def record(args, info, runs, peak) -> None:
    load = os.getloadavg()
    lines = [
        "",
        "## OAI-PMH",
        "",
        f"`.venv/bin/python bench/oai_harvest.py --articles {args.articles}` — "
        f"{info['records']} published articles from `seed_demo --articles`, each "
        f"with a JATS document of about {info['jats_kb']:.0f} KB; gunicorn with "
        f"{args.workers} sync workers on 127.0.0.1, PostgreSQL 15 on the same "
        f"machine, one harvesting client following resumption tokens to the end, "
        f'{args.page_size} records per page. "Cold" harvests start with no '
        "stored records (each record is built and stored as it is first sent); "
        '"warm" ones serve the stored records.',
        "",
        f"Machine: {os.cpu_count()} cores (shared), Python "
        f"{platform.python_version()}, {dt.date.today().isoformat()}; load average "
        f"at the end {load[0]:.1f}.",
        "",
        "| harvest | records | records/s | first page | last page | median page | target |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        target = TARGETS[r["label"]]
        lines.append(
            f"| {r['verb']} {r['prefix']} ({r['state']}) | {r['records']} | "
            f"{r['per_second']:.0f} | {r['first_page'] * 1000:.0f} ms | "
            f"{r['last_page'] * 1000:.0f} ms | {r['median_page'] * 1000:.0f} ms | "
            f"{target}/s |"
        )
    lines += ["", f"Peak memory of a gunicorn worker (VmHWM): {peak:.0f} MiB.", ""]
    with open(ROOT / "bench" / "RESULTS.md", "a") as fh:
        fh.write("\n".join(lines))
    print("Recorded in bench/RESULTS.md")


if __name__ == "__main__":
    sys.exit(main())
