"""What every public page's layout needs: who publishes the site, and where to go."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from strategy.models import Strategy

SITE_NAME = "Strategy tracker"

# (label, URL name, the path prefix that marks the section as current)
SECTIONS = [
    ("Targets", "home", None),
    ("Propositions", "propositions:list", "/propositions/"),
    ("Governance", "governance:bodies", "/governance/"),
    ("The strategy", "strategy-overview", "/strategy/"),
    ("Timeline", "governance:timeline", "/timeline/"),
]


def _publisher() -> str:
    return Strategy.objects.primary_publisher() or "The Local Enterprise Partnership"


def site(request):
    """Lazily, so that pages which never show the layout never query for it."""
    path = request.path
    navigation = []
    for text, url_name, prefix in SECTIONS:
        href = reverse(url_name)
        if prefix is None:
            current = path == href or path.startswith(("/targets/", "/strategies/"))
        else:
            current = path.startswith(prefix)
        navigation.append({"text": text, "href": href, "current": current})
    return {
        "site": {
            "name": SITE_NAME,
            "publisher": SimpleLazyObject(_publisher),
            "navigation": navigation,
        }
    }
