"""Reading official statistics into figures for a target: Nomis downloads and plain CSVs.

A pure module: no Django, no database. It turns a file's text into a `ParsedFile`: the
`ImportRow`s it could read, and every problem with the rest, each naming the line and
the column. The rows that could be read go on to be checked against the database, so
that an officer sees the problems of the whole file at once and corrects it in one go.
What to do with the rows (create, change, leave alone) is decided by `targets.importing`.

Files come as spreadsheets save them: with commas, semicolons (Excel, where the comma is
the decimal point) or tabs between cells, with or without a byte-order mark, and dates
written 2024-03-31 or, in the UK way, 31/03/2024.

Rates are rebuilt from counts, never averaged: Nomis publishes each local authority's
numerator and denominator, and an area's rate is their sums' ratio.
"""

from __future__ import annotations

import calendar
import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
HUNDREDTHS = Decimal("0.01")

# Nomis's code for a normal value; any other status on a count makes the figure
# provisional, and a status without a value is a gap the area's sum cannot bridge.
NORMAL_STATUS = "A"
NUMERATOR = "Numerator"
DENOMINATOR = "Denominator"
NOMIS_COLUMNS = (
    "DATE",
    "DATE_NAME",
    "GEOGRAPHY_CODE",
    "VARIABLE_NAME",
    "MEASURES_NAME",
    "OBS_VALUE",
    "OBS_STATUS",
)

PLAIN_REQUIRED = ("target", "period_end", "period_label", "value")
PLAIN_OPTIONAL = ("comparator_value", "subset_value", "source", "provisional", "notes")
PLAIN_COLUMNS = PLAIN_REQUIRED + PLAIN_OPTIONAL
YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0", "")

# The two kinds of file, as the import page names them.
NOMIS_KIND = "Nomis CSV download"
PLAIN_KIND = "Plain CSV"
# The columns that give a kind of file away, whichever kind was chosen.
NOMIS_SIGNS = ("DATE", "GEOGRAPHY_CODE", "OBS_VALUE")
PLAIN_SIGNS = ("target", "period_end")
# What may separate cells; the header line says which one a file uses.
DELIMITERS = ",;\t"
DATE_FORMS = "2019-09-30 or 30/09/2019"

# Reports a problem at a column of the row being read.
Reporter = Callable[[str, str], None]


@dataclass(frozen=True)
class ImportRow:
    """One figure for one target and period, ready to be checked against the database.

    `line` is where it comes from in the file (for a Nomis figure, the first line of its
    period), so that later problems can still name it.
    """

    line: int
    target: str  # the target's slug, title or short title, as the file names it
    period_end: datetime.date
    period_label: str
    value: Decimal
    comparator_value: Decimal | None = None
    subset_value: Decimal | None = None
    source: str = ""
    provisional: bool = False
    notes: str = ""
    derived: bool = False


@dataclass(frozen=True)
class ImportProblem:
    """Why a file cannot be imported, at a line and column where there is one."""

    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"Line {self.line}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class ParsedFile:
    """What a file gives: the rows that could be read and every problem with the others.

    `cells` keeps each row's cells as written, by line, so that a preview can show the
    officer a row that could not be imported as it stands in their file.
    """

    rows: tuple[ImportRow, ...] = ()
    problems: tuple[ImportProblem, ...] = ()
    cells: Mapping[int, Mapping[str, str]] = field(default_factory=dict)


