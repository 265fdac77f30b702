"""No two classes of the four apps share a name, so that a name in an import, a traceback
or a review means one class (the page's filter form and the API's FilterSet were both
`PropositionFilter`)."""

import ast
import importlib
from collections import defaultdict
from pathlib import Path

APPS = ["strategy", "targets", "governance", "propositions"]


def classes_by_name() -> dict[str, list[str]]:
    """Each name of a class defined at the top of a module of the apps, with the modules
    that define one. Read from the source, not imported: importing every module (wsgi,
    settings, management commands) would run them."""
    found = defaultdict(list)
    for app in APPS:
        folder = Path(importlib.import_module(app).__file__).parent
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder.parent).with_suffix("").parts
            if "migrations" in parts:
                continue
            module = ".".join(parts)
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                # Django finds a management command by the name `Command`.
                if isinstance(node, ast.ClassDef) and not (
                    node.name == "Command" and ".management.commands." in module
                ):
                    found[node.name].append(module)
    return found


def test_the_class_walk_sees_the_modules_of_every_app():
    found = classes_by_name()

    assert found["Strategy"] == ["strategy.models"]
    assert found["TargetViewSet"] == ["targets.api"]
    assert found["GovernanceBody"] == ["governance.models"]
    assert found["PropositionViewSet"] == ["propositions.api"]


def test_no_two_classes_of_the_apps_share_a_name():
    shared = {name: modules for name, modules in classes_by_name().items() if len(modules) > 1}

    assert shared == {}, "; ".join(
        f"{name} is defined in {', '.join(modules)}" for name, modules in shared.items()
    )
