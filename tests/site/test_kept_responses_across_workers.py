"""Two gunicorn workers, as production runs them: each keeps its own responses, and a
change committed by another process shows at once in both."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection

from targets.models import Observation
from targets.publishing import publish
from tests.targets.test_standings import new_jobs_figure

ROOT = Path(__file__).resolve().parents[2]
PAGE = "/targets/jobs/"
REQUESTS = 40


def database_url(settings: dict) -> str:
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def spare_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_pages(port: int) -> list[str]:
    """REQUESTS reads of PAGE, four at a time, so that both workers answer some."""

    def read(_):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{PAGE}", timeout=30) as response:
            return response.read().decode()

    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(read, range(REQUESTS)))


def wait_until_ready(server: subprocess.Popen, port: int) -> None:
    for _ in range(200):
        if server.poll() is not None:
            raise AssertionError(f"gunicorn stopped (exit {server.returncode})")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not answer /healthz within 20 s")


def workers_answering(log: Path, start: int) -> set[str]:
    """The pids of the workers that served PAGE in the access log's lines from `start`."""
    lines = log.read_text().splitlines()[start:]
    return {line.split()[0] for line in lines if line.split()[1] == PAGE}


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_elsewhere_shows_at_once_in_every_workers_kept_responses(
    seed, superuser, tmp_path
):
    # A superuser publishes: an earlier transactional test may have flushed the groups.
    if connection.vendor != "postgresql":
        pytest.skip(
            "the workers share the test database only on PostgreSQL; on SQLite it is in "
            "memory (tests/site/test_response_cache.py covers the same in one process)"
        )
    port = spare_port()
    log = tmp_path / "access.log"
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": database_url(connection.settings_dict),
        "ALLOWED_HOSTS": "127.0.0.1",
        "REQUEST_LOG": "false",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "strategy.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            f"--access-logfile={log}",
            "--access-logformat=%(p)s %(U)s",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_ready(server, port)
        start = len(log.read_text().splitlines())
        first = read_pages(port)
        time.sleep(0.2)  # for the log's last lines
        both = workers_answering(log, start)

        # Written without a signal, as if by a process that never says so: both workers
        # go on giving the responses they kept.
        figure = Observation.objects.filter(target__slug="jobs").latest("period_end")
        Observation.objects.filter(pk=figure.pk).update(value=Decimal(876543))
        kept = read_pages(port)

        publish([new_jobs_figure()], superuser)  # committed here, in the test's process
        start = len(log.read_text().splitlines())
        after = read_pages(port)
        time.sleep(0.2)
        both_after = workers_answering(log, start)
    finally:
        server.terminate()
        server.wait(timeout=30)

    assert len(both) == 2, "both workers answered before the change"
    assert len(both_after) == 2, "both workers answered after it"
    assert all(">Not met<" in page and "876,543" not in page for page in first + kept)
    assert all(">Met<" in page and "876,543" in page and "920,000" in page for page in after)