class ImportProblems(Exception):
    """Every problem found in a file; nothing is imported while there are any."""

    def __init__(self, problems: Iterable[ImportProblem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def parse_period_label(label: str) -> datetime.date:
    """The last day of a period named like "Oct 2018-Sep 2019", as Nomis names them."""
    match = re.fullmatch(
        r"([A-Za-z]{3})[a-z]*\.? (\d{4})\s*(?:-|–|to)\s*([A-Za-z]{3})[a-z]*\.? (\d{4})",
        label.strip(),
    )
    if not match:
        raise ValueError(f"“{label}” is not a period like “Oct 2018-Sep 2019”.")
    start = _month_start(match.group(1), match.group(2), label)
    end = _month_start(match.group(3), match.group(4), label)
    if end < start:
        raise ValueError(f"“{label}” ends before it starts.")
    return month_end(end.year, end.month)


def parse_code_terms(codes: str) -> tuple[tuple[int, str], ...]:
    """GSS codes with their signs: "E92000001 -E12000007" is England minus London."""
    terms = []
    for token in re.sub(r"([+-])\s+", r"\1", codes).split():
        sign = -1 if token.startswith("-") else 1
        code = token.lstrip("+-")
        if not re.fullmatch(r"[A-Z]\d{8}", code):
            raise ValueError(f"“{code}” is not a GSS code like E92000001.")
        terms.append((sign, code))
    return tuple(terms)


def parse_nomis_csv(
    text: str,
    variable_name: str,
    area_codes: str,
    comparator_codes: str,
    *,
    target: str,
    source: str,
) -> ParsedFile:
    """The rates of one variable for an area and its comparator, by period, from the
    Numerator and Denominator counts of a Nomis CSV download (e.g. NM_17_5, the APS).

    `area_codes` are the area's local authorities, all of which must be in the file for
    a period; `comparator_codes` are signed, e.g. England minus London. A period with a
    problem gives no row; the others do.
    """
    problems: list[ImportProblem] = []
    area = tuple(dict.fromkeys(area_codes.split()))
    if not area:
        problems.append(
            ImportProblem(None, "", "The strategy has no area codes to add up: enter them.")
        )
    try:
        comparator = parse_code_terms(comparator_codes)
    except ValueError as error:
        problems.append(ImportProblem(None, "", f"The comparator's GSS codes: {error}"))
        comparator = ()
    if problems:
        return ParsedFile(problems=tuple(problems))

    reader = _reader(text)
    header_problems = _check_header(reader, NOMIS_KIND)
    if header_problems:
        return ParsedFile(problems=tuple(header_problems))
    wanted_order = tuple(dict.fromkeys((*area, *(code for _, code in comparator))))
    wanted = set(wanted_order)
    periods: dict[str, _Period] = {}
    variables_seen: set[str] = set()
    for record in reader:
        line = reader.line_num
        variable = record["VARIABLE_NAME"].strip()
        variables_seen.add(variable)
        if variable.casefold() != variable_name.strip().casefold():
            continue
        period = periods.get(record["DATE"].strip())
        if period is None:
            period = _Period.read(record, line, problems)
            periods[period.date] = period
        measure = record["MEASURES_NAME"].strip()
        code = record["GEOGRAPHY_CODE"].strip()
        if measure in (NUMERATOR, DENOMINATOR) and code in wanted:
            period.add_count(record, line, measure, code, problems)

    if not periods:
        found = ", ".join(f"“{name}”" for name in sorted(variables_seen)[:5]) or "none"
        problems.append(
            ImportProblem(
                None,
                "VARIABLE_NAME",
                f"The file has no rows for “{variable_name}” (it has {found}).",
            )
        )
        return ParsedFile(problems=tuple(problems))
    if not any(period.count_lines for period in periods.values()):
        problems.append(
            ImportProblem(
                None,
                "MEASURES_NAME",
                f"The file has no {NUMERATOR} and {DENOMINATOR} rows for “{variable_name}” "
                f"in {', '.join(wanted_order)}: download the counts, not only the rates.",
            )
        )
        return ParsedFile(problems=tuple(problems))
    rows = []
    # DATE is "YYYY-MM", so its text sorts in time order.
    for period in sorted(periods.values(), key=lambda period: period.date):
        row = period.row(variable_name, area, comparator, target, source, problems)
        if row is not None:
            rows.append(row)
    return ParsedFile(rows=tuple(rows), problems=tuple(problems))


def parse_plain_csv(text: str, *, default_source: str = "") -> ParsedFile:
    """Figures typed up by an officer, one row per target and period, with the columns
    `PLAIN_COLUMNS` (the first four required). A blank source takes `default_source`.
    A row with a problem gives no row; the others do."""
    reader = _reader(text)
    header_problems = _check_header(reader, PLAIN_KIND)
    if header_problems:
        return ParsedFile(problems=tuple(header_problems))
    problems: list[ImportProblem] = []
    rows = []
    cells_by_line = {}
    for record in reader:
        line = reader.line_num
        if None in record:
            problems.append(
                ImportProblem(line, "", "This row has more cells than the header has columns.")
            )
        cells = {column: (value or "").strip() for column, value in record.items() if column}
        if not any(cells.values()) and None not in record:
            continue  # spreadsheets save rows emptied by hand as a line of separators
        cells_by_line[line] = cells
        row = _plain_row(cells, line, default_source, problems)
        if row is not None and None not in record:
            rows.append(row)
    if not cells_by_line and not problems:
        problems.append(ImportProblem(None, "", "The file has no rows under its header."))
    return ParsedFile(rows=tuple(rows), problems=tuple(problems), cells=cells_by_line)


def _plain_row(
    cells: dict[str, str],
    line: int,
    default_source: str,
    problems: list[ImportProblem],
) -> ImportRow | None:
    found = len(problems)

    def problem(column: str, message: str) -> None:
        problems.append(ImportProblem(line, column, message))

    if not cells["target"]:
        problem("target", "Give the target's slug or title, e.g. employment-rate.")
    period_end = _date(cells["period_end"], "period_end", problem)
    label = cells["period_label"]
    if not label:
        problem("period_label", "Name the period as the source does, e.g. Oct 2018-Sep 2019.")
    else:
        _check_label(label, period_end, problem)
    value = _plain_number(cells["value"], "value", problem, required=True)
    comparator_value = _plain_number(cells.get("comparator_value", ""), "comparator_value", problem)
    subset_value = _plain_number(cells.get("subset_value", ""), "subset_value", problem)
    provisional = cells.get("provisional", "")
    if provisional.lower() not in YES + NO:
        problem("provisional", f"“{provisional}” is not yes or no.")
    if len(problems) > found or period_end is None or value is None:
        return None
    return ImportRow(
        line=line,
        target=cells["target"],
        period_end=period_end,
        period_label=label,
        value=value,
        comparator_value=comparator_value,
        subset_value=subset_value,
        source=cells.get("source") or default_source,
        provisional=provisional.lower() in YES,
        notes=cells.get("notes", ""),
    )


@dataclass
class _Period:
    """The counts read so far for one Nomis DATE."""

    date: str
    period_end: datetime.date | None
    label: str
    line: int
    counts: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    count_lines: dict[tuple[str, str], int] = field(default_factory=dict)
    statuses: set[str] = field(default_factory=set)
    failed: bool = False

    @classmethod
    def read(cls, record: dict[str, str], line: int, problems: list[ImportProblem]) -> _Period:
        """Nomis DATE "2018-09" is the 12 months ending September 2018; DATE_NAME names
        them and must agree."""
        date = record["DATE"].strip()
        label = record["DATE_NAME"].strip()
        match = re.fullmatch(r"(\d{4})-(\d{2})", date)
        if not match or not 1 <= int(match.group(2)) <= 12:
            problems.append(ImportProblem(line, "DATE", f"“{date}” is not a month like 2018-09."))
            return cls(date, None, label, line, failed=True)
        period_end = month_end(int(match.group(1)), int(match.group(2)))
        if not label:
            label = twelve_months_label(period_end)
        else:
            try:
                named_end = parse_period_label(label)
            except ValueError:
                named_end = period_end  # a name we cannot read is kept as the source's words
            if named_end != period_end:
                problems.append(
                    ImportProblem(
                        line,
                        "DATE_NAME",
                        f"“{label}” does not end in the month of DATE {date}.",
                    )
                )
                return cls(date, None, label, line, failed=True)
        return cls(date, period_end, label, line)

    def add_count(
        self,
        record: dict[str, str],
        line: int,
        measure: str,
        code: str,
        problems: list[ImportProblem],
    ) -> None:
        key = (measure, code)
        if key in self.count_lines:
            problems.append(
                ImportProblem(
                    line,
                    "GEOGRAPHY_CODE",
                    f"{code} already has a {measure} for {self.label} "
                    f"(line {self.count_lines[key]}).",
                )
            )
            self.failed = True
            return
        self.count_lines[key] = line
        text = record["OBS_VALUE"].strip()
        status = record["OBS_STATUS"].strip() or NORMAL_STATUS
        if not text:
            problems.append(
                ImportProblem(
                    line,
                    "OBS_VALUE",
                    f"No {measure} for {code} in {self.label} (OBS_STATUS {status}): "
                    "the area's figure cannot be added up without it.",
                )
            )
            self.failed = True
            return
        try:
            count = Decimal(text)
        except InvalidOperation:
            count = None
        if count is None or not count.is_finite() or count < 0:
            problems.append(ImportProblem(line, "OBS_VALUE", f"“{text}” is not a count."))
            self.failed = True
            return
        self.counts[key] = count
        if status != NORMAL_STATUS:
            self.statuses.add(status)

    def row(
        self,
        variable_name: str,
        area: tuple[str, ...],
        comparator: tuple[tuple[int, str], ...],
        target: str,
        source: str,
        problems: list[ImportProblem],
    ) -> ImportRow | None:
        if self.failed or self.period_end is None:
            return None
        missing = [
            code
            for code in (*area, *(code for _, code in comparator))
            if (NUMERATOR, code) not in self.counts or (DENOMINATOR, code) not in self.counts
        ]
        if missing:
            problems.append(
                ImportProblem(
                    self.line,
                    "GEOGRAPHY_CODE",
                    f"{self.label} (DATE {self.date}) has no {NUMERATOR} and {DENOMINATOR} "
                    f"for {', '.join(dict.fromkeys(missing))}.",
                )
            )
            return None
        area_terms = tuple((1, code) for code in area)
        value, value_note = self._rate(area_terms, problems)
        notes = [
            f"{variable_name} = 100 * numerator / denominator, from Nomis counts",
            f"value, summed over {' '.join(area)}: {value_note}",
        ]
        comparator_value = None
        if comparator:
            comparator_value, comparator_note = self._rate(comparator, problems)
            notes.append(f"comparator_value, {_signed_codes(comparator)}: {comparator_note}")
        if self.statuses:
            notes.append(f"provisional: counts with OBS_STATUS {', '.join(sorted(self.statuses))}")
        if value is None or (comparator and comparator_value is None):
            return None
        return ImportRow(
            line=self.line,
            target=target,
            period_end=self.period_end,
            period_label=self.label,
            value=value,
            comparator_value=comparator_value,
            source=source,
            provisional=bool(self.statuses),
            notes="\n".join(notes),
            derived=True,
        )

    def _rate(
        self, terms: tuple[tuple[int, str], ...], problems: list[ImportProblem]
    ) -> tuple[Decimal | None, str]:
        numerators = [(sign, self.counts[NUMERATOR, code]) for sign, code in terms]
        denominators = [(sign, self.counts[DENOMINATOR, code]) for sign, code in terms]
        numerator = sum(sign * count for sign, count in numerators)
        denominator = sum(sign * count for sign, count in denominators)
        if any(sign < 0 for sign, _ in terms):
            note = f"{_signed_sum(numerators)} / {_signed_sum(denominators)}"
        else:
            note = f"{_count(numerator)} / {_count(denominator)}"
        if denominator <= 0:
            problems.append(
                ImportProblem(
                    self.line,
                    "OBS_VALUE",
                    f"{self.label}: the {DENOMINATOR.lower()} of {_signed_codes(terms)} "
                    "is not above 0.",
                )
            )
            return None, note
        rate = (100 * numerator / denominator).quantize(HUNDREDTHS, rounding=ROUND_HALF_EVEN)
        return rate, note


def _reader(text: str) -> csv.DictReader:
    # Spreadsheets save CSV with a byte-order mark, which would stick to the first name.
    text = text.lstrip("\ufeff")
    return csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text))


