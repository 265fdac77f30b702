from django.shortcuts import render

from strategy.models import Finding, KeyFact, Strategy


def overview(request):
    """The UK Industrial Strategy, the SEP and the LIS, and how they fit together."""
    return render(
        request,
        "strategy/overview.html",
        {
            "strategies": Strategy.objects.for_overview(),
            "facts_without_area": KeyFact.objects.without_area(),
            "findings_without_area": Finding.objects.for_overview().without_area(),
        },
    )


def accessibility_statement(request):
    return render(request, "strategy/accessibility.html")
