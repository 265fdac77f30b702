"""Reading Nomis downloads and plain CSVs into figures, without a database.

The Nomis files are built here in the shape of a real NM_17_5 (Annual Population Survey)
CSV download: every column Nomis writes, four measures per geography. The totals are the
published ones from data/sep-observations.csv; how the LEP area's total is split across
its seven local authorities is invented, since only the sums matter.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest

from targets.statistics_import import (
    ImportProblem,
    ImportRow,
    parse_code_terms,
    parse_nomis_csv,
    parse_period_label,
    parse_plain_csv,
)

AREA_CODES = "E06000047 E08000037 E08000021 E08000022 E06000057 E08000023 E08000024"
ENGLAND_MINUS_LONDON = "E92000001 -E12000007"
EMPLOYMENT = "Employment rate - aged 16-64"
ACTIVITY = "Economic activity rate - aged 16-64"
SOURCE = "Annual Population Survey (APS), ONS via Nomis"

NOMIS_HEADER = [
    "DATE",
    "DATE_NAME",
    "DATE_CODE",
    "DATE_TYPE",
    "DATE_TYPECODE",
    "DATE_SORTORDER",
    "GEOGRAPHY",
    "GEOGRAPHY_NAME",
    "GEOGRAPHY_CODE",
    "GEOGRAPHY_TYPE",
    "GEOGRAPHY_TYPECODE",
    "VARIABLE",
    "VARIABLE_NAME",
    "VARIABLE_CODE",
    "MEASURES",
    "MEASURES_NAME",
    "OBS_VALUE",
    "OBS_STATUS",
    "OBS_STATUS_NAME",
    "OBS_CONF",
    "OBS_CONF_NAME",
    "URN",
    "RECORD_OFFSET",
    "RECORD_COUNT",
]

LOCAL_AUTHORITY = ("local authorities: district / unitary (as of April 2023)", "424")
GEOGRAPHIES = {  # code: (Nomis id, name, type, type code); the ids are illustrative
    "E06000047": ("1778384950", "County Durham", *LOCAL_AUTHORITY),
    "E08000037": ("1778384949", "Gateshead", *LOCAL_AUTHORITY),
    "E08000021": ("1778384897", "Newcastle upon Tyne", *LOCAL_AUTHORITY),
    "E08000022": ("1778384898", "North Tyneside", *LOCAL_AUTHORITY),
    "E06000057": ("1778384958", "Northumberland", *LOCAL_AUTHORITY),
    "E08000023": ("1778384899", "South Tyneside", *LOCAL_AUTHORITY),
    "E08000024": ("1778384900", "Sunderland", *LOCAL_AUTHORITY),
    "E92000001": ("2092957699", "England", "countries", "499"),
    "E12000007": ("2013265927", "London", "regions", "480"),
}
VARIABLE_IDS = {EMPLOYMENT: "45", ACTIVITY: "18"}
MEASURE_IDS = {
    "Variable": "20599",
    "Numerator": "21001",
    "Denominator": "21002",
    "Confidence": "21003",
}

# Oct 2017-Sep 2018, in employment / all aged 16-64. The LEP area: 881,100 / 1,231,400;
# England 26,142,200 / 34,707,000; London 4,465,900 / 6,003,100.
EMPLOYMENT_2018 = {
    "E06000047": (236_300, 330_300),
    "E08000037": (93_400, 126_300),
    "E08000021": (133_900, 199_800),
    "E08000022": (98_000, 128_700),
    "E06000057": (143_000, 190_500),
    "E08000023": (67_200, 93_500),
    "E08000024": (109_300, 162_300),
    "E92000001": (26_142_200, 34_707_000),
    "E12000007": (4_465_900, 6_003_100),
}
# Oct 2018-Sep 2019: the LEP area 884,700 / 1,228,400; England 26,410,500 / 34,790,300;
# London 4,509,100 / 6,057,800.
EMPLOYMENT_2019 = {
    **EMPLOYMENT_2018,
    "E08000024": (112_900, 159_300),
    "E92000001": (26_410_500, 34_790_300),
    "E12000007": (4_509_100, 6_057_800),
}
# Oct 2017-Sep 2018, economically active: the LEP area 927,800; England 27,303,300;
# London 4,707,200 (the same denominators).
ACTIVITY_2018 = {
    "E06000047": (248_300, 330_300),
    "E08000037": (98_400, 126_300),
    "E08000021": (141_900, 199_800),
    "E08000022": (103_000, 128_700),
    "E06000057": (150_000, 190_500),
    "E08000023": (71_200, 93_500),
    "E08000024": (115_000, 162_300),
    "E92000001": (27_303_300, 34_707_000),
    "E12000007": (4_707_200, 6_003_100),
}

NOTES_2018 = (
    "Employment rate - aged 16-64 = 100 * numerator / denominator, from Nomis counts\n"
    f"value, summed over {AREA_CODES}: 881,100 / 1,231,400\n"
    "comparator_value, E92000001 - E12000007: "
    "(26,142,200 - 4,465,900) / (34,707,000 - 6,003,100)"
)


def aps_records(date, date_name, counts, variable=EMPLOYMENT):
    """The rows Nomis writes for one period and variable: for each geography, the rate
    ("Variable"), its numerator and denominator, and the confidence interval."""
    records = []
    for code, (numerator, denominator) in counts.items():
        geography, name, kind, kind_code = GEOGRAPHIES[code]
        rate = (Decimal(100 * numerator) / denominator).quantize(Decimal("0.1"))
        for measure, value in (
            ("Variable", rate),
            ("Numerator", numerator),
            ("Denominator", denominator),
            ("Confidence", "2.1"),
        ):
            records.append(
                {
                    "DATE": date,
                    "DATE_NAME": date_name,
                    "DATE_CODE": date,
                    "DATE_TYPE": "date",
                    "DATE_TYPECODE": "0",
                    "DATE_SORTORDER": "0",
                    "GEOGRAPHY": geography,
                    "GEOGRAPHY_NAME": name,
                    "GEOGRAPHY_CODE": code,
                    "GEOGRAPHY_TYPE": kind,
                    "GEOGRAPHY_TYPECODE": kind_code,
                    "VARIABLE": VARIABLE_IDS[variable],
                    "VARIABLE_NAME": variable,
                    "VARIABLE_CODE": VARIABLE_IDS[variable],
                    "MEASURES": MEASURE_IDS[measure],
                    "MEASURES_NAME": measure,
                    "OBS_VALUE": str(value),
                    "OBS_STATUS": "A",
                    "OBS_STATUS_NAME": "Normal Value",
                    "OBS_CONF": "F",
                    "OBS_CONF_NAME": "Free (free for publication)",
                    "URN": f"Nm-17d5d{geography}d{VARIABLE_IDS[variable]}d{MEASURE_IDS[measure]}",
                }
            )
    return records


def nomis_csv(records, columns=NOMIS_HEADER):
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for offset, record in enumerate(records):
        writer.writerow({**record, "RECORD_OFFSET": offset, "RECORD_COUNT": len(records)})
    return out.getvalue()


def records_2018(**changes):
    return aps_records("2018-09", "Oct 2017-Sep 2018", EMPLOYMENT_2018, **changes)


def find(records, code, measure):
    """The record for one geography and measure, to change it for a test."""
    (record,) = [r for r in records if (r["GEOGRAPHY_CODE"], r["MEASURES_NAME"]) == (code, measure)]
    return record


def parse_nomis(text, variable=EMPLOYMENT, area=AREA_CODES, comparator=ENGLAND_MINUS_LONDON):
    return parse_nomis_csv(
        text, variable, area, comparator, target="employment-rate", source=SOURCE
    )


def rows_of(parsed):
    """The rows of a file read without a problem."""
    assert parsed.problems == ()
    return list(parsed.rows)


def read(text, **settings):
    return rows_of(parse_nomis(text, **settings))


def problems_of(parse, *args, **kwargs):
    return list(parse(*args, **kwargs).problems)


# Nomis downloads


def test_the_lep_area_adds_up_its_seven_authorities_and_the_comparator_is_england_minus_london():
    assert read(nomis_csv(records_2018())) == [
        ImportRow(
            line=2,
            target="employment-rate",
            period_end=datetime.date(2018, 9, 30),
            period_label="Oct 2017-Sep 2018",
            value=Decimal("71.55"),
            comparator_value=Decimal("75.52"),
            subset_value=None,
            source=SOURCE,
            provisional=False,
            notes=NOTES_2018,
            derived=True,
        )
    ]


def test_each_period_is_a_row_in_time_order_whatever_the_order_of_the_file():
    text = nomis_csv(aps_records("2019-09", "Oct 2018-Sep 2019", EMPLOYMENT_2019) + records_2018())

    rows = read(text)

    assert [(row.line, row.period_label, row.value, row.comparator_value) for row in rows] == [
        (38, "Oct 2017-Sep 2018", Decimal("71.55"), Decimal("75.52")),
        (2, "Oct 2018-Sep 2019", Decimal("72.02"), Decimal("76.23")),
    ]


def test_rows_of_other_variables_are_ignored():
    text = nomis_csv(
        aps_records("2018-09", "Oct 2017-Sep 2018", ACTIVITY_2018, variable=ACTIVITY)
        + records_2018()
    )

    (row,) = read(text)

    assert (row.value, row.comparator_value, row.notes) == (
        Decimal("71.55"),
        Decimal("75.52"),
        NOTES_2018,
    )


def test_the_same_file_read_for_another_variable_gives_that_variables_rates():
    text = nomis_csv(
        aps_records("2018-09", "Oct 2017-Sep 2018", ACTIVITY_2018, variable=ACTIVITY)
        + records_2018()
    )

    (row,) = read(text, variable=ACTIVITY)

    assert (row.line, row.value, row.comparator_value) == (2, Decimal("75.35"), Decimal("78.72"))


def test_a_file_with_only_the_columns_the_import_reads_gives_the_same_figures():
    columns = [
        "DATE",
        "DATE_NAME",
        "GEOGRAPHY_CODE",
        "GEOGRAPHY_NAME",
        "VARIABLE_NAME",
        "MEASURES_NAME",
        "OBS_VALUE",
        "OBS_STATUS",
    ]

    assert read(nomis_csv(records_2018(), columns)) == read(nomis_csv(records_2018()))


def test_a_nomis_date_is_the_twelve_months_ending_that_month():
    (row,) = read(nomis_csv(aps_records("2014-12", "Jan 2014-Dec 2014", EMPLOYMENT_2018)))

    assert (row.period_end, row.period_label) == (datetime.date(2014, 12, 31), "Jan 2014-Dec 2014")


def test_an_empty_date_name_is_made_from_the_date():
    (row,) = read(nomis_csv(aps_records("2019-09", "", EMPLOYMENT_2019)))

    assert (row.period_end, row.period_label) == (datetime.date(2019, 9, 30), "Oct 2018-Sep 2019")


def test_a_date_name_that_disagrees_with_the_date_is_an_error():
    text = nomis_csv(aps_records("2018-09", "Jan 2018-Dec 2018", EMPLOYMENT_2018))

    assert problems_of(parse_nomis, text) == [
        ImportProblem(
            2, "DATE_NAME", "“Jan 2018-Dec 2018” does not end in the month of DATE 2018-09."
        )
    ]


def test_a_missing_local_authority_is_an_error_naming_the_period_and_the_codes():
    counts = {code: count for code, count in EMPLOYMENT_2018.items() if code != "E08000024"}

    problems = problems_of(
        parse_nomis, nomis_csv(aps_records("2018-09", "Oct 2017-Sep 2018", counts))
    )

    # Against the period's first line, where its row would be.
    assert problems == [
        ImportProblem(
            2,
            "GEOGRAPHY_CODE",
            "Oct 2017-Sep 2018 (DATE 2018-09) has no Numerator and Denominator for E08000024.",
        )
    ]


def test_a_missing_comparator_geography_is_an_error_too():
    counts = {code: count for code, count in EMPLOYMENT_2018.items() if code != "E12000007"}

    problems = problems_of(
        parse_nomis, nomis_csv(aps_records("2018-09", "Oct 2017-Sep 2018", counts))
    )

    assert [problem.message for problem in problems] == [
        "Oct 2017-Sep 2018 (DATE 2018-09) has no Numerator and Denominator for E12000007."
    ]


def test_a_suppressed_count_is_an_error_naming_its_line():
    records = records_2018()
    # Sunderland is the seventh geography: its Numerator is record 6 * 4 + 1, on line 27.
    find(records, "E08000024", "Numerator").update(
        OBS_VALUE="", OBS_STATUS="Q", OBS_STATUS_NAME="Missing value; suppressed"
    )

    assert problems_of(parse_nomis, nomis_csv(records)) == [
        ImportProblem(
            27,
            "OBS_VALUE",
            "No Numerator for E08000024 in Oct 2017-Sep 2018 (OBS_STATUS Q): the area's figure "
            "cannot be added up without it.",
        )
    ]


def test_every_problem_in_the_file_is_reported_not_only_the_first():
    records = records_2018()
    find(records, "E08000024", "Numerator").update(OBS_VALUE="", OBS_STATUS="Q")
    find(records, "E12000007", "Denominator").update(OBS_VALUE="6,003,100")

    problems = problems_of(parse_nomis, nomis_csv(records))

    assert [(problem.line, problem.column) for problem in problems] == [
        (27, "OBS_VALUE"),
        (36, "OBS_VALUE"),
    ]
    assert problems[1].message == "“6,003,100” is not a count."


def test_a_period_with_a_problem_gives_no_row_and_the_other_periods_give_theirs():
    records = records_2018() + aps_records("2019-09", "Oct 2018-Sep 2019", EMPLOYMENT_2019)
    find(records[:36], "E08000024", "Numerator").update(OBS_VALUE="", OBS_STATUS="Q")

    parsed = parse_nomis(nomis_csv(records))

    assert [(row.line, row.period_label) for row in parsed.rows] == [(38, "Oct 2018-Sep 2019")]
    assert [(problem.line, problem.column) for problem in parsed.problems] == [(27, "OBS_VALUE")]


def test_a_count_that_is_not_a_normal_value_makes_the_figure_provisional():
    records = records_2018()
    find(records, "E08000021", "Numerator").update(
        OBS_STATUS="P", OBS_STATUS_NAME="Provisional value"
    )

    (row,) = read(nomis_csv(records))

    assert row.provisional is True
    assert row.value == Decimal("71.55")
    assert row.notes.endswith("\nprovisional: counts with OBS_STATUS P")


def test_a_blank_status_counts_as_a_normal_value():
    records = records_2018()
    find(records, "E08000021", "Numerator").update(OBS_STATUS="")

    (row,) = read(nomis_csv(records))

    assert row.provisional is False


def test_counts_of_geographies_outside_the_area_and_comparator_are_ignored():
    (row,) = read(nomis_csv(records_2018()), area="E06000047 E08000037")

    # (236,300 + 93,400) / (330,300 + 126,300) = 329,700 / 456,600 = 72.2076...
    assert row.value == Decimal("72.21")


def test_a_count_given_twice_is_an_error():
    records = records_2018()
    records.append(dict(find(records, "E06000047", "Denominator")))

    assert problems_of(parse_nomis, nomis_csv(records)) == [
        ImportProblem(
            38,
            "GEOGRAPHY_CODE",
            "E06000047 already has a Denominator for Oct 2017-Sep 2018 (line 4).",
        )
    ]


def test_a_file_without_the_variable_is_an_error_naming_the_variables_it_has():
    text = nomis_csv(aps_records("2018-09", "Oct 2017-Sep 2018", ACTIVITY_2018, variable=ACTIVITY))

    assert problems_of(parse_nomis, text) == [
        ImportProblem(
            None,
            "VARIABLE_NAME",
            "The file has no rows for “Employment rate - aged 16-64” "
            "(it has “Economic activity rate - aged 16-64”).",
        )
    ]


def test_a_file_of_rates_without_their_counts_is_an_error():
    records = [r for r in records_2018() if r["MEASURES_NAME"] in ("Variable", "Confidence")]

    (problem,) = problems_of(parse_nomis, nomis_csv(records))

    assert (problem.line, problem.column) == (None, "MEASURES_NAME")
    assert problem.message.startswith(
        "The file has no Numerator and Denominator rows for “Employment rate - aged 16-64” in "
        "E06000047, E08000037,"
    )


def test_a_missing_column_is_an_error_on_the_header_line():
    columns = [column for column in NOMIS_HEADER if column != "OBS_STATUS"]

    assert problems_of(parse_nomis, nomis_csv(records_2018(), columns)) == [
        ImportProblem(1, "OBS_STATUS", "This column is missing.")
    ]


def test_rates_are_rounded_to_two_places_half_to_even():
    # 100 * 2,469 / 20,000 = 12.345 and 100 * 2,471 / 20,000 = 12.355, exactly.
    records = aps_records("2018-09", "Oct 2017-Sep 2018", {"E06000047": (2_469, 20_000)})
    records += aps_records("2019-09", "Oct 2018-Sep 2019", {"E06000047": (2_471, 20_000)})

    rows = read(nomis_csv(records), area="E06000047", comparator="")

    assert [row.value for row in rows] == [Decimal("12.34"), Decimal("12.36")]
    assert [row.comparator_value for row in rows] == [None, None]


def test_a_plain_csv_read_as_a_nomis_download_says_to_choose_a_plain_csv():
    text = PLAIN_HEADER + "jobs,2014-03-31,Apr 2013-Mar 2014,811300,,,APS,no\n"

    assert problems_of(parse_nomis, text) == [
        ImportProblem(
            1, "", "This looks like a plain CSV: choose “Plain CSV”, which names the targets."
        )
    ]


def test_a_file_of_neither_kind_read_as_a_nomis_download_names_the_columns_it_needs():
    text = "Area,Year,Rate\nNorth East,2019,72.0\n"

    assert problems_of(parse_nomis, text) == [
        ImportProblem(
            1,
            "",
            "This is neither a Nomis download nor a plain CSV. A Nomis CSV download has the "
            "columns DATE, DATE_NAME, GEOGRAPHY_CODE, VARIABLE_NAME, MEASURES_NAME, OBS_VALUE "
            "and OBS_STATUS.",
        )
    ]


def test_a_file_saved_with_a_byte_order_mark_is_read():
    (row,) = read("\ufeff" + nomis_csv(records_2018()))

    assert row.value == Decimal("71.55")


def test_an_area_without_codes_is_an_error():
    assert problems_of(parse_nomis, nomis_csv(records_2018()), area=" ") == [
        ImportProblem(None, "", "The strategy has no area codes to add up: enter them.")
    ]


@pytest.mark.parametrize(
    ("codes", "terms"),
    [
        ("E92000001 -E12000007", ((1, "E92000001"), (-1, "E12000007"))),
        ("E92000001 - E12000007", ((1, "E92000001"), (-1, "E12000007"))),
        ("+E12000001 E12000002", ((1, "E12000001"), (1, "E12000002"))),
        ("", ()),
    ],
)
def test_comparator_codes_are_gss_codes_to_add_and_to_take_away(codes, terms):
    assert parse_code_terms(codes) == terms


def test_a_comparator_code_that_is_not_a_gss_code_is_refused():
    with pytest.raises(ValueError, match=re.escape("“London” is not a GSS code like E92000001.")):
        parse_code_terms("E92000001 -London")


# Period labels


@pytest.mark.parametrize(
    ("label", "period_end"),
    [
        ("Jan 2014-Dec 2014", datetime.date(2014, 12, 31)),
        ("Oct 2018-Sep 2019", datetime.date(2019, 9, 30)),
        ("Apr 2013-Mar 2014", datetime.date(2014, 3, 31)),
        ("Jan 2016 - Feb 2016", datetime.date(2016, 2, 29)),
        ("October 2017 to September 2018", datetime.date(2018, 9, 30)),
    ],
)
def test_a_period_label_gives_the_last_day_of_its_period(label, period_end):
    assert parse_period_label(label) == period_end


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("2014", "“2014” is not a period like “Oct 2018-Sep 2019”."),
        ("Dec 2014-Jan 2014", "“Dec 2014-Jan 2014” ends before it starts."),
        ("Jan 2014-Dex 2014", "“Jan 2014-Dex 2014” has no month called “Dex”."),
    ],
)
def test_a_period_label_that_cannot_be_read_is_refused(label, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_period_label(label)


# Plain CSVs

PLAIN_HEADER = (
    "target,period_end,period_label,value,comparator_value,subset_value,source,provisional\n"
)


def test_a_plain_csv_gives_one_row_per_line():
    text = PLAIN_HEADER + (
        'jobs,2014-03-31,Apr 2013-Mar 2014,"811,300",,,APS workplace analysis,no\n'
        "employment-rate,2019-09-30,Oct 2018-Sep 2019,72.02,76.23,,APS,yes\n"
    )

    assert rows_of(parse_plain_csv(text)) == [
        ImportRow(
            line=2,
            target="jobs",
            period_end=datetime.date(2014, 3, 31),
            period_label="Apr 2013-Mar 2014",
            value=Decimal(811300),
            source="APS workplace analysis",
        ),
        ImportRow(
            line=3,
            target="employment-rate",
            period_end=datetime.date(2019, 9, 30),
            period_label="Oct 2018-Sep 2019",
            value=Decimal("72.02"),
            comparator_value=Decimal("76.23"),
            source="APS",
            provisional=True,
        ),
    ]


def test_a_plain_csv_needs_only_its_first_four_columns_and_a_blank_source_takes_the_default():
    text = "Target,Period_End,Period_Label,Value\njobs,2014-03-31,Apr 2013-Mar 2014,811300\n"

    (row,) = rows_of(parse_plain_csv(text, default_source="APS workplace analysis"))

    assert (row.target, row.value, row.source, row.provisional) == (
        "jobs",
        Decimal(811300),
        "APS workplace analysis",
        False,
    )


def test_a_row_with_more_cells_than_columns_is_an_error():
    text = PLAIN_HEADER + "employment-rate,2019-09-30,Oct 2018-Sep 2019,72.02,76,2,,APS,no\n"

    problems = problems_of(parse_plain_csv, text)

    assert problems == [
        ImportProblem(2, "", "This row has more cells than the header has columns."),
        ImportProblem(2, "provisional", "“APS” is not yes or no."),
    ]


def test_a_value_that_is_not_a_number_is_an_error_naming_the_line_and_the_column():
    text = PLAIN_HEADER + "employment-rate,2019-09-30,Oct 2018-Sep 2019,72·02,76.23,,APS,no\n"

    assert problems_of(parse_plain_csv, text) == [
        ImportProblem(2, "value", "“72·02” is not a number like 71.55.")
    ]


@pytest.mark.parametrize(
    ("written", "period_end"),
    [
        ("2019-09-30", datetime.date(2019, 9, 30)),
        ("30/09/2019", datetime.date(2019, 9, 30)),
        ("30/9/2019", datetime.date(2019, 9, 30)),
        ("1/2/2020", datetime.date(2020, 2, 1)),
    ],
)
def test_a_period_end_is_read_as_an_iso_date_or_a_uk_date_with_the_day_first(written, period_end):
    text = PLAIN_HEADER + f"employment-rate,{written},a period,72.02,76.23,,APS,no\n"

    (row,) = rows_of(parse_plain_csv(text))

    assert row.period_end == period_end


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2019/09/30", "“2019/09/30” is not a date like 2019-09-30 or 30/09/2019."),
        ("30/09/19", "“30/09/19” is not a date like 2019-09-30 or 30/09/2019."),
        ("30-09-2019", "“30-09-2019” is not a date like 2019-09-30 or 30/09/2019."),
        ("31/09/2019", "“31/09/2019” is not a date like 2019-09-30 or 30/09/2019."),
        ("2019-02-29", "“2019-02-29” is not a date like 2019-09-30 or 30/09/2019."),
        (
            "09/30/2019",
            (
                "“09/30/2019” is not a date like 2019-09-30 or 30/09/2019: the day comes first, "
                "as in 30/09/2019."
            ),
        ),
        ("", "Give the last day of the period, e.g. 2019-09-30 or 30/09/2019."),
    ],
)
def test_a_date_in_neither_form_is_an_error_giving_both_forms(written, message):
    text = PLAIN_HEADER + f"employment-rate,{written},a period,72.02,76.23,,APS,no\n"

    assert problems_of(parse_plain_csv, text) == [ImportProblem(2, "period_end", message)]


def test_a_file_separated_by_semicolons_is_read_with_thousands_separated_by_commas():
    text = (
        "\ufefftarget;period_end;period_label;value;comparator_value;source\r\n"
        "jobs;31/03/2014;Apr 2013-Mar 2014;811,300;;APS workplace analysis\r\n"
        "employment-rate;30/09/2019;Oct 2018-Sep 2019;72.02;76.23;APS\r\n"
    )

    rows = rows_of(parse_plain_csv(text))

    assert [(row.target, row.period_end, row.value, row.comparator_value) for row in rows] == [
        ("jobs", datetime.date(2014, 3, 31), Decimal(811300), None),
        ("employment-rate", datetime.date(2019, 9, 30), Decimal("72.02"), Decimal("76.23")),
    ]


def test_a_file_separated_by_tabs_is_read():
    text = "target\tperiod_end\tperiod_label\tvalue\njobs\t2014-03-31\tApr 2013-Mar 2014\t811300\n"

    (row,) = rows_of(parse_plain_csv(text, default_source="APS"))

    assert (row.target, row.value) == ("jobs", Decimal(811300))


def test_a_decimal_comma_is_an_error_asking_for_a_point():
    text = "target;period_end;period_label;value\nemployment-rate;2019-09-30;2019;72,02\n"

    assert problems_of(parse_plain_csv, text) == [
        ImportProblem(
            2, "value", "“72,02” is not a number like 71.55: write decimals with a point."
        )
    ]


def test_the_rows_that_can_be_read_come_with_the_problems_of_the_others_and_every_rows_cells():
    text = PLAIN_HEADER + (
        "jobs,2014-03-31,Apr 2013-Mar 2014,811300,,,APS,no\n"
        "jobs,2015-03-31,Apr 2014-Mar 2015,8113OO,,,APS,no\n"
    )

    parsed = parse_plain_csv(text)

    assert [(row.line, row.value) for row in parsed.rows] == [(2, Decimal(811300))]
    assert parsed.problems == (ImportProblem(3, "value", "“8113OO” is not a number like 71.55."),)
    assert parsed.cells[3] == {
        "target": "jobs",
        "period_end": "2015-03-31",
        "period_label": "Apr 2014-Mar 2015",
        "value": "8113OO",
        "comparator_value": "",
        "subset_value": "",
        "source": "APS",
        "provisional": "no",
    }
    assert sorted(parsed.cells) == [2, 3]


def test_a_row_of_empty_cells_is_left_out():
    text = PLAIN_HEADER + ",,,,,,,\n" + "jobs,2014-03-31,Apr 2013-Mar 2014,811300,,,APS,no\n,,,\n"

    parsed = parse_plain_csv(text)

    assert ([row.line for row in parsed.rows], parsed.problems) == ([3], ())


def test_a_nomis_download_read_as_a_plain_csv_says_to_choose_a_nomis_download():
    assert problems_of(parse_plain_csv, nomis_csv(records_2018())) == [
        ImportProblem(
            1,
            "",
            "This looks like a Nomis download: choose “Nomis CSV download” and the target it "
            "measures.",
        )
    ]


def test_a_file_of_neither_kind_read_as_a_plain_csv_names_the_columns_it_needs():
    text = "Area;Year;Rate\nNorth East;2019;72.0\n"

    assert problems_of(parse_plain_csv, text) == [
        ImportProblem(
            1,
            "",
            "This is neither a plain CSV nor a Nomis download. The first line of a plain CSV "
            "names its columns: target, period_end, period_label and value, and if needed "
            "comparator_value, subset_value, source, provisional and notes.",
        )
    ]


@pytest.mark.parametrize("text", ["", "\ufeff", "\n\n"])
def test_an_empty_file_is_an_error(text):
    assert problems_of(parse_plain_csv, text) == [ImportProblem(None, "", "The file is empty.")]


def test_a_period_label_that_disagrees_with_the_period_end_is_an_error():
    text = PLAIN_HEADER + "employment-rate,2019-09-30,Oct 2019-Sep 2020,72.02,76.23,,APS,no\n"

    assert problems_of(parse_plain_csv, text) == [
        ImportProblem(
            2, "period_label", "“Oct 2019-Sep 2020” ends on 2020-09-30, not on period_end."
        )
    ]


def test_an_unknown_column_is_an_error_naming_it():
    text = "target,period_end,period_label,value,region\njobs,2014-03-31,2013/14,811300,NE\n"

    assert problems_of(parse_plain_csv, text) == [
        ImportProblem(
            1,
            "region",
            "Unknown column: the columns are target, period_end, period_label, value, "
            "comparator_value, subset_value, source, provisional, notes.",
        )
    ]


def test_a_missing_column_is_an_error_naming_it():
    text = "target,period_end,value\njobs,2014-03-31,811300\n"

    assert problems_of(parse_plain_csv, text) == [
        ImportProblem(1, "period_label", "This column is missing.")
    ]


def test_every_problem_in_a_plain_csv_is_reported_with_its_line():
    text = PLAIN_HEADER + (
        "jobs,2014-03-31,Apr 2013-Mar 2014,811300,,,APS,no\n"
        ",2014-13-01,Apr 2013-Mar 2014,,,,APS,no\n"
        "jobs,2015-03-31,Apr 2014-Mar 2015,8113OO,,,APS,maybe\n"
    )

    assert [(p.line, p.column) for p in problems_of(parse_plain_csv, text)] == [
        (3, "target"),
        (3, "period_end"),
        (3, "value"),
        (4, "value"),
        (4, "provisional"),
    ]


def test_a_row_without_a_target_asks_for_its_slug_or_title():
    text = PLAIN_HEADER + ",2014-03-31,Apr 2013-Mar 2014,811300,,,APS,no\n"

    assert problems_of(parse_plain_csv, text) == [
        ImportProblem(2, "target", "Give the target's slug or title, e.g. employment-rate.")
    ]


def test_a_plain_csv_with_only_a_header_is_an_error():
    assert problems_of(parse_plain_csv, PLAIN_HEADER) == [
        ImportProblem(None, "", "The file has no rows under its header.")
    ]


def test_a_problem_reads_as_line_and_column():
    assert str(ImportProblem(4, "value", "A rate cannot be above 100%.")) == (
        "Line 4, column value: A rate cannot be above 100%."
    )