def _delimiter(text: str) -> str:
    """The separator the header line uses most. Excel saves with semicolons where the
    comma is the decimal point; a header of column names never holds one by chance. A
    comma when in doubt."""
    header = text.partition("\n")[0]
    return max(DELIMITERS, key=header.count)


def _check_header(reader: csv.DictReader, kind: str) -> list[ImportProblem]:
    """The problems of the header line; when there are none, `reader` reads the columns
    by their names (a plain CSV's in lower case, however they are typed)."""
    if not reader.fieldnames:
        return [ImportProblem(None, "", "The file is empty.")]
    names = [(name or "").strip() for name in reader.fieldnames]
    if problem := _kind_problem(names, kind):
        return [problem]
    if kind == PLAIN_KIND:
        names = [name.lower() for name in names]
        problems = _column_problems(names, PLAIN_REQUIRED, allowed=PLAIN_COLUMNS)
    else:
        problems = _column_problems(names, NOMIS_COLUMNS, allowed=None)
    if not problems:
        reader.fieldnames = names
    return problems


def _kind_problem(names: list[str], kind: str) -> ImportProblem | None:
    """One problem for a file of the other kind, or of neither, instead of one for each
    column it lacks: the officer chose the wrong kind, or the wrong file."""
    folded = {name.casefold() for name in names}
    looks_nomis = {sign.casefold() for sign in NOMIS_SIGNS} <= folded
    looks_plain = set(PLAIN_SIGNS) <= folded
    if kind == PLAIN_KIND:
        if looks_nomis and not looks_plain:
            message = (
                f"This looks like a Nomis download: choose “{NOMIS_KIND}” and the target it "
                "measures."
            )
        elif folded.isdisjoint(PLAIN_REQUIRED):
            message = (
                "This is neither a plain CSV nor a Nomis download. The first line of a plain "
                f"CSV names its columns: {_and(PLAIN_REQUIRED)}, and if needed "
                f"{_and(PLAIN_OPTIONAL)}."
            )
        else:
            return None
    elif looks_plain and not looks_nomis:
        message = f"This looks like a plain CSV: choose “{PLAIN_KIND}”, which names the targets."
    elif folded.isdisjoint(column.casefold() for column in NOMIS_COLUMNS):
        message = (
            "This is neither a Nomis download nor a plain CSV. A Nomis CSV download has the "
            f"columns {_and(NOMIS_COLUMNS)}."
        )
    else:
        return None
    return ImportProblem(1, "", message)


