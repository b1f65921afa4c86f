"""Timing and peak memory of one operation, and the result row it gives.

Peak memory is the process's resident-set high-water mark (``VmHWM`` in
``/proc/self/status``), reset before each operation by writing ``5`` to
``/proc/self/clear_refs`` (Linux >= 4.0). It costs nothing while the operation
runs (unlike tracemalloc, which slows Python code two to three times) and it
counts everything the process holds: Python objects, numpy and Arrow buffers,
and the interpreter with its imported modules (about 200 MiB here, the floor of
every row). Where the kernel does not allow the reset, the row shows the
high-water mark of the process so far and says so. Worker processes are
measured with ``RUSAGE_CHILDREN`` (the largest child).
"""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

_STATUS = Path("/proc/self/status")
_CLEAR = Path("/proc/self/clear_refs")


@dataclass
class Row:
    """One line of the results table."""

    operation: str
    size: str
    ours: float | None
    peer: float | None = None
    peer_name: str = ""
    check: str = ""
    memory: int | None = None  # bytes
    note: str = ""
    cpu: float | None = None  # CPU seconds of this process (not of worker processes)
    peer_cpu: float | None = None

    @property
    def ratio(self) -> float | None:
        """Peer time over eventgold time: CPU time when both have it (fair on a busy machine), else wall time."""
        if self.cpu is not None and self.peer_cpu is not None and self.cpu > 0:
            return self.peer_cpu / self.cpu
        if self.ours is None or self.peer is None or self.ours <= 0:
            return None
        return self.peer / self.ours


def rss_peak() -> int | None:
    """The resident-set high-water mark of this process in bytes, or None off Linux."""
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def reset_peak() -> bool:
    """Reset the high-water mark to the current resident set; False when the kernel does not allow it."""
    try:
        _CLEAR.write_text("5")
    except OSError:
        return False
    return True


def children_peak() -> int:
    """The largest resident set of any finished child process, in bytes."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


@dataclass
class Span:
    """What :func:`measured` found: seconds and peak bytes (filled in when the block ends)."""

    seconds: float = 0.0
    cpu: float = 0.0
    peak: int | None = None
    reset: bool = True
    laps: list[float] = field(default_factory=list)


@contextmanager
def measured() -> Iterator[Span]:
    """Time a block (wall clock) and record the peak resident set reached inside it."""
    span = Span()
    span.reset = reset_peak()
    start, cpu = time.perf_counter(), time.process_time()
    try:
        yield span
    finally:
        span.seconds = time.perf_counter() - start
        span.cpu = time.process_time() - cpu
        span.peak = rss_peak()


def mib(n: int | None) -> str:
    return "—" if n is None else f"{n / 2**20:,.0f} MiB"


def seconds(x: float | None) -> str:
    if x is None:
        return "—"
    if x < 1:
        return f"{x * 1000:,.0f} ms"
    return f"{x:,.1f} s"


def render(rows: list[Row]) -> str:
    """The table as Markdown (it reads as plain text in a terminal too)."""
    head = ["operation", "size", "eventgold wall", "eventgold CPU", "peer", "peer wall", "peer CPU", "ratio",
            "check", "peak RSS"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for r in rows:
        ratio = r.ratio
        cells = [r.operation, r.size, seconds(r.ours), seconds(r.cpu), r.peer_name or "—", seconds(r.peer),
                 seconds(r.peer_cpu), "—" if ratio is None else f"{ratio:,.1f}×", r.check or "—", mib(r.memory)]
        lines.append("| " + " | ".join(cells) + " |")
    notes = [f"- {r.operation} ({r.size}): {r.note}" for r in rows if r.note]
    if notes:
        lines += ["", *notes]
    return "\n".join(lines)
