"""Every `manage.py` command the README and docs/ give works on a local copy, as written.

The command lines are read from the documents themselves, so a command added to them, or
a misspelt one, is run here too. Each runs in a copy as `make run` leaves it (the local
account, an officer called olivia as in the README's examples), in a folder of its own
holding the files the lines name. Where input is wrong, the command says so plainly.
"""

import os
import re
import shlex
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command, get_commands, load_command_class

from tests.conftest import PASSWORD
from tests.targets.test_statistics_import import nomis_csv, records_2018

DOCUMENTS = [
    "README.md",
    "fixtures/README.md",
    *sorted(f"docs/{path.name}" for path in (settings.BASE_DIR / "docs").glob("*.md")),
]
NEW_PASSWORD = "another-long-password-2"

# Lines that cannot run here exactly as written, and how they run instead.
AS_RUN_HERE = {
    # It asks for the name, the address and the password twice; here they are given.
    ("createsuperuser",): (
        "createsuperuser",
        "--noinput",
        "--username=sam",
        "--email=sam@example.org",
    ),
    # The README's `migrate <app> <migration>`: the app's latest migration is where it is.
    ("migrate", "<app>"): ("migrate", "strategy"),
    # The full estate takes minutes: one of everything is the same code.
    ("generate_load_data",): (
        "generate_load_data",
        "--strategies=1",
        "--targets=1",
        "--years=1",
        "--propositions=1",
    ),
    # Named as what restore_backup does; a fixture is what it loads.
    ("loaddata",): ("loaddata", "seed"),
}
# Lines documented for production only, and run there by another test.
RUN_ELSEWHERE = {
    ("check", "--deploy", "--fail-level", "WARNING"): "tests/site/test_production_settings.py",
}


def documented_lines() -> list[tuple[str, ...]]:
    """Each command line the documents give: after `manage.py`, or a code span starting with
    a command's name (`axes_reset_ip 203.0.113.9`); a bare name only if no line runs it."""
    commands = get_commands()
    lines, bare = [], []
    for name in DOCUMENTS:
        text = (settings.BASE_DIR / name).read_text().replace("\\\n", " ")
        for match in re.finditer(r"manage\.py ([^`\n]+)", text):
            lines.append(tuple(shlex.split(match.group(1))))
        for match in re.finditer(r"`([a-z_]+)((?: [^`\n]*)?)`", text):
            if match.group(1) in commands:
                (lines if match.group(2) else bare).append(tuple(shlex.split(match.group(0)[1:-1])))
    lines += [line for line in bare if line[0] not in {run[0] for run in lines}]
    return list(dict.fromkeys(lines))


DOCUMENTED = documented_lines()
RUN_HERE = [line for line in DOCUMENTED if line not in RUN_ELSEWHERE]


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def local_copy(db, tmp_path, monkeypatch):
    """A migrated database as `make run` leaves it, and a folder holding the files the
    documents name: a Nomis download and a backup."""
    run("create_local_officer")
    olivia = User.objects.create_user(username="olivia", password=PASSWORD, is_staff=True)
    olivia.groups.set([Group.objects.get(name="LEP officer")])
    monkeypatch.chdir(tmp_path)
    (tmp_path / "NM_17_5.data.csv").write_text(nomis_csv(records_2018()), encoding="utf-8")
    run("dumpdata", "auth.group", "--natural-foreign", "--natural-primary", "--output=backup.json")
    # What createsuperuser and changepassword would ask for at the keyboard.
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", NEW_PASSWORD)
    monkeypatch.setattr(
        "django.contrib.auth.management.commands.changepassword.Command._get_pass",
        lambda command, prompt="": NEW_PASSWORD,
    )
    return tmp_path


def test_the_documents_give_the_commands_officers_need():
    named = {line[0] for line in DOCUMENTED}

    assert {
        "axes_reset",
        "axes_reset_username",
        "axes_reset_ip",
        "add_colleague",
        "add_totp_device",
        "changepassword",
        "createsuperuser",
        "drf_create_token",
        "import_statistics",
        "restore_backup",
        "seed",
    } <= named


@pytest.mark.parametrize("name", sorted({line[0] for line in DOCUMENTED}))
def test_every_command_the_documents_name_exists_and_explains_itself(name):
    commands = get_commands()

    assert name in commands, f"the documents name `manage.py {name}`, which does not exist"
    command = load_command_class(commands[name], name)
    assert command.create_parser("manage.py", name).format_help()


def test_the_lines_run_elsewhere_are_still_documented():
    assert set(RUN_ELSEWHERE) <= set(DOCUMENTED)


@pytest.mark.parametrize("line", RUN_HERE, ids=" ".join)
def test_every_documented_command_line_runs_locally(local_copy, line):
    if line[0] == "import_statistics":
        run("loaddata", "seed", "--verbosity=0")
    if line[0] == "add_colleague":
        # It adds someone new: the README's olivia is not here yet.
        User.objects.filter(username=line[1]).delete()

    run(*AS_RUN_HERE.get(line, line))


def test_the_documented_password_reset_sets_the_password(local_copy):
    run("changepassword", "officer")

    assert User.objects.get(username="officer").check_password(NEW_PASSWORD)


WRONG_INPUT = [
    (("changepassword", "nobody"), "user 'nobody' does not exist"),
    (("drf_create_token", "nobody"), "user nobody does not exist"),
    (("add_totp_device", "nobody"), "There is no user “nobody”."),
    (("add_colleague", "olivia", "--group=LEP officer"), "There is already a user “olivia”"),
    (
        ("add_colleague", "nina", "--group=Approvers"),
        "There is no group “Approvers”: the groups are Approver, LEP officer, Site administrator.",
    ),
    (
        (
            "import_statistics",
            "NM_17_5.data.csv",
            "--format=nomis",
            "--target=employment-rate",
            "--user=nobody",
        ),
        "There is no user “nobody”.",
    ),
    (("import_statistics", "no-such-file.csv", "--format=plain"), "Cannot read no-such-file.csv"),
    (("restore_backup", "no-such-backup.json"), "No fixture named 'no-such-backup'"),
]


@pytest.mark.parametrize(
    ("line", "message"),
    [pytest.param(line, message, id=" ".join(line)) for line, message in WRONG_INPUT],
)
def test_a_wrong_name_is_told_plainly(local_copy, line, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run(*line)


def test_lifting_a_pause_that_is_not_there_says_so(local_copy):
    assert run("axes_reset_username", "nobody").strip() == "No attempts found."


def test_without_debug_or_a_secret_key_manage_py_says_what_to_set_without_a_traceback():
    """As typed from the README's production sections on a laptop, with no environment."""
    environment = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}

    result = subprocess.run(
        [sys.executable, "manage.py", "axes_reset_username", "olivia"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert result.stderr == (
        "manage.py: SECRET_KEY must be set when DEBUG is off "
        "(set DEBUG=true for local development).\n"
    )
