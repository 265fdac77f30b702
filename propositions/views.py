import datetime

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render
from django.utils import timezone

from propositions.models import Proposition
from targets.models import Observation, PublishedAssessment, Target

STALE_AFTER_DAYS = 90


@staff_member_required
def officers_desk(request):
    """What needs an officer's or an approver's attention today, in one place."""
    today = timezone.localdate()
    stale_since = today - datetime.timedelta(days=STALE_AFTER_DAYS)
    context = {
        **admin.site.each_context(request),
        "title": "Officer's desk",
        "today": today,
        "stale_after_days": STALE_AFTER_DAYS,
        "overdue_targets": Target.objects.release_overdue(today)
        .select_related("strategy")
        .order_by("next_release_expected"),
        "draft_observations": Observation.objects.drafts()
        .select_related("target", "created_by")
        .order_by("created_at"),
        "draft_assessments": PublishedAssessment.objects.drafts()
        .select_related("target", "created_by")
        .order_by("created_at"),
        "stale_propositions": Proposition.objects.without_update_since(stale_since),
    }
    return render(request, "admin/officers_desk.html", context)
