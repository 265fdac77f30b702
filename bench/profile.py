"""Where one request's time goes: its SQL queries and a profile of the Python, in-process,
with the production settings the benchmark uses (bench/run.py), against DATABASE_URL.

    DATABASE_URL=postgres://... .venv/bin/python -m bench.profile /targets/load-lep-01-target-04/

The database should hold the large estate (README, "Speed"). Needs the `bench` extra
(pyinstrument).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.run import HEADERS, HOST, production_environment

WARM_UP = 5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="e.g. /api/v1/targets/")
    parser.add_argument("--requests", type=int, default=20, help="how many to time and profile")
    parser.add_argument(
        "--all", action="store_true", help="show the libraries' frames too (DRF, templates)"
    )
    args = parser.parse_args(argv)
    if "DATABASE_URL" not in os.environ:
        parser.error("Set DATABASE_URL to the database with the large estate.")
    if args.requests < 1:
        parser.error("--requests must be at least 1.")

    with tempfile.TemporaryDirectory(prefix="strategy-profile-") as folder:
        os.environ.update(
            production_environment(os.environ["DATABASE_URL"], Path(folder) / "static")
        )
        os.environ["REQUEST_LOG"] = "false"  # the log lines would bury the profile

        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from pyinstrument import Profiler

        call_command("collectstatic", "--noinput", verbosity=0)
        client = Client(headers=HEADERS, HTTP_HOST=HOST)
        for _ in range(WARM_UP):
            status = client.get(args.path).status_code
        if status != 200:
            sys.stderr.write(f"{args.path} answered {status}, not 200.\n")
            return 1

        started = time.perf_counter()
        for _ in range(args.requests):
            client.get(args.path)
        each = (time.perf_counter() - started) / args.requests
        queries = []

        def timed(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append((time.perf_counter() - started, sql))

        with connection.execute_wrapper(timed):
            client.get(args.path)
        sys.stdout.write(
            f"{args.path}: {each * 1000:.1f} ms a request in-process, {len(queries)} queries "
            f"taking {sum(seconds for seconds, _ in queries) * 1000:.1f} ms\n"
        )
        for seconds, sql in queries:
            sys.stdout.write(f"  {seconds * 1000:6.2f} ms  {sql[:150]}\n")

        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(args.requests):
                client.get(args.path)
        sys.stdout.write(
            profiler.output_text(unicode=True, color=sys.stdout.isatty(), show_all=args.all)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
