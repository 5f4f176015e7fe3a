"""Run a converter in a child process that cannot take the machine down.

Untrusted documents (manuscripts, figures) are handed to converters written
for well-formed input. Each run gets an address-space ceiling (RLIMIT_AS), a
CPU-time ceiling (RLIMIT_CPU) and a wall-clock timeout; a run that hits one is
killed and reported as `BoundedProcessError`, and the caller's process keeps
its memory.
"""

import math
import resource
import subprocess
from collections.abc import Sequence
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
