from django.shortcuts import get_object_or_404, render

from targets.models import Target
from targets.progress import STATUS_WORDS
from targets.revisions import revisions_for
from targets.verdicts import verdict_for


def target_detail(request, slug):
    """A target's status and why, its published figures and assessments, and revisions."""
    target = get_object_or_404(Target.objects.with_published_records(), slug=slug)
    verdict = verdict_for(target)
    return render(
        request,
        "targets/target_detail.html",
        {
            "target": target,
            "verdict": verdict,
            "status_word": STATUS_WORDS[verdict.status],
            "observations": target.published_observations,
            "assessments": target.published_assessments,
            "revisions": revisions_for(target),
        },
    )
