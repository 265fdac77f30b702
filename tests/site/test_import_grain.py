"""The apps import one way (strategy/site/__init__.py): strategy's domain ← governance ←
propositions, strategy ← targets ← propositions, and only strategy/site above them all."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("strategy", "governance", "targets", "propositions")

# What each part of the code may import of the project's own packages. strategy.site is
# a part of its own, so "strategy" below means the strategy app outside it.
ALLOWED = {
    "strategy": {"strategy"},
    "governance": {"strategy", "governance"},
    "targets": {"strategy", "targets"},
    "propositions": {"strategy", "governance", "targets", "propositions"},
    "strategy.site": {"strategy", "governance", "targets", "propositions", "strategy.site"},
}


def part_of(module: str) -> str | None:
    if module == "strategy.site" or module.startswith("strategy.site."):
        return "strategy.site"
    top = module.split(".")[0]
    return top if top in APPS else None


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # "from strategy import site" imports the package strategy.site.
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def source_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def wrong_way_imports(path: Path) -> list[str]:
    importer = part_of(module_name(path))
    wrong = []
    for name in sorted(imported_modules(path)):
        imported = part_of(name)
        if imported is not None and imported not in ALLOWED[importer]:
            wrong.append(f"{module_name(path)} imports {name}")
    return wrong


def test_every_app_imports_only_the_apps_below_it():
    wrong = [problem for path in source_files() for problem in wrong_way_imports(path)]

    assert wrong == []


@pytest.mark.parametrize(
    ("importer", "source", "expected"),
    [
        ("targets/views.py", "from propositions.models import Proposition\n", True),
        ("targets/views.py", "from strategy.site import response_cache\n", True),
        ("strategy/models.py", "import governance.models\n", True),
        ("governance/views.py", "from targets.models import Target\n", True),
        ("propositions/views.py", "from strategy.site.feeds import PublishedFeed\n", True),
        ("propositions/views.py", "from targets.models import Target\n", False),
        ("strategy/site/views.py", "from propositions.models import Proposition\n", False),
        ("targets/views.py", "from strategy.data_version import data_version\n", False),
    ],
)
def test_an_import_against_the_grain_is_found(tmp_path, monkeypatch, importer, source, expected):
    path = tmp_path / importer
    path.parent.mkdir(parents=True)
    path.write_text(source)
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)

    assert bool(wrong_way_imports(path)) is expected


def test_the_site_package_is_the_one_place_that_names_every_app():
    site = ROOT / "strategy" / "site"
    imported = {
        part_of(name)
        for path in site.rglob("*.py")
        for name in imported_modules(path)
        if part_of(name) is not None
    }

    assert imported >= set(APPS)
