"""Liveness and readiness, for a load balancer or an orchestrator.

`/healthz` says the process answers, and touches nothing else: restart the
process when it fails. `/readyz` checks what a request needs (the database,
the cache, the broker and the file storage) and reports each part:

    {"status": "ok", "checks": {"database": {"status": "ok", "ms": 0.8}, ...}}

A part in READINESS_REQUIRED that is down makes the answer 503 (take the
process out of rotation); another part down makes it "degraded", still 200:
the site keeps serving without its cache, and actions keep their emails and
tasks in the database while the broker is down (see the README).

The middleware answers these paths first, before the host check, the HTTPS
redirect, sessions and the per-client budgets: probes come over plain HTTP
from addresses that are not the site's name, and often. Answers are never
cached and name only the parts and their exception classes, never an
address or a credential. Each check is bounded by READINESS_TIMEOUT_SECONDS.
"""

import json
import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

LIVE_PATH = "/healthz"
READY_PATH = "/readyz"


def _database() -> None:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        # The check runs in a thread of its own; its connection goes with it.
        connections["default"].close()


def _cache() -> None:
    backend = cache
    client = getattr(getattr(backend, "_cache", None), "get_client", None)
    if client is not None:
        # Redis: asked directly, since the cache itself forgives an outage.
        client(write=True).ping()
        return
    key = f"readyz:{uuid.uuid4().hex}"
    backend.set(key, 1, timeout=5)
    if backend.get(key) != 1:
        raise RuntimeError("the cache did not keep a value")
    backend.delete(key)


def _broker() -> None:
    from config.celery import app

    if app.conf.task_always_eager:
        return
    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=_timeout())
        client = getattr(connection.default_channel, "client", None)
        if client is not None and hasattr(client, "ping"):
            client.ping()


def _storage() -> None:
    # One cheap read: a HEAD request on S3, a stat on disk.
    default_storage.exists(f"readyz-probe-{uuid.uuid4().hex}")
    if isinstance(default_storage, FileSystemStorage):
        location = default_storage.location
        # Created on the first upload; only a folder that cannot be is down.
        while not os.path.exists(location) and os.path.dirname(location) != location:
            location = os.path.dirname(location)
        if not os.path.isdir(location) or not os.access(location, os.W_OK):
            raise PermissionError("the media folder cannot be written")


CHECKS = {
    "database": _database,
    "cache": _cache,
    "broker": _broker,
    "storage": _storage,
}


def _timeout() -> float:
    return float(getattr(settings, "READINESS_TIMEOUT_SECONDS", 3))


def _run(check) -> float:
    started = time.perf_counter()
    check()
    return round((time.perf_counter() - started) * 1000, 1)


def readiness() -> tuple[bool, dict]:
    """(whether every required part is up, the report of each part)."""
    required = set(getattr(settings, "READINESS_REQUIRED", CHECKS))
    pool = ThreadPoolExecutor(max_workers=len(CHECKS), thread_name_prefix="readyz")
    try:
        futures = {name: pool.submit(_run, check) for name, check in CHECKS.items()}
        deadline = time.monotonic() + _timeout()
        report: dict = {}
        for name, future in futures.items():
            try:
                ms = future.result(timeout=max(0.0, deadline - time.monotonic()))
                report[name] = {"status": "ok", "ms": ms}
            except FutureTimeout:
                report[name] = {"status": "down", "error": "timeout"}
            except Exception as exc:  # any failure of the part is its answer
                report[name] = {"status": "down", "error": type(exc).__name__}
            report[name]["required"] = name in required
    finally:
        # A part that hangs is not waited for; its thread ends on its own.
        pool.shutdown(wait=False, cancel_futures=True)
    ready = all(report[name]["status"] == "ok" for name in required if name in report)
    return ready, report


def _json(status: int, body: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body), status=status, content_type="application/json"
    )
    add_never_cache_headers(response)
    return response


class HealthMiddleware:
    """Answers /healthz and /readyz before any other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == LIVE_PATH:
            return _json(200, {"status": "ok"})
        if request.path == READY_PATH:
            ready, report = readiness()
            degraded = any(part["status"] != "ok" for part in report.values())
            status = "ok" if not degraded else "degraded" if ready else "down"
            return _json(200 if ready else 503, {"status": status, "checks": report})
        return self.get_response(request)
