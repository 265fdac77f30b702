"""The propositions' public pages. strategy/site/urls.py routes them and keeps their
responses for anonymous readers."""

from django.core.paginator import InvalidPage, Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from propositions.filters import PropositionListFilter
from propositions.models import Proposition
from strategy.models import format_partial_date

# How many progress updates a proposition's page shows; the API and the feed have them all.
LATEST_UPDATES = 10
# A page of the public list: the seed's eleven fit on one; a large estate's hundreds do not.
PROPOSITIONS_PER_PAGE = 50


def proposition_list(request):
    """Every proposition, narrowed by a GET form so that each filtered list has its own
    address, a page at a time. Bad filter values are a 400 with the form's errors, and no
    list: a list that ignored them would not be what the address asks for. A page that the
    list does not have is a 404 that says which pages it has."""
    filterset = PropositionListFilter(request.GET or None, queryset=Proposition.objects.for_list())
    page, missing_page_of, status = None, None, 200
    if filterset.is_bound and not filterset.is_valid():
        status = 400
    else:
        paginator = Paginator(filterset.qs, PROPOSITIONS_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage:
            missing_page_of, status = paginator, 404
    return render(
        request,
        "propositions/proposition_list.html",
        {
            "filterset": filterset,
            "form": filterset.form,
            "page": page,
            "missing_page_of": missing_page_of,
            "first_page": page_address(request, 1),
            "propositions": None if page is None else list(page),
            "pages": None if page is None else page_links(request, page),
            "filtered": any(request.GET.get(name) for name in filterset.form.fields),
        },
        status=status,
    )


def page_address(request, number: int) -> str:
    """The address of page `number` of the list, with the same filters."""
    query = request.GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


def page_links(request, page) -> dict:
    """The links of GOV.UK's pagination: previous, next, and the page numbers elided
    around the current page, with None for each gap."""
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "previous": page_address(request, page.number - 1) if page.has_previous() else None,
        "next": page_address(request, page.number + 1) if page.has_next() else None,
        "numbers": [
            {
                "number": number,
                "href": page_address(request, number),
                "current": number == page.number,
            }
            if isinstance(number, int)
            else None
            for number in numbers
        ],
    }


def proposition_detail(request, slug):
    """One proposition in full: who is involved, what it asks, its funding and dates, how it
    links to the UK Industrial Strategy, its milestones, latest updates and targets."""
    proposition = get_object_or_404(
        Proposition.objects.for_detail(latest_updates=LATEST_UPDATES), slug=slug
    )
    today = timezone.localdate()
    return render(
        request,
        "propositions/proposition_detail.html",
        {
            "proposition": proposition,
            "milestones": [
                (milestone, milestone.status_text(today))
                for milestone in proposition.milestones.all()
            ],
            "starts": format_partial_date(proposition.start_date, proposition.date_precision),
            "ends": format_partial_date(proposition.end_date, proposition.date_precision),
            "latest_updates_limit": LATEST_UPDATES,
        },
    )
