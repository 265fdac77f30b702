from django.shortcuts import render

from governance.models import GovernanceBody, Meeting, TimelineEntry

# How the sentence at the top of the governance page says what bodies of each role do:
# (for one body, for several).
ROLE_VERBS = {
    GovernanceBody.Role.DECIDES: ("decides", "decide"),
    GovernanceBody.Role.STEERS: ("steers the work", "steer the work"),
    GovernanceBody.Role.ADVISES: ("advises", "advise"),
    GovernanceBody.Role.CRITICAL_FRIEND: ("is a critical friend", "are critical friends"),
    GovernanceBody.Role.ASSURES: ("gives assurance", "give assurance"),
}


def governance_bodies(request):
    """Who decides, who steers and who advises, with members, meetings and decisions."""
    bodies = list(GovernanceBody.objects.for_governance_page())
    meetings = Meeting.objects.newest_first_with_decisions()
    reporting = _reporting_bodies(bodies)
    return render(
        request,
        "governance/bodies.html",
        {
            "strategies": _distinct(body.strategy for body in bodies),
            "roles": _roles(bodies),
            "bodies": [{"body": body, "reporting": reporting[body.pk]} for body in bodies],
            "tree": _tree(bodies, reporting),
            "meetings": meetings,
        },
    )


def timeline(request):
    """How the strategy was developed, by date and by track, and its next steps."""
    entries = list(TimelineEntry.objects.for_timeline())
    developed = [entry for entry in entries if entry.track != TimelineEntry.Track.NEXT_STEPS]
    tracks = [
        {"track": track, "entries": [entry for entry in developed if entry.track == track]}
        for track in TimelineEntry.Track
        if track != TimelineEntry.Track.NEXT_STEPS
    ]
    return render(
        request,
        "governance/timeline.html",
        {
            "strategies": _distinct(entry.strategy for entry in entries),
            "developed": developed,
            "tracks": [track for track in tracks if track["entries"]],
            "next_steps": [
                entry for entry in entries if entry.track == TimelineEntry.Track.NEXT_STEPS
            ],
        },
    )


def _distinct(items):
    return list(dict.fromkeys(items))


def _reporting_bodies(bodies):
    """For each body's id, the bodies that report to it, in the page's order."""
    reporting = {body.pk: [] for body in bodies}
    for body in bodies:
        if body.reports_to_id in reporting:
            reporting[body.reports_to_id].append(body)
    return reporting


def _tree(bodies, reporting):
    """The reporting lines as nested nodes, each body inside the body it reports to.
    A body whose line leads to no body on the page (none recorded) is at the top."""
    on_page = {body.pk for body in bodies}

    def node(body):
        return {"body": body, "children": [node(child) for child in reporting[body.pk]]}

    return [node(body) for body in bodies if body.reports_to_id not in on_page]


def _roles(bodies):
    """The bodies grouped by role, in the order of the roles, with what they do."""
    groups = []
    for role in GovernanceBody.Role:
        members = [body for body in bodies if body.role == role]
        if members:
            one, several = ROLE_VERBS[role]
            groups.append({"bodies": members, "verb": one if len(members) == 1 else several})
    return groups
