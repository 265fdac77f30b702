from django.contrib.sitemaps import Sitemap
from django.urls import reverse

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