def _column_problems(
    names: list[str], required: Iterable[str], *, allowed: Iterable[str] | None
) -> list[ImportProblem]:
    # Spreadsheets leave unnamed empty columns after the last one; they say nothing.
    named = [name for name in names if name]
    problems = [
        ImportProblem(1, column, "This column is missing.")
        for column in required
        if column not in names
    ]
    if allowed is not None:
        problems += [
            ImportProblem(1, name, f"Unknown column: the columns are {', '.join(allowed)}.")
            for name in named
            if name not in allowed
        ]
    problems += [
        ImportProblem(1, name, "This column appears twice.")
        for name in dict.fromkeys(named)
        if named.count(name) > 1
    ]
    return problems


def _date(text: str, column: str, problem: Reporter) -> datetime.date | None:
    """A date written 2019-09-30, or the UK way, 30/09/2019 or 30/9/2019: the day first
    and the year in full, so that no date can be read two ways."""
    if not text:
        problem(column, f"Give the last day of the period, e.g. {DATE_FORMS}.")
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    uk = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if iso:
            return datetime.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if uk:
            return datetime.date(int(uk[3]), int(uk[2]), int(uk[1]))
    except ValueError:
        pass
    hint = ""
    if uk and int(uk[2]) > 12 >= int(uk[1]):
        hint = f": the day comes first, as in {int(uk[2]):02}/{int(uk[1]):02}/{uk[3]}"
    problem(column, f"“{text}” is not a date like {DATE_FORMS}{hint}.")
    return None


