"""Reader pages benchmark: article page, a 100-article table of contents and the
journal home, with 10,000 published articles, served by gunicorn (2 workers)
on 127.0.0.1 and loaded with wrk.

It builds its own SQLite database in a temporary folder (or uses DATABASE_URL
if set), seeds it with `manage.py seed_demo --articles N`, gathers 100 of the
articles into one issue for the table of contents, counts the SQL queries of
each page (first view, then cached) through Django's test client, then runs
wrk against each page and prints requests per second. With --record the
figures are appended to bench/RESULTS.md under "Reader pages".

    .venv/bin/python bench/pages.py [--articles 10000] [--duration 10] [--record]
"""

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
TARGETS = {"article": (300, 10), "toc": (100, 10), "home": (300, 10)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def prepare(env, articles: int) -> dict:
    """Seed, build the 100-article issue, and return the paths to measure."""
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    started = time.monotonic()
    run(
        [PYTHON, "manage.py", "seed_demo", "--articles", str(articles), "--seed", "1"],
        env,
        stdout=subprocess.DEVNULL,
    )
    seeded = time.monotonic() - started
    script = """
import django, json
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from publishing.models import Article, ArticleStatus, Issue, IssueState, Volume
from publishing.issues.cache import reader_cache_bump

article_count = Article.objects.filter(status=ArticleStatus.PUBLISHED).count()
journal = Article.objects.filter(status=ArticleStatus.PUBLISHED).first().journal
volume = Volume.objects.filter(journal=journal).order_by("-number").first()
issue = Issue.objects.filter(journal=journal, title="Benchmark issue").first()
if issue is None:
    issue = Issue.objects.create(
        journal=journal, volume=volume, number="B", year=volume.year,
        title="Benchmark issue", state=IssueState.PUBLISHED,
        published_at=timezone.now() - timezone.timedelta(days=3650),
    )
    ids = list(Article.objects.filter(journal=journal, status=ArticleStatus.PUBLISHED)
               .order_by("pk").values_list("pk", flat=True)[:100])
    Article.objects.filter(pk__in=ids).update(issue=issue)
    for order, pk in enumerate(ids, start=1):
        Article.objects.filter(pk=pk).update(order=order)
reader_cache_bump(journal.pk)
article = Article.objects.filter(journal=journal, status=ArticleStatus.PUBLISHED).order_by("-pk").first()
paths = {
    "article": f"/article/{article.pk}/",
    "toc": f"/j/{journal.slug}/issues/{issue.pk}/",
    "home": f"/j/{journal.slug}/",
}
client = Client()
queries = {}
for name, path in paths.items():
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts.append(len(ctx))
    queries[name] = counts
print(json.dumps({"paths": paths, "queries": queries, "articles": article_count,
                  "toc_articles": issue.articles.count()}))
"""
    out = run([PYTHON, "-c", script], env, capture_output=True, text=True).stdout
    import json

    info = json.loads(out.strip().splitlines()[-1])
    info["seed_seconds"] = seeded
    return info


def wrk(url: str, duration: int, connections: int) -> float:
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} error responses\n{result.stdout}")
    return float(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--record", action="store_true", help="append to RESULTS.md")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install -y wrk).")

    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "ERROR",
        # As in production (config.settings.production): keep connections.
        "CONN_MAX_AGE": "60",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'db.sqlite3'}")
    print(f"Preparing {args.articles} published articles in {workdir} …", flush=True)
    info = prepare(env, args.articles)
    print(
        f"Seeded in {info['seed_seconds']:.1f} s; {info['articles']} published "
        f"articles; table of contents with {info['toc_articles']} articles."
    )

    port = free_port()
    server = subprocess.Popen(
        [
            GUNICORN,
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    results = {}
    load_before = os.getloadavg()[0]
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + info["paths"]["home"], timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        for name, path in info["paths"].items():
            # Warm both workers' caches, then measure.
            wrk(base + path, 2, 4)
            results[name] = wrk(base + path, args.duration, args.connections)
    finally:
        server.terminate()
        server.wait(timeout=20)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    load_after = os.getloadavg()[0]
    labels = {
        "article": "Article page",
        "toc": f"Issue table of contents ({info['toc_articles']} articles)",
        "home": "Journal home",
    }
    lines = []
    for name, rps in results.items():
        target_rps, target_q = TARGETS[name]
        cold, warm = info["queries"][name]
        ok = "meets" if rps >= target_rps and cold <= target_q else "MISSES"
        lines.append(
            f"| {labels[name]} | {rps:,.0f} | {target_rps} | {cold} / {warm} | "
            f"{target_q} | {ok} |"
        )
    header = (
        "| Page | Requests/s | Target | SQL queries (first view / cached) | "
        "Max queries | |\n|---|---:|---:|---:|---:|---|"
    )
    print()
    print(f"Load average (1 min) before/after: {load_before:.1f} / {load_after:.1f}")
    print(header)
    print("\n".join(lines))
    if args.record:
        machine = (
            f"{platform.node()}: {platform.processor() or platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"{'SQLite' if 'sqlite' in env['DATABASE_URL'] else 'PostgreSQL'}"
        )
        text = (
            f"\n## Reader pages\n\n"
            f"{dt.date.today().isoformat()} · {machine} · "
            f"{info['articles']:,} published articles · gunicorn, 2 workers, "
            f"127.0.0.1 · wrk -t2 -c{args.connections} -d{args.duration}s · "
            f"load average {load_before:.1f} before, {load_after:.1f} after "
            f"(the machine is shared) · "
            f"`.venv/bin/python bench/pages.py --record`\n\n"
            f"{header}\n" + "\n".join(lines) + "\n\n"
            "Rendered page parts are cached per journal (a generation number bumped "
            "by every publishing change) and, for an article, by its datestamp; the "
            "first-view column is the uncached cost.\n"
        )
        with open(ROOT / "bench" / "RESULTS.md", "a", encoding="utf-8") as handle:
            handle.write(text)
        print("\nAppended to bench/RESULTS.md")


if __name__ == "__main__":
    sys.exit(main())
