"""The admin's import page: upload a file, preview what it would do, confirm.

The preview and the import both run `targets.importing`, as the management command
does. Between the two steps the file's text travels in a hidden field (the files are
small), and the confirmation checks it again from scratch: nothing from the first
request is trusted. The preview lists every problem in the file and marks the rows
that have them, so that the officer can correct the whole file at once.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from targets.importing import (
    FileFormat,
    ImportPlan,
    PlannedRow,
    apply_import,
    example_rows,
    plain_csv,
    plan_file,
    read_file,
)
from targets.models import Observation, Target
from targets.statistics_import import ImportProblem, ImportProblems

# The confirmation posts the text back as a form field, which Django limits to
# DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) once encoded.
MAX_FILE_BYTES = 1_000_000
TITLE = "Import figures from official statistics"
EXAMPLE_FILENAME = "example-figures.csv"


@dataclass(frozen=True)
class PreviewLine:
    """A line of the file in the preview: what importing it would do, or, for a line
    that cannot be imported, its cells as written and its problems."""

    line: int
    planned: PlannedRow | None
    cells: Mapping[str, str]
    problems: tuple[ImportProblem, ...]


class ImportSettingsForm(forms.Form):
    format = forms.TypedChoiceField(
        choices=[(file_format.value, file_format.label) for file_format in FileFormat],
        coerce=FileFormat,
        initial=FileFormat.NOMIS,
        widget=forms.RadioSelect,
    )
    target = forms.ModelChoiceField(
        queryset=Target.objects.exclude(nomis_variable="").select_related("strategy"),
        required=False,
        help_text="For a Nomis download: the target it measures. Only targets with a Nomis "
        "variable are listed.",
    )
    source = forms.CharField(
        max_length=Observation._meta.get_field("source").max_length,
        required=False,
        help_text="Where the figures were published. For a Nomis download, leave it empty "
        "to use the target's source; for a plain CSV it fills empty source cells.",
    )
    release = forms.CharField(
        max_length=Observation._meta.get_field("release").max_length,
        required=False,
        help_text="The release or vintage, e.g. “Nomis 21 Jan 2020”. It is kept with each "
        "figure, and in the history of a revised one.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("format") == FileFormat.NOMIS and not cleaned.get("target"):
            self.add_error("target", "Choose the target this Nomis download measures.")
        if cleaned.get("format") == FileFormat.PLAIN:
            cleaned["target"] = None  # a plain CSV names the target on each row
        return cleaned


class UploadForm(ImportSettingsForm):
    file = forms.FileField(
        help_text="A CSV: a Nomis download (e.g. NM_17_5 for the area's local authorities, "
        "England and London, with the Numerator and Denominator measures), or a plain CSV "
        "with the columns described below. Cells may be separated by commas or semicolons."
    )

    field_order = ("file", "format", "target", "source", "release")

    def clean_file(self) -> str:
        """The file's text, which is what the rest of the import works on."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                "The file is larger than 1 MB: download only the figures needed, e.g. the "
                "area's local authorities, England and London."
            )
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("The file is not UTF-8 text: save it as CSV UTF-8.") from None


class ConfirmForm(ImportSettingsForm):
    text = forms.CharField(widget=forms.HiddenInput, strip=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget = forms.HiddenInput()


def import_observations(request, model_admin):
    """Step 1 (GET, or a POST with errors): the upload form. Step 2: the preview.
    Step 3 (a POST with "confirm"): the import, then back to the figures."""
    if not request.user.has_perm("targets.add_observation"):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, model_admin)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            return _preview(request, model_admin, form.cleaned_data, form.cleaned_data["file"])
    else:
        form = UploadForm()
    context = {
        **_context(request, model_admin),
        "form": form,
        "example_target": Target.objects.first(),
    }
    return render(request, "admin/targets/import_form.html", context)


def example_file(request, model_admin):
    """A plain CSV to start from, with every column and the first target's slug, which
    imports as it is: it shows officers the format better than a description can."""
    if not request.user.has_perm("targets.add_observation"):
        raise PermissionDenied
    target = Target.objects.first()
    text = plain_csv(example_rows(target) if target is not None else [])
    # The byte-order mark tells Excel the file is UTF-8; the import reads it either way.
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{EXAMPLE_FILENAME}"'
    return response


def preview_lines(plan: ImportPlan) -> list[PreviewLine]:
    """The preview's table: every line the import would write or leave alone, and every
    line with a problem, in the file's order."""
    planned = {planned.row.line: planned for planned in plan.rows}
    problems = defaultdict(list)
    for problem in plan.problems:
        if problem.line is not None:
            problems[problem.line].append(problem)
    return [
        PreviewLine(
            line=line,
            planned=planned.get(line),
            cells=plan.cells.get(line, {}),
            problems=tuple(problems[line]),
        )
        for line in sorted(planned.keys() | problems.keys())
    ]


def _confirm(request, model_admin):
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The preview was out of date: upload the file again.")
        return redirect("admin:targets_observation_import")
    data = form.cleaned_data
    plan = _plan(data, data["text"], request.user)
    if plan.problems or not plan.writes_anything:
        return _preview(request, model_admin, data, data["text"], plan=plan)
    try:
        result = apply_import(plan, request.user, data["release"])
    except (IntegrityError, ImportProblems):
        # Someone saved a figure for one of these periods between plan and write; the
        # transaction rolled back, so nothing was imported.
        messages.error(
            request,
            "Another change to these figures was saved while you were importing, so nothing "
            "was imported. Upload the file again to see the new preview.",
        )
        return redirect("admin:targets_observation_import")
    messages.success(request, str(result))
    return redirect("admin:targets_observation_changelist")


def _preview(request, model_admin, data, text, plan: ImportPlan | None = None):
    if plan is None:
        plan = _plan(data, text, request.user)
    confirm_form = None
    if not plan.problems and plan.writes_anything:
        confirm_form = ConfirmForm(initial={**data, "text": text})
    context = {
        **_context(request, model_admin),
        "subtitle": "Preview",
        "plan": plan,
        "lines": preview_lines(plan),
        "settings": data,
        "confirm_form": confirm_form,
    }
    return render(request, "admin/targets/import_preview.html", context)


def _plan(data, text: str, user) -> ImportPlan:
    parsed = read_file(text, data["format"], target=data["target"], source=data["source"])
    return plan_file(parsed, user)


def _context(request, model_admin) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": Observation._meta,
        "title": TITLE,
    }
