"""A record's history as officers read it in the admin.

django-simple-history lists each version's changes with the stored values: choice codes
("seeking_funding"), "None", "Deleted user (pk=None)" for an empty reference, decimals
with six places. Here a change reads as the admin's forms show it: "Status: Seeking
funding → In delivery", "(none)", "880,800", dates in words and times in UK local time to
the minute.
"""

import datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import conditional_escape
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from strategy.fields import as_written

NONE = "(none)"


def value_in_words(field: models.Field, value) -> str:
    """One stored value of `field` as an officer would write it."""
    if isinstance(value, DeletedObject):
        if value.pk is None:
            return NONE
        return f"(a deleted {value.model._meta.verbose_name})"
    if value is None or value == "" or value == []:
        return NONE
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return as_written(value)
    if isinstance(value, datetime.datetime):
        return local_minute(value)
    if isinstance(value, datetime.date):
        return format_date(value, "j F Y")
    return str(value)


def local_minute(moment: datetime.datetime) -> str:
    """e.g. "5 December 2026, 14:05", in UK local time."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return format_date(moment, "j F Y, H:i")


class OfficersHistoryContext(HistoricalRecordContextHelper):
    """The changes of one version, in words (see the module's docstring)."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField):
            related = super().prepare_delta_change_value(change, value)
            return [str(item) for item in related]
        return value

    def stringify_delta_change_values(self, change, old, new):
        field = self.model._meta.get_field(change.field)
        old_words, new_words = value_in_words(field, old), value_in_words(field, new)
        old_short, new_short = self.get_obj_diff_display().common_shorten_repr(old_words, new_words)
        return conditional_escape(old_short), conditional_escape(new_short)


def with_changes(historical_records, model) -> list:
    """Versions of several records of `model`, newest first, each with the changes it
    made to the version of the same record before it (`history_delta_changes`)."""
    records = list(historical_records)
    pk_name = model._meta.pk.attname
    previous_of = {}
    for record in sorted(records, key=lambda record: record.history_date):
        earlier = previous_of.get(getattr(record, pk_name))
        if earlier is not None:
            delta = record.diff_against(earlier, foreign_keys_are_objs=True)
            helper = OfficersHistoryContext(model, record)
            record.history_delta_changes = helper.context_for_delta_changes(delta)
        previous_of[getattr(record, pk_name)] = record
    return sorted(records, key=lambda record: record.history_date, reverse=True)
