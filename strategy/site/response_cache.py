"""Whole public responses, kept until the published data changes.

Rendering a page or serialising an API list costs several times the queries behind it
(bench/RESULTS.md), and most readers ask for the same few addresses between two changes.
So an anonymous reader's response is kept, in each worker's memory, under the data
version (strategy/data_version.py). A response is only ever served under the version it
was made under, so a change shows at once on every worker; responses kept under an old
version are never asked for again and age out of the cache.

Only anonymous reads are kept: a request with a session cookie or an Authorization header
is answered afresh, so that officers see their own changes and drafts, and nothing made for
them is ever served to anyone else. Which pages are kept is said in strategy/site/urls.py,
and which API reads in strategy/site/api/urls.py.

The version changes on Django's model signals, because every way the site writes (the
admin, the API, imports, publishing, loaddata and restores) goes through them; this keeps
a cache honest and touches no domain data.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import patch_vary_headers, set_response_etag
from simple_history.models import HistoricalChanges

from strategy.data_version import data_changed, pinned_data_version

# The apps whose data the public pages and the API show.
PUBLISHED_APPS = frozenset({"strategy", "targets", "propositions", "governance"})

# A larger response (an unusual export) is answered afresh each time rather than crowding
# out the pages; the biggest usual one, 1,000 observations as JSON, is about 410 kB.
MAX_KEPT_BYTES = 1_000_000
KEPT_SECONDS = 24 * 3600  # the version moves with the data and the date; this bounds old ones


def note_data_change(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Receiver of post_save, post_delete and m2m_changed from the published models."""
    if kwargs.get("action", "post").startswith("pre"):
        return  # m2m_changed is sent before and after
    data_changed(using)


def watch_published_models() -> None:
    """Connect `note_data_change` to each model of the published apps by name (a receiver
    for every model would make Django fetch the rows of every bulk delete, sessions too).
    History rows are left out: each comes with a change of its own model."""
    for label in PUBLISHED_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if issubclass(model, HistoricalChanges):
                continue
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(note_data_change, sender=model, dispatch_uid=__name__)


def is_anonymous_read(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def response_key(request: HttpRequest, version: str, vary: Sequence[str]) -> str:
    # The absolute address holds the scheme and host (links in API pages are absolute) and
    # the whole query string (filters, page, format).
    parts = [version, request.build_absolute_uri(), *(request.headers.get(h, "") for h in vary)]
    return "response:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached_response(
    request: HttpRequest,
    respond: Callable[[], HttpResponseBase],
    vary: Sequence[str] = (),
) -> HttpResponseBase:
    """The response kept for this read under the current data version, or `respond()`'s,
    kept for the next reader when it may be. `vary` names the request headers that change
    the answer (the API's Accept)."""
    if not is_anonymous_read(request):
        return respond()
    # What the view keeps of its own (standings, charts) follows the same version.
    with pinned_data_version() as version:
        key = response_key(request, version, vary)
        kept = caches["responses"].get(key)
        if kept is not None:
            return kept
        response = respond()
    if may_keep(request, response):
        _keep_when_rendered(response, key)
    return response


def may_keep(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Only a complete, public success that hands the reader nothing of their own."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def _keep_when_rendered(response: HttpResponseBase, key: str) -> None:
    def keep(rendered: HttpResponseBase) -> None:
        if len(rendered.content) > MAX_KEPT_BYTES:
            return
        # The ETag once, here, rather than hashing the body again on every hit.
        set_response_etag(rendered)
        # A session cookie changes the answer: it bypasses this cache.
        patch_vary_headers(rendered, ["Cookie"])
        # A plain response: an API response would otherwise carry its data as well.
        plain = HttpResponse(rendered.content, status=rendered.status_code)
        for header, value in rendered.items():
            plain[header] = value
        caches["responses"].set(key, plain, KEPT_SECONDS)

    if callable(getattr(response, "add_post_render_callback", None)):
        response.add_post_render_callback(keep)  # runs at once if already rendered
    else:
        keep(response)


def cache_public_response(view):
    """Decorate a public page's view so that anonymous readers get its kept response."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return cached_response(request, lambda: view(request, *args, **kwargs))

    return wrapped
