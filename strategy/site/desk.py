"""The officer's desk: what needs attention today, across every app."""

import datetime

from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone

from propositions.models import Proposition
from targets.models import ExpectedRelease, Observation, PublishedAssessment

STALE_AFTER_DAYS = 90
# How far ahead the desk looks for releases to prepare for.
RELEASES_DUE_WITHIN_DAYS = 60


# The admin's own check, so the desk asks for what the admin asks for: staff, and the
# authenticator code when OTP_REQUIRED is on.
@admin.site.admin_view
def officers_desk(request):
    """What needs an officer's or an approver's attention today, in one place."""
    today = timezone.localdate()
    stale_since = today - datetime.timedelta(days=STALE_AFTER_DAYS)
    context = {
        **admin.site.each_context(request),
        "title": "Officer's desk",
        "today": today,
        "stale_after_days": STALE_AFTER_DAYS,
        "overdue_releases": ExpectedRelease.objects.overdue(today).select_related("target"),
        "due_releases": ExpectedRelease.objects.due_within(
            today, RELEASES_DUE_WITHIN_DAYS
        ).select_related("target"),
        "releases_due_within_days": RELEASES_DUE_WITHIN_DAYS,
        "draft_observations": Observation.objects.drafts()
        .select_related("target", "created_by")
        .order_by("created_at"),
        "draft_assessments": PublishedAssessment.objects.drafts()
        .select_related("target", "created_by")
        .order_by("created_at"),
        "stale_propositions": Proposition.objects.without_update_since(stale_since),
    }
    return render(request, "admin/officers_desk.html", context)
