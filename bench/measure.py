"""The load generator and the figures made from what it measured.

A plain socket per request rather than http.client or httpx: the client runs on the same
cores as the server, so the less work it does per request, the more of each latency is the
server's. gunicorn's sync workers close the connection after every response, so a request
is: connect, send, read to the end. Everything here is the standard library.
"""

from __future__ import annotations

import socket
import statistics
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

TIMEOUT_SECONDS = 30
# Bounds memory and time whatever the duration asked for.
MAX_REQUESTS = 200_000


@dataclass(frozen=True)
class Outcome:
    path: str
    seconds: float  # from opening the connection to the last byte of the response
    status: int | None  # None: no complete response (refused, reset, timed out, cut short)
    size: int = 0  # bytes of the body

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass(frozen=True)
class Run:
    """The outcomes of one path, or several in turn, at one concurrency."""

    concurrency: int
    elapsed: float  # wall-clock seconds from the first request to the end of the last
    outcomes: tuple[Outcome, ...]
    # The client's own processor time over the run: it shares the cores with the server.
    client_cpu: float = 0.0

    def for_path(self, path: str) -> Run:
        return Run(
            self.concurrency,
            self.elapsed,
            tuple(outcome for outcome in self.outcomes if outcome.path == path),
            self.client_cpu,
        )

    @property
    def requests(self) -> int:
        return len(self.outcomes)

    @property
    def errors(self) -> int:
        """Every response but a 200 (so a 3xx, 4xx or 5xx), and every failed connection."""
        return sum(not outcome.ok for outcome in self.outcomes)

    @property
    def statuses(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for outcome in self.outcomes:
            name = str(outcome.status) if outcome.status else "no response"
            counts[name] = counts.get(name, 0) + 1
        return dict(sorted(counts.items()))

    @property
    def median(self) -> float:
        return statistics.median(outcome.seconds for outcome in self.outcomes)

    @property
    def p95(self) -> float:
        return percentile([outcome.seconds for outcome in self.outcomes], 95)

    @property
    def size(self) -> int:
        """The body size of the last complete response, in bytes."""
        return next((o.size for o in reversed(self.outcomes) if o.status is not None), 0)

    @property
    def per_second(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0

    @property
    def client_share(self) -> float:
        """How much of one core the client used."""
        return self.client_cpu / self.elapsed if self.elapsed else 0.0


def percentile(values: Sequence[float], rank: int) -> float:
    """The value below which `rank` per cent of the values fall (interpolating between
    the two nearest, as spreadsheets' PERCENTILE.INC does)."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[rank - 1]


def request_bytes(path: str, host: str, headers: dict[str, str]) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join([*lines, "Connection: close", "", ""])).encode("ascii")


def parse(response: bytes) -> tuple[int | None, int]:
    """The status and body size of a complete HTTP/1.1 response; status None if it is not
    one, or if the body is shorter or longer than its Content-Length says."""
    head, separator, body = response.partition(b"\r\n\r\n")
    if not separator:
        return None, 0
    status_line, *header_lines = head.split(b"\r\n")
    parts = status_line.split(b" ", 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/") or not parts[1].isdigit():
        return None, len(body)
    for line in header_lines:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip() != str(len(body)).encode():
            return None, len(body)
    return int(parts[1]), len(body)


def fetch(address: tuple[str, int], path: str, request: bytes) -> Outcome:
    started = time.perf_counter()
    chunks = []
    try:
        with socket.create_connection(address, timeout=TIMEOUT_SECONDS) as connection:
            connection.sendall(request)
            while chunk := connection.recv(65536):
                chunks.append(chunk)
    except OSError:
        return Outcome(path, time.perf_counter() - started, None)
    seconds = time.perf_counter() - started
    return Outcome(path, seconds, *parse(b"".join(chunks)))


def run(
    address: tuple[str, int],
    paths: Sequence[str],
    *,
    concurrency: int,
    seconds: float,
    headers: dict[str, str],
    max_requests: int = MAX_REQUESTS,
) -> Run:
    """`concurrency` clients, each sending its next request as soon as the last is answered,
    for `seconds` (or `max_requests` in all). With several paths each client takes them in
    turn, starting at a different one, so every path is always being asked for."""
    host = f"{address[0]}:{address[1]}"
    requests = {path: request_bytes(path, host, headers) for path in paths}
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    started, cpu_started = time.perf_counter(), time.process_time()
    deadline = started + seconds

    def client(first: int) -> None:
        mine = []
        turn = first
        while time.perf_counter() < deadline and len(mine) * concurrency < max_requests:
            path = paths[turn % len(paths)]
            mine.append(fetch(address, path, requests[path]))
            turn += 1
        with lock:
            outcomes.extend(mine)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Run(
        concurrency,
        time.perf_counter() - started,
        tuple(outcomes),
        time.process_time() - cpu_started,
    )
