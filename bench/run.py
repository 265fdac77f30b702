"""The benchmark (`make bench`): the production configuration on PostgreSQL with the large
estate, measured against /healthz in the same run, then a load run.

It makes its own database (and drops it after), migrates it, loads the seed and
`generate_load_data`'s estate, collects the static files into a temporary folder, starts
gunicorn with 2 workers on a spare loopback port, warms up, then measures each endpoint at
concurrency 1 and 16 and prints the table, the goals, the load run and each worker's peak
memory, as Markdown. Progress goes to standard error, the report to standard output.

    .venv/bin/python -m bench.run [--seconds 10] [--load-seconds 60] [--no-load | --load-only]

The database is BENCH_DATABASE_URL (default below): its user must be allowed to create
databases, and a database of that name must not exist yet (the bench drops it at the end).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
import django
import psycopg
from psycopg import sql

from bench import measure

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://tracker:tracker@127.0.0.1:5432/strategy_tracker_bench"
HOST = "127.0.0.1"
WORKERS = 2
CONCURRENCIES = (1, 16)
LOAD_CONCURRENCY = 32

BASELINE = "/healthz"
HOME = "/"
TARGET_PAGE = "/targets/load-lep-01-target-04/"
PROPOSITIONS = "/propositions/?area=load-area-1"
TARGETS_API = "/api/v1/targets/"
OBSERVATIONS_API = "/api/v1/observations/?page_size=1000"
ENDPOINTS = (BASELINE, HOME, TARGET_PAGE, PROPOSITIONS, TARGETS_API, OBSERVATIONS_API)
LOAD_PATHS = (HOME, TARGETS_API)
# The goals: the most each endpoint's median may be, as a multiple of /healthz's.
TIMES = "\N{MULTIPLICATION SIGN}"
GOALS = {HOME: 2, TARGETS_API: 2, TARGET_PAGE: 3, OBSERVATIONS_API: 8}

# Every request says it came over https, as the TLS-terminating proxy in front of gunicorn
# says on every request in production (SECURE_PROXY_SSL_HEADER): so the settings measured
# are production's own, the redirect to https included, rather than ones with it turned off.
HEADERS = {"X-Forwarded-Proto": "https", "User-Agent": "strategy-tracker-bench"}
# A session cookie (naming no session) is never given a kept response
# (strategy/site/response_cache.py): these requests are rendered afresh, as the first reader's
# after a change is, and pay one query more, to look the session up.
AFRESH_HEADERS = {**HEADERS, "Cookie": "sessionid=bench-afresh"}


def progress(message: str) -> None:
    sys.stderr.write(f"bench: {message}\n")
    sys.stderr.flush()


class BenchError(Exception):
    pass


def production_environment(database_url: str, static_root: Path) -> dict[str, str]:
    """The production settings (DEBUG off, hashed static files, HSTS and the redirect to
    https, CSP, the sign-in cool-off, two-factor admin, request logs), with only what a
    loopback run needs changed: the host names, a fresh secret key, where the static files
    are collected, the API's anonymous rate (one client at one address would exceed it at
    once), persistent database connections and the home page's strategy."""
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "strategy.settings",
        "STATIC_ROOT": str(static_root),
        # Per second, so that each worker's throttle history stays as short as in
        # production (it holds one timestamp per request within the window).
        "API_ANON_RATE": "1000000/second",
        # Persistent connections, as production should run: otherwise every request, the
        # baseline's included, pays for a new PostgreSQL connection.
        "CONN_MAX_AGE": os.environ.get("BENCH_CONN_MAX_AGE", "600"),
        # The home page shows one of the large estate's strategies, not the seed's.
        "PRIMARY_STRATEGY": os.environ.get("BENCH_PRIMARY_STRATEGY", "load-lep-01"),
    }


