"""The public pages that the browser tests visit: every target and proposition of the
seed, every dashboard, and one of each other kind."""

from tests.seed import LIS_TARGETS, SEED_PROPOSITIONS, SEP_TARGETS

PUBLIC_PAGES = [
    "/",
    *[f"/targets/{slug}/" for slug in SEP_TARGETS + LIS_TARGETS],
    "/strategies/north-east-sep/",
    "/strategies/north-east-lis/",
    "/strategies/uk-industrial-strategy/",
    "/propositions/",
    "/propositions/?area=advanced-manufacturing&status=proposed",
    "/propositions/?status=complete",
    *[f"/propositions/{slug}/" for slug in SEED_PROPOSITIONS],
    "/governance/",
    "/strategy/",
    "/timeline/",
    "/accessibility/",
]
