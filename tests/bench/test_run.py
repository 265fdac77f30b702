"""The benchmark's report: the goals, and the memory of gunicorn's workers (bench/run.py)."""

import os
import subprocess
import sys

from django.test import RequestFactory

from bench import run
from bench.measure import Outcome, Run
from strategy.site.response_cache import is_anonymous_read


def steady(path, milliseconds, concurrency):
    """A run of `path` whose every request took `milliseconds`."""
    outcomes = tuple(Outcome(path, milliseconds / 1000, 200) for _ in range(3))
    return Run(concurrency, 1.0, outcomes)


def results(**medians):
    paths = {"home": run.HOME, "api": run.TARGETS_API, "target": run.TARGET_PAGE}
    paths |= {"observations": run.OBSERVATIONS_API, "baseline": run.BASELINE}
    return {
        (paths[name], concurrency): steady(paths[name], milliseconds, concurrency)
        for name, milliseconds in medians.items()
        for concurrency in run.CONCURRENCIES
    }


def test_each_goal_is_met_up_to_its_multiple_of_the_baseline_and_not_beyond():
    lines = run.goal_verdicts(results(baseline=1, home=2, api=2.5, target=3, observations=8.5))

    x = run.TIMES
    assert lines[2:] == [
        f"| `/` at most 2{x} | 2.00{x} met | 2.00{x} met |",
        f"| `/api/v1/targets/` at most 2{x} | 2.50{x} NOT MET | 2.50{x} NOT MET |",
        f"| `/targets/load-lep-01-target-04/` at most 3{x} | 3.00{x} met | 3.00{x} met |",
        (
            f"| `/api/v1/observations/?page_size=1000` at most 8{x} "
            f"| 8.50{x} NOT MET | 8.50{x} NOT MET |"
        ),
    ]


def test_the_workers_are_the_children_of_the_master():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in run.workers_of(os.getpid())
        assert os.getpid() not in run.workers_of(os.getpid())
    finally:
        child.kill()
        child.wait()


def test_the_peak_memory_is_read_from_the_process_status():
    memory = run.memory_of(os.getpid())

    assert memory["VmHWM"] >= memory["VmRSS"] > 0


def test_the_afresh_table_gives_each_median_as_a_multiple_of_the_baseline():
    afresh = {
        run.BASELINE: steady(run.BASELINE, 2, 1),
        run.HOME: steady(run.HOME, 30, 1),
    }

    lines = run.afresh_table(afresh)

    x = run.TIMES
    assert lines[2:] == [
        f"| `/healthz` | 3 | 0 | 2.0 | 2.0 | 1.00{x} |",
        f"| `/` | 3 | 0 | 30.0 | 30.0 | 15.00{x} |",
    ]


def test_requests_rendered_afresh_are_never_given_a_kept_response():
    def request(headers):
        return RequestFactory().get("/", headers=headers)

    assert is_anonymous_read(request(run.HEADERS))
    assert not is_anonymous_read(request(run.AFRESH_HEADERS))
    assert run.AFRESH_HEADERS["X-Forwarded-Proto"] == "https"