def maintenance_connection(settings: dict) -> psycopg.Connection:
    try:
        return psycopg.connect(
            host=settings["HOST"] or None,
            port=settings["PORT"] or None,
            user=settings["USER"] or None,
            password=settings["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )
    except psycopg.OperationalError as error:
        raise BenchError(
            f"Cannot reach PostgreSQL at {settings['HOST']}:{settings['PORT']} as "
            f"{settings['USER']} (BENCH_DATABASE_URL): {error}"
        ) from error


@contextmanager
def bench_database(database_url: str):
    """A new, empty database, dropped afterwards whatever happens."""
    settings = dj_database_url.parse(database_url)
    if settings["ENGINE"] != "django.db.backends.postgresql":
        raise BenchError(f"The bench runs on PostgreSQL, not {database_url!r}.")
    name = settings["NAME"]
    with maintenance_connection(settings) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists:
            raise BenchError(
                f"The database {name} already exists. The bench makes its own and drops it "
                f"afterwards, so it will not use one that is there: drop it "
                f"(dropdb -h {settings['HOST']} -U {settings['USER']} {name}) or set "
                f"BENCH_DATABASE_URL to another name."
            )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    progress(f"created the database {name}")
    try:
        yield settings
    finally:
        with maintenance_connection(settings) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        progress(f"dropped the database {name}")


def manage(env: dict[str, str], *args: str) -> str:
    completed = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{completed.stderr}")
    return completed.stdout.strip()


def prepare(env: dict[str, str], settings: dict) -> dict[str, int]:
    progress("migrating")
    manage(env, "migrate", "--noinput", "-v0")
    progress("loading the seed")
    manage(env, "loaddata", "seed", "-v0")
    progress("generating the large estate (generate_load_data)")
    progress(manage(env, "generate_load_data"))
    progress("collecting the static files")
    manage(env, "collectstatic", "--noinput", "-v0")
    with psycopg.connect(database_url_of(settings), autocommit=True) as connection:
        # As a database in service would be: statistics for the planner, the visibility map
        # for index-only scans, and no autovacuum of the fresh rows in the middle of a run.
        connection.execute("VACUUM (ANALYZE)")
        count = sql.SQL("SELECT count(*) FROM {}")
        return {
            name: connection.execute(count.format(sql.Identifier(table))).fetchone()[0]
            for name, table in [
                ("strategies", "strategy_strategy"),
                ("targets", "targets_target"),
                ("observations", "targets_observation"),
                ("assessments", "targets_publishedassessment"),
                ("propositions", "propositions_proposition"),
                ("milestones", "propositions_milestone"),
                ("updates", "propositions_propositionupdate"),
            ]
        }


def database_url_of(settings: dict) -> str:
    return psycopg.conninfo.make_conninfo(
        host=settings["HOST"],
        port=settings["PORT"] or "",
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname=settings["NAME"],
    )


def spare_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], port: int, log: Path):
    """gunicorn as `make serve` runs it, on loopback only; stopped afterwards."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "strategy.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={WORKERS}",
        # As `make serve`: the access log too, here into the bench's log file.
        "--access-logfile=-",
    ]
    if "--no-control-socket" in gunicorn_help():
        command.append("--no-control-socket")  # gunicorn 25+ opens one in ~/.gunicorn/
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    progress(f"started gunicorn (pid {server.pid}) on http://{HOST}:{port}")
    try:
        wait_until_ready(server, port, log)
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        progress("stopped gunicorn")


def gunicorn_help() -> str:
    return subprocess.run(
        [sys.executable, "-m", "gunicorn", "--help"], capture_output=True, text=True, check=True
    ).stdout


def wait_until_ready(server: subprocess.Popen, port: int, log: Path) -> None:
    request = measure.request_bytes(BASELINE, f"{HOST}:{port}", HEADERS)
    for _ in range(300):
        if server.poll() is not None:
            raise BenchError(f"gunicorn stopped (exit {server.returncode}):\n{tail(log)}")
        if measure.fetch((HOST, port), BASELINE, request).ok:
            return
        time.sleep(0.1)
    raise BenchError(f"gunicorn did not answer /healthz with 200 within 30 s:\n{tail(log)}")


def tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def workers_of(master: int) -> list[int]:
    """gunicorn's workers: the processes whose parent is the master."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # the process ended meanwhile
            # The command name, in brackets, may hold spaces: the parent follows it.
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                children.append(int(entry.name))
    return sorted(children)


