from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from propositions.sitemaps import PropositionSitemap
from targets.sitemaps import StrategyDashboardSitemap, TargetSitemap

# The public pages that are not one record's page.
SECTION_PAGES = [
    "home",
    "propositions:list",
    "governance:bodies",
    "strategy-overview",
    "governance:timeline",
    "accessibility",
]


class SectionSitemap(Sitemap):
    def items(self):
        return SECTION_PAGES

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "sections": SectionSitemap,
    "targets": TargetSitemap,
    "strategies": StrategyDashboardSitemap,
    "propositions": PropositionSitemap,
}
