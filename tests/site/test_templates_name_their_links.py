"""Templates reach the site's pages by name ({% url %}), so that a moved address moves
every link to it. The error page alone writes plain addresses: Django renders it with no
request, while something is already wrong."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
STANDS_ALONE = {"500.html"}
PLAIN_ADDRESS = re.compile(r"""(?:href|src|action)=["']/""")


@pytest.mark.parametrize(
    "path",
    sorted(
        path
        for path in TEMPLATES.rglob("*.html")
        if str(path.relative_to(TEMPLATES)) not in STANDS_ALONE
    ),
    ids=lambda path: str(path.relative_to(TEMPLATES)),
)
def test_a_template_links_to_the_site_by_name(path):
    lines = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PLAIN_ADDRESS.search(line)
    ]
    assert lines == []


def test_the_error_page_is_the_one_exception_and_still_needs_it():
    assert PLAIN_ADDRESS.search((TEMPLATES / "500.html").read_text(encoding="utf-8"))
