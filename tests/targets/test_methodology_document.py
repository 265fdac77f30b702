"""docs/methodology.md is the rule book targets/progress.py follows: the names and numbers
the code uses are the ones the document gives."""

import re
from decimal import Decimal

from django.conf import settings

from targets import progress
from targets.models import Target

DOCUMENT = (settings.BASE_DIR / "docs" / "methodology.md").read_text()
WORDS = " ".join(DOCUMENT.split())


def section(title: str) -> str:
    return DOCUMENT.split(f"## {title}\n")[1].split("\n## ")[0]


def test_every_kind_of_target_in_the_code_is_in_the_documents_table():
    kinds = re.findall(r"^\| `(\w+)` \|", section("Kinds of target"), flags=re.MULTILINE)

    assert set(kinds) == {kind for kind, _ in Target.Kind.choices}
    assert set(kinds) == {
        progress.INCREASE,
        progress.REACH_VALUE,
        progress.SHARE_OF_CHANGE,
        progress.CLOSE_GAP,
        progress.REDUCE_GAP,
    }


def test_every_status_in_the_code_is_named_in_the_document():
    for status in progress.STATUSES:
        assert f"`{status}`" in DOCUMENT, status
    for word in progress.STATUS_WORDS.values():
        assert f"*{word}*" in DOCUMENT, word


def test_the_default_tolerance_is_the_documents():
    assert "target's tolerance (default `0.10`)" in WORDS
    assert Target._meta.get_field("tolerance").default == Decimal("0.10")


def test_the_api_rounding_is_the_documents():
    assert "rounded to 4 decimal places" in WORDS
    assert str(progress.as_decimal(progress.Fraction(2, 3))) == "0.6667"


def test_the_awaited_wording_is_the_documents():
    assert f"{progress.AWAITED}: the figures for January to December 2024" in WORDS


def test_the_words_of_the_code_are_the_documents_words():
    """progress.py's glossary names only words the document defines."""
    glossary = progress.__doc__.split("Words, one name per idea")[1]
    code_words = {
        word.strip()
        for line in glossary.splitlines()
        if line.startswith("- ")
        for word in line[2:].split(":")[0].split(",")
    }
    document_words = set(re.findall(r"^- \*\*([^*]+)\*\*", section("Words"), flags=re.MULTILINE))

    assert code_words == {
        "Observation",
        "Published assessment",
        "Baseline",
        "Target date",
        "Verdict",
        "Standing",
        "Summary",
    }
    assert code_words <= document_words
