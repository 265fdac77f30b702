from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from propositions.models import Proposition


class PropositionSitemap(Sitemap):
    def items(self):
        return Proposition.objects.order_by("slug")

    def location(self, item):
        return reverse("propositions:detail", args=[item.slug])
