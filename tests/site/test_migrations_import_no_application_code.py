"""A migration runs against the schema as it was when it was written, so it never imports
application code, which changes later; only the model field classes that Django records
by their path (strategy.fields) are named."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("strategy", "governance", "targets", "propositions")
FIELD_CLASSES = "strategy.fields"


def project_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return {module for module in modules if module.split(".")[0] in APPS}


MIGRATIONS = sorted(path for app in APPS for path in (ROOT / app / "migrations").glob("[0-9]*.py"))


@pytest.mark.parametrize(
    "path", MIGRATIONS, ids=lambda path: f"{path.parent.parent.name}/{path.name}"
)
def test_a_migration_imports_only_field_classes_from_the_project(path):
    assert project_imports(path) <= {FIELD_CLASSES}


def test_the_check_reads_every_app_s_migrations():
    assert {path.parent.parent.name for path in MIGRATIONS} == set(APPS)
