"""Crawler-storm benchmark: gunicorn with production settings (2 threaded
workers, config/gunicorn.conf.py), PostgreSQL and Redis.

1. Throughput, side by side in one run, as ratios to the floor (robots.txt,
   a trivial view through the same middleware): the anonymous article page,
   and its 304 revalidation. wrk -t2 -cC -dDs each, in alternating rounds;
   the median round counts. The anonymous share is set to every thread here
   (ANONYMOUS_CONCURRENCY = WEB_THREADS), so no request is refused and every
   response counted is a page.
2. Storm, with the production share (all threads but one for anonymous
   requests): 64 clients from 16 loopback addresses (127.0.0.2 … 127.0.0.17)
   request article pages of 100 articles (revalidating with If-None-Match once
   they hold a copy), PDFs and searches for 60 s, keep-alive, no pause; meanwhile one
   signed-in editor walks six staff pages in a loop (a 50 ms pause between
   pages). Reported: requests by status, the editor's errors and p50/p95.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/t_15 \\
    CACHE_URL=redis://127.0.0.1:6379/15 \\
    .venv/bin/python bench/storm.py [--articles 1000] [--port 20150] [--record]

The database is migrated and seeded (`seed_demo --articles N`) unless it
already holds the benchmark journal; the Redis database is flushed.
"""

import argparse
import asyncio
import datetime as dt
import json
import multiprocessing
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
# An AI crawler, as in the storms that take journals down.
CRAWLER = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)"
STORM_ADDRESSES = [f"127.0.0.{i}" for i in range(2, 18)]

PREPARE = r"""
import json, django
django.setup()
from django.core.files.base import ContentFile
from django.test import Client
from journal.models import Journal, JournalRole, Role
from journal.reader_cache import reader_cache_bump
from publishing.models import Article, ArticleStatus, Galley, GalleyKind
from django.urls import reverse

articles = list(
    Article.objects.filter(status=ArticleStatus.PUBLISHED)
    .order_by("-pk").values_list("pk", "journal_id")[:100]
)
journal = Journal.objects.get(pk=articles[0][1])
# The editor of the benchmark signs in without an authenticator app: the
# journal leaves two-factor authentication optional.
journal.staff_two_factor = "optional"
journal.save(update_fields=["staff_two_factor"])
from journal.models import User
editor, _ = User.objects.get_or_create(
    email="bench-editor@example.org", defaults={"given_name": "Bench"}
)
JournalRole.objects.get_or_create(journal=journal, user=editor, role=Role.EDITOR)
JournalRole.objects.get_or_create(journal=journal, user=editor, role=Role.MANAGER)
pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
pdfs = []
for pk, _journal in articles[:100]:
    galley = Galley.objects.filter(article_id=pk, kind=GalleyKind.PDF).first()
    if galley is None:
        galley = Galley(article_id=pk, kind=GalleyKind.PDF,
                        content_type="application/pdf", size=len(pdf))
        galley.file.save("article.pdf", ContentFile(pdf), save=True)
    pdfs.append(f"/article/{pk}/download/{galley.pk}/")
reader_cache_bump(journal.pk)
client = Client()
client.force_login(editor)
session = client.cookies["sessionid"].value
submission = journal.submissions.order_by("-pk").first()
slug = journal.slug
staff = [
    reverse("submissions:editor_dashboard", args=[slug]),
    reverse("publishing:editor_issues", args=[slug]),
    reverse("reviews_extra:decision_queue", args=[slug]),
    reverse("production:dashboard", args=[slug]),
    reverse("stats:usage", args=[slug]),
    reverse("submissions:editor_detail", args=[submission.pk]),
]
print(json.dumps({
    "articles": [f"/article/{pk}/" for pk, _j in articles],
    "pdfs": pdfs,
    "searches": ["/search/?q=" + w for w in (
        "merit", "civil+service", "tenure", "reform", "policy", "public",
        "government", "digital", "evaluation", "training")],
    "staff": staff,
    "session": session,
}))
"""


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def start_server(env, port, share: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-c",
            "config/gunicorn.conf.py",
            "--bind",
            f"0.0.0.0:{port}",
            "--log-level",
            "warning",
        ],
        env={**env, "ANONYMOUS_CONCURRENCY": str(share), "GUNICORN_ACCESS_LOG": ""},
        cwd=ROOT,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def stop(server):
    server.terminate()
    server.wait(timeout=30)


