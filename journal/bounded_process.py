"""Run a converter in a child process that cannot take the machine down.

Untrusted documents (manuscripts, figures) are handed to converters written
for well-formed input. Each run gets an address-space ceiling (RLIMIT_AS), a
CPU-time ceiling (RLIMIT_CPU) and a wall-clock timeout; a run that hits one is
killed and reported as `BoundedProcessError`, and the caller's process keeps
its memory. `run_bounded` starts a program per run (pandoc, CairoSVG);
`WarmProcess` forks each run from a child that has the converter imported and
warmed (WeasyPrint), for converters whose start costs more than their work.
"""

import importlib
import json
import math
import os
import resource
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass


class BoundedProcessError(Exception):
    """The child failed, ran out of memory or time; `reason` says which."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Limits:
    memory_bytes: int = 1024 * 1024 * 1024
    cpu_seconds: float = 60
    timeout_seconds: float = 90.0


def _apply(limits: Limits):
    memory = int(limits.memory_bytes)
    cpu = max(1, math.ceil(limits.cpu_seconds))

    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return preexec


def run_bounded(
    argv: Sequence[str], *, stdin: bytes = b"", limits: Limits = Limits()
) -> bytes:
    """Run `argv` with `stdin` and return its standard output.

    Raises BoundedProcessError("timeout" | "failed") when the child overruns its
    wall-clock time, is killed by a limit or exits non-zero.
    """
    try:
        done = subprocess.run(  # noqa: S603 - argv comes from the caller's code
            list(argv),
            input=stdin,
            capture_output=True,
            timeout=limits.timeout_seconds,
            preexec_fn=_apply(limits),  # noqa: PLW1509 - no threads fork here
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BoundedProcessError("timeout", f"{limits.timeout_seconds:g} s") from exc
    except (OSError, subprocess.SubprocessError) as exc:
        raise BoundedProcessError("failed", str(exc)) from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BoundedProcessError("failed", detail[-1] if detail else "")
    return done.stdout


# --- a warm converter -------------------------------------------------------
# Some converters (WeasyPrint) take longer to import and warm up than to do
# their work, so a fresh interpreter per run would cost more than the run. A
# WarmProcess keeps one interpreter per worker process with the converter
# imported and warmed; each run is a fork of it that sets its own limits, so a
# hostile document takes down only that fork. multiprocessing cannot do this
# here: it refuses to start children from Celery's (daemonic) pool processes.

_BOOTSTRAP = (
    "import json, sys; sys.path[:0] = json.loads(sys.argv[1]); "
    "from journal.bounded_process import _serve; _serve(sys.argv[2])"
)
# Exit code of a run that raised MemoryError under its address-space ceiling.
_EXIT_MEMORY = 3


def _address_space_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _serve(target: str) -> None:
    """The warm interpreter: import `module:function`, run the caller's
    warm-up document (trusted, in this process), then fork one child per
    request read from stdin, and answer on the original stdout."""
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # anything the converter prints must not reach the replies
    module_name, _, function_name = target.partition(":")
    function = getattr(importlib.import_module(module_name), function_name)
    replies.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        request = json.loads(line)
        if "warm_up" in request:
            with open(request["warm_up"], "rb") as fh:
                function(fh.read())
            replies.write(json.dumps({"ready": True}) + "\n")
            continue
        pid = os.fork()
        if pid == 0:
            replies.close()
            _run_child(function, request)
        replies.write(json.dumps(_wait(pid, request["timeout"])) + "\n")


def _run_child(function: Callable[[bytes], bytes], request: dict) -> None:
    code = 1
    try:
        errors = os.open(request["errors"], os.O_WRONLY | os.O_CREAT, 0o600)
        os.dup2(errors, 1)
        os.dup2(errors, 2)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        memory = _address_space_bytes() + request["memory"]
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu = request["cpu"]
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        with open(request["input"], "rb") as fh:
            data = fh.read()
        result = function(data)
        with open(request["output"], "wb") as fh:
            fh.write(result)
        code = 0
    except MemoryError:
        code = _EXIT_MEMORY
    except BaseException:  # noqa: BLE001 - every failure is reported, none escapes
        traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(code)


def _wait(pid: int, timeout: float) -> dict:
    handle = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([handle], [], [], timeout)
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return {"status": "timeout"}
        _, status, usage = os.wait4(pid, 0)
    finally:
        os.close(handle)
    spent = {
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "max_rss_kb": usage.ru_maxrss,
    }
    if os.WIFSIGNALED(status):
        return {"status": "signal", "signal": os.WTERMSIG(status), **spent}
    return {"status": "exit", "code": os.WEXITSTATUS(status), **spent}


class WarmProcess:
    """Run `module:function(bytes) -> bytes` in a bounded fork of a warm child.

    The child interpreter is started at the first run in each process and kept.
    `Limits.memory_bytes` counts from the warm interpreter's own size (its
    libraries are already mapped); `cpu_seconds` and `timeout_seconds` are per
    run. Runs from one process are taken one at a time.
    """

    def __init__(
        self,
        target: str,
        *,
        warm_up: Callable[[], bytes] | None = None,
        start_timeout: float = 120.0,
    ):
        self.target = target
        # A document of our own, run once in the warm child itself, so that
        # each fork starts with the caches a real run fills (fonts, glyphs).
        self.warm_up = warm_up
        self.start_timeout = start_timeout
        self._process: subprocess.Popen | None = None
        self._owner = 0
        self._lock = threading.Lock()
        # CPU seconds and peak resident size (KiB) of the last finished run.
        self.last_usage: dict[str, float] = {}

    def run(self, payload: bytes, *, limits: Limits = Limits()) -> bytes:
        """The function's result for `payload`.

        Raises BoundedProcessError when the run overruns its time ("timeout")
        or its memory ("memory"), dies from a signal ("killed", with the
        signal's name) or fails ("failed", with the last line it printed); the
        warm child stays up.
        """
        with self._lock, tempfile.TemporaryDirectory(prefix="bounded-") as work:
            process = self._warm_child()
            paths = {k: os.path.join(work, k) for k in ("input", "output", "errors")}
            with open(paths["input"], "wb") as fh:
                fh.write(payload)
            request = {
                **paths,
                "memory": int(limits.memory_bytes),
                "cpu": max(1, math.ceil(limits.cpu_seconds)),
                "timeout": limits.timeout_seconds,
            }
            assert process.stdin is not None
            try:
                process.stdin.write(json.dumps(request).encode() + b"\n")
                process.stdin.flush()
            except OSError as exc:
                self._stop()
                raise BoundedProcessError("failed", str(exc)) from exc
            answer = self._read_line(limits.timeout_seconds + 30)
            if answer is None:
                self._stop()
                raise BoundedProcessError("failed", "the converter stopped answering")
            self.last_usage = {
                k: answer[k] for k in ("cpu_seconds", "max_rss_kb") if k in answer
            }
            if answer["status"] == "exit" and answer["code"] == 0:
                with open(paths["output"], "rb") as fh:
                    return fh.read()
            raise self._error(answer, limits, paths["errors"])

    @staticmethod
    def _error(answer: dict, limits: Limits, errors_path: str) -> BoundedProcessError:
        if answer["status"] == "timeout":
            return BoundedProcessError("timeout", f"{limits.timeout_seconds:g} s")
        if answer["status"] == "signal":
            if answer["signal"] == signal.SIGXCPU:
                return BoundedProcessError("timeout", f"{limits.cpu_seconds:g} s CPU")
            # Most often a C library that could not allocate under the ceiling.
            return BoundedProcessError("killed", signal.Signals(answer["signal"]).name)
        if answer["code"] == _EXIT_MEMORY:
            return BoundedProcessError("memory", f"{limits.memory_bytes} bytes")
        with open(errors_path, "rb") as fh:
            lines = fh.read().decode("utf-8", "replace").strip().splitlines()
        return BoundedProcessError("failed", lines[-1] if lines else "")

    def _warm_child(self) -> subprocess.Popen:
        process = self._process
        if process is not None and self._owner == os.getpid():
            if process.poll() is None:
                return process
            self._stop()
        # A forked copy of this process keeps its parent's child alone.
        self._process = subprocess.Popen(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", _BOOTSTRAP, json.dumps(sys.path), self.target],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            close_fds=True,
        )
        self._owner = os.getpid()
        ready = self._read_line(self.start_timeout)
        if ready and self.warm_up is not None:
            with tempfile.TemporaryDirectory(prefix="bounded-") as work:
                path = os.path.join(work, "warm-up")
                with open(path, "wb") as fh:
                    fh.write(self.warm_up())
                assert self._process.stdin is not None
                self._process.stdin.write(
                    json.dumps({"warm_up": path}).encode() + b"\n"
                )
                self._process.stdin.flush()
                ready = self._read_line(self.start_timeout)
        if not ready or not ready.get("ready"):
            self._stop()
            raise BoundedProcessError("failed", "the converter did not start")
        return self._process

    def _read_line(self, timeout: float) -> dict | None:
        assert self._process is not None and self._process.stdout is not None
        out = self._process.stdout
        line = b""
        deadline = time.monotonic() + timeout
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([out], [], [], left)[0]:
                return None
            chunk = out.read(4096)
            if not chunk:
                return None
            line += chunk
        return json.loads(line)

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and self._owner == os.getpid():
            process.kill()
            process.wait()
