"""The public pages that the browser tests visit: one of each kind, and every target."""

SEP_TARGETS = [
    "jobs",
    "better-jobs",
    "employment-rate",
    "economic-activity-rate",
    "private-sector-employment-density",
    "gva-per-hour-worked",
]

PUBLIC_PAGES = [
    "/",
    *[f"/targets/{slug}/" for slug in SEP_TARGETS],
    "/strategies/north-east-lis/",
    "/propositions/",
    "/propositions/?area=advanced-manufacturing&status=proposed",
    "/propositions/battery-innovation-hub/",
    "/governance/",
    "/strategy/",
    "/timeline/",
    "/accessibility/",
]
