"""The public propositions page's filter form: a GET form, so every filtered list has
its own address to bookmark or share.

The parameters are the API's (`area`, `status`, `grand_challenge`, `sector_deal`,
`lead`, `search`), so an address built for one works on the other, but the page offers
choices where the API takes any slug: the form's selects list every area of strategic
importance, grand challenge and sector deal, and only the organisations that lead a
proposition (most organisations lead none). A value that is not one of the choices is an
error on its field, not an empty list.
"""

import django_filters as filters
from django import forms
from rest_framework.filters import search_smart_split

from governance.models import Organisation
from propositions.models import Proposition
from strategy.filters import validate_search_terms
from strategy.models import AreaOfStrategicImportance, GrandChallenge, SectorDeal

SEARCH_MAX_LENGTH = 200


class GovukFilterForm(forms.Form):
    """Gives the widget of a field with an error GOV.UK's error modifier of its first class,
    e.g. `govuk-select--error` (Django itself sets `aria-invalid` and points
    `aria-describedby` at `<id>_error`)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs['class']} {attrs['class'].split()[0]}--error"


class PropositionListForm(GovukFilterForm):
    def clean_search(self):
        """A few words or phrases: after the length, so that one error is shown at a time."""
        search = self.cleaned_data["search"]
        validate_search_terms(search)
        return search


def _select() -> forms.Select:
    return forms.Select(attrs={"class": "govuk-select govuk-!-width-full"})


class PropositionListFilter(filters.FilterSet):
    """The list page's filters. Not `PropositionFilter`: that is the API's FilterSet,
    named as every resource's is."""

    search = filters.CharFilter(
        label="Search",
        help_text="Words in the name, summary or detail",
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        error_messages={
            "max_length": f"Search must be {SEARCH_MAX_LENGTH} characters or fewer",
            "null_characters_not_allowed": "Search must be text without null characters",
        },
        widget=forms.SearchInput(attrs={"class": "govuk-input govuk-!-width-full"}),
    )
    area = filters.ModelChoiceFilter(
        label="Area of strategic importance",
        field_name="area",
        to_field_name="slug",
        queryset=AreaOfStrategicImportance.objects.all(),
        empty_label="All areas",
        error_messages={"invalid_choice": "Choose an area of strategic importance from the list"},
        widget=_select(),
    )
    status = filters.ChoiceFilter(
        label="Status",
        choices=Proposition.Status.choices,
        empty_label="Any status",
        error_messages={"invalid_choice": "Choose a status from the list"},
        widget=_select(),
    )
    grand_challenge = filters.ModelChoiceFilter(
        label="Grand challenge",
        field_name="grand_challenges",
        to_field_name="slug",
        queryset=GrandChallenge.objects.all(),
        empty_label="All grand challenges",
        error_messages={"invalid_choice": "Choose a grand challenge from the list"},
        widget=_select(),
    )
    sector_deal = filters.ModelChoiceFilter(
        label="Sector deal",
        field_name="sector_deals",
        to_field_name="slug",
        queryset=SectorDeal.objects.all(),
        empty_label="All sector deals",
        error_messages={"invalid_choice": "Choose a sector deal from the list"},
        widget=_select(),
    )
    lead = filters.ModelChoiceFilter(
        label="Lead organisation",
        field_name="lead",
        to_field_name="slug",
        queryset=Organisation.objects.filter(led_propositions__isnull=False)
        .distinct()
        .order_by("name"),
        empty_label="Any lead",
        error_messages={"invalid_choice": "Choose a lead organisation from the list"},
        widget=_select(),
    )

    class Meta:
        model = Proposition
        form = PropositionListForm
        fields = ("search", "area", "status", "grand_challenge", "sector_deal", "lead")

    def filter_search(self, queryset, name, value):
        # Words split as the API splits them: spaces and commas, "quoted phrases" whole.
        return queryset.search(search_smart_split(value))
