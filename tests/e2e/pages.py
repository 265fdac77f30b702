"""The public pages that the browser tests visit: every target and proposition of the
seed, every dashboard, and one of each other kind."""

SEP_TARGETS = [
    "jobs",
    "better-jobs",
    "employment-rate",
    "economic-activity-rate",
    "private-sector-employment-density",
    "gva-per-hour-worked",
]
LIS_TARGETS = ["export-share-of-gva", "iamp-jobs"]
PROPOSITIONS = [
    "digital-free-zones",
    "trade-and-investment-services-with-dit",
    "trade-facilitation",
    "supply-chain-north-east",
    "large-scale-investments-iamp",
    "sustainable-advanced-manufacturing-hub",
    "driving-the-electrical-revolution",
    "battery-innovation-hub",
    "made-smarter",
    "test-beds-and-demonstrators",
    "business-networks-and-cluster-organisations",
]

PUBLIC_PAGES = [
    "/",
    *[f"/targets/{slug}/" for slug in SEP_TARGETS + LIS_TARGETS],
    "/strategies/north-east-sep/",
    "/strategies/north-east-lis/",
    "/strategies/uk-industrial-strategy/",
    "/propositions/",
    "/propositions/?area=advanced-manufacturing&status=proposed",
    "/propositions/?status=complete",
    *[f"/propositions/{slug}/" for slug in PROPOSITIONS],
    "/governance/",
    "/strategy/",
    "/timeline/",
    "/accessibility/",
]
