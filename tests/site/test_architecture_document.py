"""docs/architecture.md is a map for newcomers: every file and function it names exists."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "docs" / "architecture.md"
# `folder/file.py` or `path/to/file.py:name` (a function, class, or Class.method).
REFERENCE = re.compile(r"`([\w.-]+/[\w./-]+\.(?:py|html|md))(?::([\w.]+))?`")


def references(text: str) -> list[tuple[str, str | None]]:
    return [(path, name or None) for path, name in REFERENCE.findall(text)]


def defined_names(path: Path) -> set[str]:
    """Module-level names, and `Class.method` for each class's methods and attributes."""
    names = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        if isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    names.add(f"{node.name}.{member.name}")
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
    return names


def missing(root: Path, text: str) -> list[str]:
    problems = []
    for path, name in references(text):
        file = root / path
        if not file.is_file():
            problems.append(f"{path} does not exist")
        elif name is not None and name not in defined_names(file):
            problems.append(f"{path} defines no {name}")
    return problems


def test_the_document_names_only_files_and_functions_that_exist():
    text = DOCUMENT.read_text()

    assert len(references(text)) >= 30  # the two walks, hop by hop
    assert missing(ROOT, text) == []


def test_both_walks_are_there():
    headings = re.findall(r"^## (.+)$", DOCUMENT.read_text(), flags=re.MULTILINE)

    assert any("anonymous reader opens a target page" in heading for heading in headings)
    assert any("approver publishes a figure" in heading for heading in headings)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("`targets/nowhere.py:assess`", "targets/nowhere.py does not exist"),
        (
            "`targets/progress.py:assess_everything`",
            "targets/progress.py defines no assess_everything",
        ),
        (
            "`targets/admin.py:PublishableAdmin.fly`",
            "targets/admin.py defines no PublishableAdmin.fly",
        ),
    ],
)
def test_a_name_that_moved_is_reported(text, problem):
    assert missing(ROOT, text) == [problem]


def test_a_name_that_exists_is_not_reported():
    assert missing(ROOT, "`targets/admin.py:PublishableAdmin.save_model`") == []
