"""The Makefile's promises to someone trying the site: `make run` installs only what the
site needs (the test tools took most of a first start's time), says where to sign in,
and `make test` brings the test tools."""

import re

from django.conf import settings

MAKEFILE = (settings.BASE_DIR / "Makefile").read_text()


def recipe(target: str) -> tuple[list[str], list[str]]:
    """The prerequisites and the command lines of a target."""
    match = re.search(rf"^{re.escape(target)}:(.*)\n((?:\t.*\n)*)", MAKEFILE, flags=re.MULTILINE)
    assert match, target
    return match.group(1).split(), [line.strip() for line in match.group(2).splitlines()]


def test_make_run_installs_the_sites_dependencies_without_the_test_tools():
    prerequisites, _ = recipe("run")
    _, installing = recipe("$(VENV)/.installed")

    assert prerequisites == ["install"]
    assert recipe("install")[0] == ["$(VENV)/.installed"]
    assert any(line.endswith("pip install --progress-bar on -e .") for line in installing)
    assert not any("[test]" in line for line in installing)


def test_make_test_and_make_lint_bring_the_test_tools():
    _, installing = recipe("$(VENV)/.installed-test")

    assert recipe("test")[0] == ["install-test"]
    assert recipe("lint")[0] == ["install-test"]
    assert any("-e '.[test]'" in line for line in installing)


def test_make_run_says_where_to_sign_in_with_the_full_address():
    _, commands = recipe("run")

    said = next(line for line in commands if line.startswith("@echo"))
    assert "http://127.0.0.1:$(PORT)/admin/" in said
    assert commands.index(said) == len(commands) - 2  # just before the server starts
