"""The seed strategy's targets and propositions (fixtures/seed.json), by slug, in the order
the pages and the API list them, for the tests that name them all."""

# The North East LEP area's seven local authorities, in the strategy's order.
AREA_CODES = [
    "E06000047",
    "E08000037",
    "E08000021",
    "E08000022",
    "E06000057",
    "E08000023",
    "E08000024",
]
SEP_TARGETS = [
    "jobs",
    "better-jobs",
    "employment-rate",
    "economic-activity-rate",
    "private-sector-employment-density",
    "gva-per-hour-worked",
]
LIS_TARGETS = ["export-share-of-gva", "iamp-jobs"]
SEED_PROPOSITIONS = [
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
SEEKING_FUNDING = [
    "sustainable-advanced-manufacturing-hub",
    "driving-the-electrical-revolution",
    "made-smarter",
]
FUTURE_OF_MOBILITY = [
    "driving-the-electrical-revolution",
    "battery-innovation-hub",
    "test-beds-and-demonstrators",
]
AUTOMOTIVE = ["supply-chain-north-east", *FUTURE_OF_MOBILITY]
