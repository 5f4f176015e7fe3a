"""Search latency over a large archive on PostgreSQL.

Builds (or reuses) a PostgreSQL database, seeds it with
`manage.py seed_demo --articles N`, rebuilds the search index in bulk, gives
every article a synthetic full text of --body-words words (the demo makes no
galleys, and an index without bodies would flatter the figures), then times
what the search page does for a mix of reader queries: the count, one page of
20 ranked results with their articles and authors, and the highlighted titles
and snippets. Each query runs once to warm up, then --rounds times. The whole
page through Django's test client (template included) is timed as well, and
the related-articles computation for a sample of articles.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search \\
        .venv/bin/python bench/search.py [--articles 100000] [--record]

With --record the figures are appended to bench/RESULTS.md under "Search".
"""

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_search"
TARGET_MS = 50.0

QUERIES = [
    ("common word", {"text": "performance"}),
    ("two common words", {"text": "civil service"}),
    ("phrase", {"text": '"talent management"'}),
    ("rare words", {"text": "succession planning"}),
    ("word or word", {"text": "telework or ombudsman"}),
    ("excluded word", {"text": "evaluation -performance"}),
    ("Cyrillic word", {"text": "меритократия"}),
    ("Cyrillic words", {"text": "государственной службы"}),
    ("Cyrillic phrase", {"text": '"электронное правительство"'}),
    ("country name", {"text": "Kazakhstan"}),
    ("author surname", {"text": None}),  # filled from the data
    ("word + year filter", {"text": "ethics", "year": None}),
    ("word + country filter", {"text": "motivation", "country": "UZ"}),
    ("word, newest first", {"text": "digital", "sort": "newest"}),
    ("no match", {"text": "xylophone"}),
    ("browse, no query", {"text": ""}),
]


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def synthetic_bodies(words: int, log) -> None:
    """Give every document without a body `words` words drawn from the
    archive's own abstracts, then refresh the vectors."""
    from django.db import connection, transaction

    from discovery.models import SearchDocument
    from discovery.search.backends import backend

    ids = list(
        SearchDocument.objects.filter(body="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        return
    vocabulary = set()
    for abstract in SearchDocument.objects.values_list("abstract", flat=True)[:2000]:
        vocabulary.update(abstract.split())
    vocabulary = sorted(vocabulary)
    rng = random.Random(1)
    engine = backend()
    started = time.monotonic()
    for start in range(0, len(ids), 2000):
        batch = ids[start : start + 2000]
        rows = [(" ".join(rng.choices(vocabulary, k=words)), pk) for pk in batch]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE discovery_searchdocument SET body = %s WHERE article_id = %s",
                rows,
            )
            engine.write_many(
                SearchDocument,
                [SearchDocument(pk=pk) for pk in batch],
                champions=False,
            )
    log(
        f"bodies of {words} words for {len(ids)} documents in "
        f"{time.monotonic() - started:.0f} s"
    )


def timed(fn, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--body-words", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("This benchmark measures PostgreSQL: set DATABASE_URL=postgres://...")
    ensure_database(url)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        # The timed page requests come from the benchmark itself, not a crawler:
        # no per-address search budget.
        "CLIENT_BUDGET_ALLOWLIST": "127.0.0.1",
    }
    os.environ.update(env)
    log = lambda message: print(message, flush=True)  # noqa: E731
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from discovery.models import SearchDocument, SearchTerm
    from discovery.search.selectors import (
        SearchParams,
        search_articles,
        search_count,
    )
    from discovery.search.services import (
        related_compute,
        search_champions_rebuild,
        search_reindex,
    )
    from publishing.models import Article, ArticleStatus

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    published = Article.objects.filter(status=ArticleStatus.PUBLISHED).count()
    if published < args.articles:
        log(f"seeding {args.articles - published} articles…")
        started = time.monotonic()
        run(
            [
                PYTHON,
                "manage.py",
                "seed_demo",
                "--articles",
                str(args.articles - published),
                "--seed",
                "1",
            ],
            env,
            stdout=subprocess.DEVNULL,
        )
        log(f"seeded in {time.monotonic() - started:.0f} s")
        published = Article.objects.filter(status=ArticleStatus.PUBLISHED).count()
    index_seconds = None
    if SearchDocument.objects.count() < published:
        started = time.monotonic()
        search_reindex(related=False)
        index_seconds = time.monotonic() - started
        log(
            f"indexed {SearchDocument.objects.count()} documents in {index_seconds:.0f} s"
        )
    if args.body_words:
        synthetic_bodies(args.body_words, log)
    if not SearchTerm.objects.exists():
        started = time.monotonic()
        search_champions_rebuild()
        log(f"champion lists built in {time.monotonic() - started:.0f} s")
    with connection.cursor() as cursor:
        # As autovacuum would after the bulk writes above.
        cursor.execute("VACUUM ANALYZE discovery_searchdocument")
        cursor.execute("VACUUM ANALYZE discovery_searchterm")
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('discovery_searchdocument'))"
        )
        table_size = cursor.fetchone()[0]
        cursor.execute(
            "SELECT avg(array_length(regexp_split_to_array(body, '\\s+'), 1)) "
            "FROM (SELECT body FROM discovery_searchdocument LIMIT 1000) sample"
        )
        body_words = cursor.fetchone()[0] or 0
    documents = SearchDocument.objects.count()

    sample = SearchDocument.objects.order_by("?").first()
    surname = sample.authors.split(";")[0].split()[-1]
    rows = []
    all_samples = []
    for label, spec in QUERIES:
        spec = dict(spec)
        if spec["text"] is None:
            spec["text"] = surname
        if "year" in spec:
            spec["year"] = sample.year
        params = SearchParams(**spec)
        search_articles(params)  # warm-up
        # The page counts up to 10,000; the table shows the exact figure.
        hits = search_count(params, cap=10**9)
        with CaptureQueriesContext(connection) as ctx:
            search_articles(params)
        samples = timed(lambda p=params: search_articles(p), args.rounds)
        all_samples += samples
        rows.append(
            (
                label,
                spec["text"],
                hits,
                len(ctx),
                statistics.median(samples),
                max(samples),
            )
        )
        log(f"{label:24} {hits:>7} hits  {statistics.median(samples):7.1f} ms")

    client = Client()
    page_samples = []
    url_ = reverse("discovery:search")
    for _label, spec in QUERIES[:10]:
        client.get(url_, {"q": spec["text"] or ""})
        page_samples += timed(
            lambda s=spec: client.get(url_, {"q": s["text"] or ""}), 3
        )

    ids = list(SearchDocument.objects.order_by("?").values_list("pk", flat=True)[:30])
    related_samples = timed(lambda: related_compute(article_id=ids.pop()), 30)

    overall = statistics.median(all_samples)
    p95 = statistics.quantiles(all_samples, n=20)[-1]
    page = statistics.median(page_samples)
    related = statistics.median(related_samples)
    log(
        f"median {overall:.1f} ms, p95 {p95:.1f} ms, page {page:.1f} ms, "
        f"related {related:.1f} ms"
    )

    if args.record:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = cursor.fetchone()[0]
        load = os.getloadavg()[0]
        lines = [
            "",
            "## Search",
            "",
            f"{dt.date.today().isoformat()} · {platform.machine()}, {os.cpu_count()} "
            f"CPUs, Python {platform.python_version()}, PostgreSQL {server} · "
            f"{documents:,} indexed articles ({table_size} with index), each with a "
            f"synthetic full text ({body_words:.0f} words on average) · load average "
            f"{load:.1f} at the end (the machine is shared) · "
            "`.venv/bin/python bench/search.py --record`",
            "",
            "Timed: `search_articles` as the search page calls it — the count "
            "(exact up to 1,000, or the planner's estimate for one word far above "
            "it), one page of 20 results ranked (`ts_rank`, among the words' "
            "champions when more than 1,000 match) with articles and authors, and "
            "highlighted titles and snippets (`ts_headline`); "
            f"{args.rounds} runs per query after one warm-up. SQL queries include "
            "the transaction a search reads in (BEGIN, SET LOCAL, COMMIT).",
            "",
            "| query | typed | hits | SQL queries | median ms | max ms |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for label, text, hits, queries, median, worst in rows:
            typed = f"`{text}`" if text else "—"
            lines.append(
                f"| {label} | {typed} | {hits:,} | {queries} | {median:.1f} | {worst:.1f} |"
            )
        verdict = "meets" if overall < TARGET_MS else "misses"
        lines += [
            "",
            "| measure | result | target |",
            "|---|---|---|",
            f"| median over all queries | {overall:.1f} ms | < {TARGET_MS:.0f} ms |",
            f"| 95th percentile | {p95:.1f} ms | |",
            f"| whole search page (test client, template included), median | "
            f"{page:.1f} ms | |",
            f"| related articles for one article (off the request path), median | "
            f"{related:.1f} ms | |",
        ]
        if index_seconds is not None:
            lines.append(f"| bulk index build | {index_seconds:.0f} s | |")
        lines += ["", f"The median {verdict} the {TARGET_MS:.0f} ms target.", ""]
        with open(ROOT / "bench" / "RESULTS.md", "a") as handle:
            handle.write("\n".join(lines))
        log("recorded in bench/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
