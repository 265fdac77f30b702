"""Browser tests: Debian's Chromium driven by Playwright, against a live server with the
seed strategy loaded.

Where Chromium is not installed they are skipped with a message saying so; in CI
(`CI=true`) a missing browser is a failure instead, so CI cannot pass without them.
"""

import os
import shutil

import pytest
from django.core.management import call_command

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"
HAVE_CHROMIUM = bool(shutil.which(CHROMIUM_PATH))

# Playwright's sync API runs an event loop in this thread; the ORM calls that the tests
# make around it are safe, as each test has the database to itself.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


MISSING = f"browser tests need Chromium at {CHROMIUM_PATH} (apt-get install chromium)"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Every browser test needs this first, so this is where a missing browser is told."""
    if not HAVE_CHROMIUM:
        if IN_CI:
            pytest.fail(f"CI: {MISSING}")
        pytest.skip(f"Skipped: {MISSING}")
    return {**browser_type_launch_args, "executable_path": CHROMIUM_PATH, "args": CHROMIUM_ARGS}


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's address, with the seed strategy loaded."""
    call_command("loaddata", "seed", verbosity=0)
    return live_server.url
