"""Import figures from a Nomis download or a plain CSV, as the admin's import page does.

Prints what the import would do and writes it only when every row is valid; with
--dry-run it only prints. Every problem in the file is printed at once, by line and
column, and the command then fails without writing anything.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from targets.importing import (
    Action,
    FileFormat,
    PlannedRow,
    apply_import,
    format_figure,
    plan_file,
    read_file,
)
from targets.models import Observation, Target
from targets.statistics_import import ImportProblems

RELEASE_LENGTH = Observation._meta.get_field("release").max_length


class Command(BaseCommand):
    help = "Import figures for targets from a Nomis CSV download or a plain CSV."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file.")
        parser.add_argument("--format", required=True, choices=[f.value for f in FileFormat])
        parser.add_argument(
            "--target", help="The target's slug: required for a Nomis download, which it reads."
        )
        parser.add_argument(
            "--source",
            default="",
            help="Where the figures were published (default: the target's source for a "
            "Nomis download; fills blank source cells of a plain CSV).",
        )
        parser.add_argument(
            "--release", default="", help="The release or vintage, e.g. “Nomis 21 Jan 2020”."
        )
        parser.add_argument(
            "--user",
            help="Whose import this is: recorded on the figures, and only a user who may "
            "publish can revise published figures.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show the preview only.")

    def handle(self, *args, **options):
        file_format = FileFormat(options["format"])
        slug, release = options["target"], options["release"]
        if file_format == FileFormat.NOMIS and not slug:
            raise CommandError("A Nomis download needs --target: the target it measures.")
        if file_format == FileFormat.PLAIN and slug:
            raise CommandError("--target is for a Nomis download: a plain CSV names the targets.")
        if len(release) > RELEASE_LENGTH:
            raise CommandError(f"--release is at most {RELEASE_LENGTH} characters.")
        user = self._user(options["user"])
        path = Path(options["file"])
        text = self._read(path)
        parsed = read_file(text, file_format, target=self._target(slug), source=options["source"])
        plan = plan_file(parsed, user)

        self.stdout.write(f"{path.name}: {plan.summary()}.")
        for planned in plan.rows:
            self.stdout.write(describe(planned))
        if plan.problems:
            raise CommandError(self._failure(ImportProblems(plan.problems)))
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            return
        result = apply_import(plan, user, release)
        self.stdout.write(self.style.SUCCESS(str(result)))

    def _user(self, username):
        if username is None:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user “{username}”.") from None

    def _target(self, slug):
        if slug is None:
            return None
        try:
            return Target.objects.select_related("strategy").get(slug=slug)
        except Target.DoesNotExist:
            raise CommandError(f"There is no target “{slug}”.") from None

    def _read(self, path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8-sig")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text: save it as CSV UTF-8.") from error

    def _failure(self, problems: ImportProblems) -> str:
        count = len(problems.problems)
        return "\n".join(
            [
                f"Nothing was imported: {count} problem{'s' if count != 1 else ''}.",
                *(str(problem) for problem in problems.problems),
            ]
        )


def describe(planned: PlannedRow) -> str:
    """One line of the preview, e.g.
    "line 2  create  employment-rate  Oct 2017-Sep 2018  value 71.55, comparator_value 75.52"."""
    row = planned.row
    if planned.action == Action.CHANGE:
        detail = "; ".join(str(change) for change in planned.changes)
        if planned.is_revision:
            detail += " (published: a revision)"
    elif planned.action == Action.CREATE:
        detail = ", ".join(
            f"{name} {format_figure(getattr(row, name))}"
            for name in Observation.FIGURE_FIELDS
            if getattr(row, name) is not None
        )
    else:
        detail = ""
    slug = planned.observation.target.slug
    return f"line {row.line}  {planned.action:<9}  {slug}  {row.period_label}  {detail}".rstrip()