def memory_of(pid: int) -> dict[str, int]:
    """VmHWM (the peak resident set) and VmRSS (the resident set now), in kB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            fields[name] = int(value.split()[0])
    return fields


def warm_up(port: int, seconds: float) -> None:
    """Every endpoint at a concurrency of 4, so that both workers have loaded their code,
    opened their database connection and filled their caches; and a check that each
    answers 200, so a misconfiguration stops the bench before it measures errors."""
    for path in ENDPOINTS:
        result = measure.run((HOST, port), [path], concurrency=4, seconds=seconds, headers=HEADERS)
        if result.errors:
            raise BenchError(f"{path} did not answer 200 while warming up: {result.statuses}")
        progress(f"warmed up {path} ({result.requests} requests)")


def measure_endpoints(port: int, seconds: float) -> dict[tuple[str, int], measure.Run]:
    results = {}
    for concurrency in CONCURRENCIES:
        for path in ENDPOINTS:
            result = measure.run(
                (HOST, port), [path], concurrency=concurrency, seconds=seconds, headers=HEADERS
            )
            results[path, concurrency] = result
            progress(
                f"{path} at concurrency {concurrency}: {result.requests} requests, "
                f"median {result.median * 1000:.1f} ms"
            )
    return results


def measure_afresh(port: int, seconds: float) -> dict[str, measure.Run]:
    results = {}
    for path in ENDPOINTS:
        headers = HEADERS if path == BASELINE else AFRESH_HEADERS
        result = measure.run((HOST, port), [path], concurrency=1, seconds=seconds, headers=headers)
        results[path] = result
        progress(f"{path} rendered afresh: median {result.median * 1000:.1f} ms")
    return results


def afresh_table(afresh: dict[str, measure.Run]) -> list[str]:
    baseline = afresh[BASELINE].median
    lines = [
        "| endpoint | requests | errors | median (ms) | p95 (ms) | median ÷ /healthz |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for path, result in afresh.items():
        lines.append(
            f"| `{path}` | {result.requests} | {result.errors} | {ms(result.median)} "
            f"| {ms(result.p95)} | {result.median / baseline:.2f}{TIMES} |"
        )
    return lines


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def endpoint_table(results: dict[tuple[str, int], measure.Run]) -> list[str]:
    lines = [
        (
            "| endpoint | concurrency | requests | errors | body (bytes) | median (ms) | p95 (ms) "
            "| requests/s | median ÷ /healthz | client CPU |"
        ),
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for concurrency in CONCURRENCIES:
        baseline = results[BASELINE, concurrency].median
        for path in ENDPOINTS:
            result = results[path, concurrency]
            lines.append(
                f"| `{path}` | {concurrency} | {result.requests} | {result.errors} "
                f"| {result.size:,} | {ms(result.median)} | {ms(result.p95)} "
                f"| {result.per_second:.0f} | {result.median / baseline:.2f}{TIMES} "
                f"| {result.client_share:.0%} |"
            )
    return lines


def goal_verdicts(results: dict[tuple[str, int], measure.Run]) -> list[str]:
    lines = [
        "| goal | " + " | ".join(f"concurrency {c}" for c in CONCURRENCIES) + " |",
        "|---|" + "---|" * len(CONCURRENCIES),
    ]
    for path, most in GOALS.items():
        cells = []
        for concurrency in CONCURRENCIES:
            ratio = results[path, concurrency].median / results[BASELINE, concurrency].median
            cells.append(f"{ratio:.2f}{TIMES} {'met' if ratio <= most else 'NOT MET'}")
        lines.append(f"| `{path}` at most {most}{TIMES} | " + " | ".join(cells) + " |")
    return lines


def load_table(load: measure.Run) -> list[str]:
    lines = [
        "| path | requests | errors | statuses | median (ms) | p95 (ms) | requests/s |",
        "|---|--:|--:|---|--:|--:|--:|",
    ]
    for path in LOAD_PATHS:
        part = load.for_path(path)
        lines.append(
            f"| `{path}` | {part.requests} | {part.errors} "
            f"| {', '.join(f'{k}: {v}' for k, v in part.statuses.items())} "
            f"| {ms(part.median)} | {ms(part.p95)} | {part.per_second:.0f} |"
        )
    lines.append(
        f"| all | {load.requests} | {load.errors} | | {ms(load.median)} | {ms(load.p95)} "
        f"| {load.per_second:.0f} |"
    )
    lines += ["", f"The client used {load.client_share:.0%} of one core."]
    return lines


def memory_table(master: int, workers: list[int]) -> list[str]:
    lines = [
        "| process | pid | peak RSS, VmHWM (MiB) | RSS at the end (MiB) |",
        "|---|--:|--:|--:|",
    ]
    for name, pid in [("master", master), *((f"worker {n}", p) for n, p in enumerate(workers, 1))]:
        memory = memory_of(pid)
        lines.append(
            f"| {name} | {pid} | {memory['VmHWM'] / 1024:.0f} | {memory['VmRSS'] / 1024:.0f} |"
        )
    return lines


def machine(settings: dict) -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    with psycopg.connect(database_url_of(settings)) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    gunicorn_version = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return [
        f"- date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        (
            f"- processors: {len(os.sched_getaffinity(0))} ({cpu}), shared by the client, "
            "gunicorn and PostgreSQL"
        ),
        f"- memory: {memory_kb / 1024 / 1024:.1f} GiB",
        (
            f"- Python {platform.python_version()}, Django {django.get_version()}, "
            f"{gunicorn_version}, PostgreSQL {postgres}"
        ),
    ]


def load_run(port: int, seconds: float) -> measure.Run:
    progress(
        f"load run: concurrency {LOAD_CONCURRENCY} for {seconds:g} s on {', '.join(LOAD_PATHS)}"
    )
    return measure.run(
        (HOST, port), LOAD_PATHS, concurrency=LOAD_CONCURRENCY, seconds=seconds, headers=HEADERS
    )


def load_average() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


def bench(args: argparse.Namespace) -> tuple[list[str], bool]:
    """The whole run; the report's lines, and whether any request failed."""
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    with (
        tempfile.TemporaryDirectory(prefix="strategy-bench-") as folder,
        bench_database(database_url) as settings,
    ):
        env = production_environment(database_url, Path(folder) / "static")
        estate = prepare(env, settings)
        about = machine(settings)
        port = spare_port()
        with gunicorn(env, port, Path(folder) / "gunicorn.log") as server:
            warm_up(port, args.warmup_seconds)
            started_with = workers_of(server.pid)
            before = load_average()
            results = None if args.load_only else measure_endpoints(port, args.seconds)
            afresh = None if args.load_only else measure_afresh(port, args.seconds)
            load = None if args.no_load else load_run(port, args.load_seconds)
            after = load_average()
            ended_with = workers_of(server.pid)
            memory = memory_table(server.pid, ended_with)

    report = [
        "## Machine",
        "",
        *about,
        f"- load average (1, 5, 15 min) before measuring: {before}; after: {after}",
        "",
        "## Estate",
        "",
        "The seed and `generate_load_data`'s defaults: "
        + ", ".join(f"{count:,} {name}" for name, count in estate.items())
        + f". The home page shows `{env['PRIMARY_STRATEGY']}`.",
        "",
    ]
    failed = False
    if results:
        goals = goal_verdicts(results)
        failed |= any(result.errors for result in [*results.values(), *afresh.values()])
        report += [
            f"## Latency ({args.seconds:g} s per endpoint and concurrency, {WORKERS} workers)",
            "",
            *endpoint_table(results),
            "",
            "## Goals (median latency as a multiple of /healthz's)",
            "",
            *goals,
            "",
            "## Rendered afresh (concurrency 1)",
            "",
            "Above, every request after the warm-up is answered with the response kept for",
            "anonymous readers until the published data changes. Here each is made afresh,",
            "as for the first reader after a change, or a signed-in officer: sent with a",
            "session cookie, which is never given a kept response (and costs one query).",
            "",
            *afresh_table(afresh),
            "",
        ]
    if load:
        failed |= bool(load.errors)
        report += [
            (
                f"## Load run (concurrency {LOAD_CONCURRENCY} for {args.load_seconds:g} s, "
                "each client taking the paths in turn)"
            ),
            "",
            *load_table(load),
            "",
            f"Errors (any response but 200, or no response): {load.errors}.",
            "",
        ]
    report += ["## Memory", "", *memory]
    if started_with != ended_with:
        report += ["", f"gunicorn replaced workers during the run: {started_with} → {ended_with}."]
    return report, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="per endpoint and concurrency")
    parser.add_argument("--warmup-seconds", type=float, default=3, help="per endpoint")
    parser.add_argument("--load-seconds", type=float, default=60)
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--no-load", action="store_true", help="measure only, no load run")
    choice.add_argument("--load-only", action="store_true", help="the load run only")
    args = parser.parse_args(argv)
    for name in ("seconds", "warmup_seconds", "load_seconds"):
        if getattr(args, name) <= 0:
            parser.error(f"--{name.replace('_', '-')} must be more than 0.")
    # So that a stopped run still stops gunicorn and drops its database (the finally blocks).
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    try:
        report, failed = bench(args)
    except BenchError as error:
        progress(str(error))
        return 2
    sys.stdout.write("\n".join(report) + "\n")
    if failed:
        progress("some requests failed: see the errors columns.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
