from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from strategy.models import Strategy
from targets.models import Target


class TargetSitemap(Sitemap):
    def items(self):
        return Target.objects.order_by("slug")

    def location(self, item):
        return reverse("targets:detail", args=[item.slug])


class StrategyDashboardSitemap(Sitemap):
    def items(self):
        return Strategy.objects.order_by("slug")

    def location(self, item):
        return reverse("targets:dashboard", args=[item.slug])
