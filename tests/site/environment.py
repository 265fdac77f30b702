"""The environment a test starts a fresh interpreter with."""

import os

# All that a fresh interpreter inherits from the tests' environment: the database to use,
# and what a process needs to run. Not the rest (DEBUG, SECRET_KEY, or
# DJANGO_ALLOW_ASYNC_UNSAFE, which the browser tests set), so that each test says exactly
# the environment it starts the site with.
INHERITED = ("PATH", "HOME", "LANG", "DATABASE_URL")


def inherited_env(**env: str) -> dict[str, str]:
    return {**{key: os.environ[key] for key in INHERITED if key in os.environ}, **env}
