"""The resources of the REST API's v1 contract (DESIGN.md), as their paths name them."""

API_RESOURCES = [
    "strategies",
    "grand-challenges",
    "sector-deals",
    "areas",
    "targets",
    "observations",
    "assessments",
    "propositions",
    "organisations",
    "governance-bodies",
    "meetings",
    "milestones",
]
