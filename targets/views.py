"""The targets' public pages. strategy/site/urls.py routes them and keeps their
responses for anonymous readers."""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from strategy.data_version import data_version
from strategy.models import Strategy
from targets import charts
from targets.models import Target
from targets.revisions import changes_after_publication
from targets.standings import standing_from_records, verdict_for
from targets.summaries import (
    assessment_meaning,
    how_measured,
    release_sentences,
    summaries_of,
    summarise,
    uncertainty_notes,
)


def dashboard(request, slug):
    """A strategy's targets at a glance (the home page shows the primary strategy's)."""
    strategy = get_object_or_404(Strategy, slug=slug)
    return render(
        request,
        "targets/dashboard.html",
        {"strategy": strategy, "summaries": summaries_of(strategy), "is_home": False},
    )


def target_detail(request, slug):
    """A target's status and why, its published figures and assessments, and what was
    revised or withdrawn after publication."""
    target = get_object_or_404(
        Target.objects.with_published_records().prefetch_related("terms"), slug=slug
    )
    standing = standing_from_records(target)
    verdict = standing.verdict
    notes = uncertainty_notes(target, target.published_observations)
    return render(
        request,
        "targets/target_detail.html",
        {
            "target": target,
            "summary": summarise(target, standing),
            "verdict": verdict,
            "charts": charts.charts_for(target, target.published_observations, verdict),
            "how_measured": how_measured(target),
            "releases": release_sentences(target, timezone.localdate()),
            "sources": [
                (observation, notes.get(observation.pk, ""))
                for observation in target.published_observations
            ],
            "area": charts.area_label(target),
            "observations": target.published_observations,
            "assessments": [
                (assessment, assessment_meaning(target, assessment))
                for assessment in target.published_assessments
            ],
            "revisions": changes_after_publication(target),
        },
    )


CHART_CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def target_chart(request, slug, name, extension):
    """A chart of the target page as SVG or PNG, rendered on the server, for the page
    itself and for officers to paste into board papers."""
    if extension not in CHART_CONTENT_TYPES:
        raise Http404("Charts are SVG or PNG.")
    target = get_object_or_404(Target.objects.with_published_records(), slug=slug)
    chart = next(
        (
            chart
            for chart in charts.charts_for(
                target, target.published_observations, verdict_for(target)
            )
            if chart.name == name
        ),
        None,
    )
    if chart is None:
        raise Http404("This target has no such chart.")
    # Kept under the site's one data version, which every write and every new day replace.
    key = f"chart:{extension}:{data_version()}:{target.pk}:{name}"
    body = cache.get(key)
    if body is None:
        body = charts.render_svg(chart) if extension == "svg" else charts.render_png(chart)
        cache.set(key, body, timeout=None)
    response = HttpResponse(body, content_type=CHART_CONTENT_TYPES[extension])
    if "download" in request.GET:
        filename = f"{target.slug}-{name}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