def _check_label(label: str, period_end: datetime.date | None, problem: Reporter) -> None:
    """A label we can read must end on period_end: a typo in either shows up here."""
    try:
        named_end = parse_period_label(label)
    except ValueError:
        return
    if period_end is not None and named_end != period_end:
        problem("period_label", f"“{label}” ends on {named_end.isoformat()}, not on period_end.")


def _plain_number(
    text: str, column: str, problem: Reporter, *, required: bool = False
) -> Decimal | None:
    if not text:
        if required:
            problem(column, "A figure is needed.")
        return None
    # Counts are often typed with thousands separators: "811,300".
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    if re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", text):
        return Decimal(text)
    if re.fullmatch(r"-?\d+,\d+", text):
        problem(column, f"“{text}” is not a number like 71.55: write decimals with a point.")
    else:
        problem(column, f"“{text}” is not a number like 71.55.")
    return None


def twelve_months_label(period_end: datetime.date) -> str:
    """How Nomis names the 12 months ending `period_end`, e.g. Oct 2017-Sep 2018."""
    start_year, start_month = divmod(period_end.year * 12 + period_end.month - 12, 12)
    return f"{MONTHS[start_month]} {start_year}-{MONTHS[period_end.month - 1]} {period_end.year}"


def _and(names: Iterable[str]) -> str:
    """e.g. "target, period_end and value"."""
    *others, last = names
    return f"{', '.join(others)} and {last}" if others else last


def _month_start(month: str, year: str, label: str) -> datetime.date:
    name = month.capitalize()
    if name not in MONTHS:
        raise ValueError(f"“{label}” has no month called “{month}”.")
    return datetime.date(int(year), MONTHS.index(name) + 1, 1)


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _count(count: Decimal) -> str:
    return f"{count:,}"


def _signed_sum(terms: list[tuple[int, Decimal]]) -> str:
    text = " ".join(f"{'-' if sign < 0 else '+'} {_count(count)}" for sign, count in terms)
    return f"({text.removeprefix('+ ')})"


def _signed_codes(terms: Iterable[tuple[int, str]]) -> str:
    text = " ".join(f"{'-' if sign < 0 else '+'} {code}" for sign, code in terms)
    return text.removeprefix("+ ")
