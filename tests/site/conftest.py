"""What the tests of the site's wiring share."""

import json
import subprocess
import sys
from dataclasses import dataclass, field

import pytest
from django.conf import settings

from tests.site.environment import inherited_env

READ_SETTINGS = (
    "import json, strategy.settings as s; print(json.dumps("
    "{name: getattr(s, name) for name in dir(s) if name.isupper() and name[0] != '_'},"
    " default=lambda value: {'not JSON': repr(value)}))"
)


@dataclass(frozen=True)
class SettingsRead:
    """strategy/settings.py as a fresh interpreter read it: every setting (as JSON), or
    why the start-up stopped."""

    returncode: int
    stderr: str
    values: dict = field(default_factory=dict)

    def __getitem__(self, name: str):
        return self.values[name]


@pytest.fixture(scope="session")
def settings_under():
    """Read the settings with exactly this environment, as the site reads them once at
    start-up: the suite itself runs with DEBUG on, and changing the environment of this
    process would change nothing."""

    def read(**env: str) -> SettingsRead:
        result = subprocess.run(
            [sys.executable, "-c", READ_SETTINGS],
            cwd=settings.BASE_DIR,
            env=inherited_env(**env),
            capture_output=True,
            text=True,
            check=False,
        )
        values = json.loads(result.stdout) if result.returncode == 0 else {}
        return SettingsRead(result.returncode, result.stderr, values)

    return read


@pytest.fixture
def openapi(client, db):
    """The API's OpenAPI document, as a partner's generator fetches it."""
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()
