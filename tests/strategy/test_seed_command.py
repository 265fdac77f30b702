"""Loading the seed never overwrites an officer's work: `make run` loads it only into an
empty database, and `manage.py seed` lists what it would change before changing anything."""

import datetime
import os
import re
import shlex
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from propositions.models import Proposition
from strategy.management.commands.seed import HISTORY_REASON
from strategy.models import Strategy
from targets.models import Observation


def run_seed(*args: str) -> str:
    out = StringIO()
    call_command("seed", *args, stdout=out)
    return out.getvalue()


def officers_edits() -> dict:
    """What an officer does after the first start: a change, a new draft, a deletion."""
    made_smarter = Proposition.objects.get(slug="made-smarter")
    made_smarter.funding_sought = Decimal(1500000)
    made_smarter.save()
    jobs_base = Observation.objects.get(target__slug="jobs", period_end="2014-03-31")
    jobs_base.released_on = datetime.date(2020, 1, 22)
    jobs_base.save()
    Observation.objects.get(target__slug="jobs", period_end="2019-09-30").delete()
    Observation.objects.create(
        target=jobs_base.target,
        period_end=datetime.date(2021, 3, 31),
        period_label="Apr 2020-Mar 2021",
        value=Decimal(871800),
        source="APS workplace analysis",
    )
    return {"proposition": made_smarter.pk, "observation": jobs_base.pk}


@pytest.mark.django_db
def test_it_loads_the_seed_into_an_empty_database_and_then_leaves_it_alone():
    assert not Strategy.objects.exists()

    assert run_seed("--if-empty") == "Loaded the seed strategy into the empty database.\n"
    assert Strategy.objects.count() == 3
    officers_edits()
    again = run_seed("--if-empty")

    assert "the seed was not loaded again: nothing changed here is overwritten" in again
    assert Proposition.objects.get(slug="made-smarter").funding_sought == 1500000
    assert not Observation.objects.filter(period_end="2019-09-30", target__slug="jobs").exists()


@pytest.mark.usefixtures("seed")
def test_without_force_it_lists_what_it_would_change_and_changes_nothing():
    officers_edits()

    with pytest.raises(CommandError, match="Nothing was changed"):
        run_seed()

    assert Proposition.objects.get(slug="made-smarter").funding_sought == 1500000
    assert Observation.objects.get(target__slug="jobs", period_end="2014-03-31").released_on
    assert not Observation.objects.filter(period_end="2019-09-30", target__slug="jobs").exists()


@pytest.mark.usefixtures("seed")
def test_the_listing_names_each_record_and_field_it_would_change(capsys):
    officers_edits()

    with pytest.raises(CommandError):
        call_command("seed")
    listing = capsys.readouterr().out

    assert "The seed would change 2 record(s):" in listing
    assert "proposition 9 “Made Smarter Programme”: funding sought" in listing
    assert "observation 1 “More jobs: Apr 2013-Mar 2014”: released on" in listing
    assert "The seed would add 1 record(s) that are not here" in listing
    assert "observation 2 “More jobs: Oct 2018-Sep 2019”" in listing
    # The officer's own new draft is not the seed's business.
    assert "Apr 2020-Mar 2021" not in listing


@pytest.mark.usefixtures("seed")
def test_with_force_it_puts_the_seed_back_and_records_each_change_in_the_history():
    edited = officers_edits()

    run_seed("--force")

    assert Proposition.objects.get(pk=edited["proposition"]).funding_sought is None
    assert Observation.objects.get(pk=edited["observation"]).released_on == datetime.date(
        2020, 1, 21
    )
    assert Observation.objects.filter(target__slug="jobs", period_end="2019-09-30").exists()
    latest = Observation.history.filter(id=edited["observation"]).latest("history_date")
    assert latest.history_change_reason == HISTORY_REASON
    assert run_seed() == "The database already holds the seed as it is: nothing to load.\n"


def make_run_commands() -> list[list[str]]:
    """The commands of the Makefile's `run` recipe, as `make run` runs them, but for the
    server itself and what it only says (@echo)."""
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    recipe = makefile.split("\nrun: install\n", 1)[1].split("\n\n", 1)[0]
    commands = []
    for line in recipe.splitlines():
        line = line.strip().replace("$(RUN_ENV)", "").replace("$(BIN)/python", sys.executable)
        if "runserver" not in line and not line.startswith("@"):
            commands.append(shlex.split(line))
    return commands


def django(tmp: Path, *command: str, code: str = "") -> str:
    environment = {**os.environ, "DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    if code:
        command = (sys.executable, "manage.py", "shell", "--no-imports", "-c", code)
    result = subprocess.run(
        command,
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return result.stdout


def test_starting_the_site_again_keeps_every_edit(tmp_path):
    """The README's sequence (make run), twice, around an officer's edits."""
    commands = make_run_commands()
    assert [command[2:4] for command in commands] == [
        ["migrate", "--noinput"],
        ["seed", "--if-empty"],
        ["create_local_officer"],
    ]
    for command in commands:
        django(tmp_path, *command)
    django(
        tmp_path,
        code=("from tests.strategy.test_seed_command import officers_edits; officers_edits()"),
    )

    outputs = [django(tmp_path, *command) for command in commands]
    state = django(
        tmp_path,
        code=(
            "from propositions.models import Proposition; from targets.models import "
            "Observation; jobs = Observation.objects.filter(target__slug='jobs'); "
            "print(Proposition.objects.get(slug='made-smarter').funding_sought, "
            "jobs.get(period_end='2014-03-31').released_on, "
            "jobs.filter(period_end='2019-09-30').exists(), "
            "jobs.filter(period_end='2021-03-31').exists())"
        ),
    )

    assert "the seed was not loaded again" in outputs[1]
    assert re.fullmatch(r"1500000(\.0+)? 2020-01-22 False True\n", state)