def wrk(url, duration, connections, header=None) -> float:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", url]
    if header:
        cmd[1:1] = ["-H", header]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if bad:
        raise SystemExit(f"{url}: {bad.group(1)} error responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def throughput(base, info, rounds, duration, connections) -> dict:
    article = info["articles"][0]
    etag = urllib.request.urlopen(base + article).headers["ETag"]
    cases = {
        "floor": (base + "/robots.txt", None),
        "article": (base + article, None),
        "article_304": (base + article, f"If-None-Match: {etag}"),
    }
    for url, header in cases.values():  # warm both workers
        wrk(url, 2, 4, header)
    figures = {name: [] for name in cases}
    for _ in range(rounds):
        for name, (url, header) in cases.items():
            figures[name].append(wrk(url, duration, connections, header))
    return figures


# --- the storm ----------------------------------------------------------------


async def _request(reader, writer, path, headers=()):
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", f"User-Agent: {CRAWLER}"]
    lines += [*headers, "", ""]
    writer.write("\r\n".join(lines).encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
    etag = re.search(rb"(?i)\r\netag: *([^\r]+)", head)
    chunked = re.search(rb"(?i)\r\ntransfer-encoding: *chunked", head)
    if length:
        await reader.readexactly(int(length.group(1)))
    elif chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    closes = re.search(rb"(?i)\r\nconnection: *close", head)
    return status, etag.group(1).decode() if etag else None, bool(closes)


async def _client(port, address, info, deadline, counts, seed):
    rng = random.Random(seed)
    held = {}
    conn = None
    while time.monotonic() < deadline:
        roll = rng.random()
        if roll < 0.6:
            path = rng.choice(info["articles"])
        elif roll < 0.8:
            path = rng.choice(info["pdfs"])
        else:
            path = rng.choice(info["searches"])
        headers = [f"If-None-Match: {held[path]}"] if path in held else []
        try:
            if conn is None:
                conn = await asyncio.open_connection(
                    "127.0.0.1", port, local_addr=(address, 0)
                )
            status, etag, closes = await _request(*conn, path, headers)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            counts["connection error"] += 1
            if conn is not None:
                conn[1].close()
            conn = None
            await asyncio.sleep(0.05)
            continue
        counts[status] += 1
        if (
            status == 200
            and etag
            and path.startswith("/article/")
            and "download" not in path
        ):
            held[path] = etag
        if closes:
            conn[1].close()
            conn = None
    if conn is not None:
        conn[1].close()


async def _storm(port, info, seconds, clients):
    counts = Counter()
    deadline = time.monotonic() + seconds
    tasks = [
        _client(port, STORM_ADDRESSES[i % 16], info, deadline, counts, i)
        for i in range(clients)
    ]
    await asyncio.gather(*tasks)
    return counts


def storm_process(port, info, seconds, clients, queue):
    queue.put(dict(asyncio.run(_storm(port, info, seconds, clients))))


def editor_process(port, info, seconds, queue):
    import http.client

    latencies, errors = [], Counter()
    deadline = time.monotonic() + seconds
    cookie = f"sessionid={info['session']}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < deadline:
        for path in info["staff"]:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                status = response.status
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = "connection error"
            latencies.append((time.perf_counter() - started) * 1000)
            if status != 200:
                errors[f"{path} {status}"] += 1
            time.sleep(0.05)
    queue.put({"latencies": latencies, "errors": dict(errors)})


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--port", type=int, default=20150)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=6, help="s per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--storm-seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument(
        "--staff-pool",
        action="store_true",
        help="the editor uses a second gunicorn of its own (1 process × 2 "
        "threads, port + 1), as a proxy sending staff paths there would",
    )
    parser.add_argument("--record", action="store_true", help="append to RESULTS.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install -y wrk).")
    if "DATABASE_URL" not in os.environ or "CACHE_URL" not in os.environ:
        raise SystemExit("Set DATABASE_URL (PostgreSQL) and CACHE_URL (Redis).")

    workdir = Path(tempfile.mkdtemp(prefix="bench-storm-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "benchmark-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": f"http://127.0.0.1:{args.port}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "CELERY_BROKER_URL": os.environ["CACHE_URL"],
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(ROOT / "var" / "bench-media")),
        "LOG_LEVEL": "ERROR",
        "WEB_CONCURRENCY": "2",
        "WEB_THREADS": "4",
    }
    # The demo journal is seeded under development settings (production has
    # no demo app); everything else runs under production settings.
    dev = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env)
    run(
        [
            PYTHON,
            "manage.py",
            "compilemessages",
            "--ignore=.venv",
            "--ignore=var",
            "-v0",
        ],
        env,
    )
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    seeded = run(
        [
            PYTHON,
            "-c",
            "import django; django.setup(); from publishing.models import Article; print(Article.objects.count())",
        ],
        env,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if int(seeded or 0) < args.articles:
        run(
            [PYTHON, "manage.py", "seed_demo", "--articles", str(args.articles),
             "--seed", "1", "--no-complete"],
            dev,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
    run(
        ["redis-cli", "-u", os.environ["CACHE_URL"], "flushdb"],
        env,
        stdout=subprocess.DEVNULL,
    )
    out = run([PYTHON, "-c", PREPARE], env, capture_output=True, text=True).stdout
    info = json.loads(out.strip().splitlines()[-1])
    base = f"http://127.0.0.1:{args.port}"
    load = [os.getloadavg()[0]]
    result = {"load": load, "command": " ".join(sys.argv[1:])}

    if not args.skip_throughput:
        server = start_server(env, args.port, share=4)
        try:
            figures = throughput(
                base, info, args.rounds, args.duration, args.connections
            )
        finally:
            stop(server)
        result["throughput"] = figures
        load.append(os.getloadavg()[0])

    run(
        ["redis-cli", "-u", os.environ["CACHE_URL"], "flushdb"],
        env,
        stdout=subprocess.DEVNULL,
    )
    out = run([PYTHON, "-c", PREPARE], env, capture_output=True, text=True).stdout
    info = json.loads(out.strip().splitlines()[-1])
    server = start_server(env, args.port, share=3)
    staff_server = None
    editor_port = args.port
    if args.staff_pool:
        editor_port = args.port + 1
        staff_server = start_server(
            {**env, "WEB_CONCURRENCY": "1", "WEB_THREADS": "2"}, editor_port, share=1
        )
    try:
        storm_q, editor_q = multiprocessing.Queue(), multiprocessing.Queue()
        storm = multiprocessing.Process(
            target=storm_process,
            args=(args.port, info, args.storm_seconds, args.clients, storm_q),
        )
        editor = multiprocessing.Process(
            target=editor_process,
            args=(editor_port, info, args.storm_seconds, editor_q),
        )
        storm.start()
        time.sleep(2)  # the storm is under way when the editor arrives
        editor.start()
        counts = storm_q.get()
        walked = editor_q.get()
        storm.join()
        editor.join()
    finally:
        stop(server)
        if staff_server is not None:
            stop(staff_server)
        run(
            ["redis-cli", "-u", os.environ["CACHE_URL"], "flushdb"],
            env,
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)
    load.append(os.getloadavg()[0])
    result["storm"] = counts
    result["editor"] = walked
    report(result, args)


def report(result, args) -> None:
    lines = []
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    loads = " → ".join(f"{x:.1f}" for x in result["load"])
    lines.append(
        f"{stamp} · {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, PostgreSQL, Redis · gunicorn "
        f"config/gunicorn.conf.py (2 workers × 4 threads), production settings · "
        f"1-minute load average {loads} (start → after throughput → after storm)"
    )
    lines.append("")
    if "throughput" in result:
        figures = result["throughput"]
        floor = statistics.median(figures["floor"])
        lines.append(
            f"Throughput (wrk -t2 -c{args.connections} -d{args.duration}s, "
            f"{args.rounds} alternating rounds, median):"
        )
        lines.append("")
        lines.append("| Request | Requests/s (rounds) | Ratio to floor | Target | |")
        lines.append("|---|---:|---:|---:|---|")
        targets = {"floor": None, "article": 0.6, "article_304": 0.9}
        labels = {
            "floor": "robots.txt (floor)",
            "article": "Anonymous article page",
            "article_304": "Article page, 304 revalidation",
        }
        for name, values in figures.items():
            median = statistics.median(values)
            ratio = median / floor
            target = targets[name]
            verdict = (
                "" if target is None else ("meets" if ratio >= target else "MISSES")
            )
            rounds = ", ".join(f"{v:.0f}" for v in values)
            lines.append(
                f"| {labels[name]} | {median:.0f} ({rounds}) | {ratio:.0%} | "
                f"{'' if target is None else f'{target:.0%}'} | {verdict} |"
            )
        lines.append("")
    counts = result["storm"]
    total = sum(v for k, v in counts.items())
    latencies = result["editor"]["latencies"]
    errors = result["editor"]["errors"]
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    lines.append(
        f"Storm: {args.clients} clients from 127.0.0.2–127.0.0.17, "
        f"{args.storm_seconds} s, 60% article pages (If-None-Match once held), "
        "20% PDFs, 20% searches; production budgets and share (3 of 4 threads); "
        + (
            "the editor on a staff pool of its own (1 process × 2 threads)."
            if args.staff_pool
            else "the editor on the same two processes."
        )
    )
    lines.append("")
    lines.append("| Measure | Result | Target |")
    lines.append("|---|---:|---|")
    lines.append(
        f"| Storm requests answered | {total:,} ({total / args.storm_seconds:.0f}/s) | |"
    )
    for status in sorted(counts, key=str):
        lines.append(f"| … {status} | {counts[status]:,} | |")
    lines.append(f"| Editor requests | {len(latencies)} | |")
    lines.append(f"| Editor errors | {sum(errors.values())} {errors or ''} | 0 |")
    lines.append(f"| Editor p50 | {p50:.0f} ms | |")
    lines.append(
        f"| Editor p95 | {p95:.0f} ms | ≤ 300 ms ({'meets' if p95 <= 300 else 'MISSES'}) |"
    )
    lines.append(f"| Editor max | {max(latencies):.0f} ms | |")
    text = "\n".join(lines)
    print(text)
    if args.record:
        with open(ROOT / "bench" / "RESULTS.md", "a") as out:
            out.write(
                f"\n## Crawler storm (`bench/storm.py {result['command']}`)\n\n{text}\n"
            )


if __name__ == "__main__":
    main()
