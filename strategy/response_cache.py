"""Whole public responses, kept until the published data changes.

Rendering a page or serialising an API list costs several times the queries behind it
(bench/RESULTS.md), and most readers ask for the same few addresses between two changes.
So an anonymous reader's response is kept, in each worker's memory, under the data
version, which is made of:

- a token in the "shared" cache (a database table, so that every worker and every machine
  reads the same one), replaced as soon as a change to the domain apps' data commits;
- a count of this thread's own changes, moved at once, so that a change shows to the
  transaction that made it before it commits;
- today's date, on which verdicts and projections depend.

A response is only ever served under the version it was made under, so a change shows at
once on every worker; responses kept under an old version are never asked for again and
age out of the cache.

Only anonymous reads are kept: a request with a session cookie or an Authorization header
is answered afresh, so that officers see their own changes and drafts, and nothing made for
them is ever served to anyone else.

The version changes on Django's model signals, because every way the site writes (the
admin, the API, imports, publishing, loaddata and restores) goes through them; this keeps
a cache honest and touches no domain data. Writing with QuerySet.update() or
bulk_create() sends no signal, so code that does it calls `data_changed()` itself
(generate_load_data does).
"""

from __future__ import annotations

import functools
import hashlib
import threading
import uuid
from collections.abc import Callable, Sequence

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.cache import patch_vary_headers, set_response_etag
from simple_history.models import HistoricalChanges

VERSION_KEY = "published-data-version"

# The apps whose data the public pages and the API show.
PUBLISHED_APPS = frozenset({"strategy", "targets", "propositions", "governance"})

# A larger response (an unusual export) is answered afresh each time rather than crowding
# out the pages; the biggest usual one, 1,000 observations as JSON, is about 410 kB.
MAX_KEPT_BYTES = 1_000_000
KEPT_SECONDS = 24 * 3600  # the version moves with the data and the date; this bounds old ones

# What this thread's connection has changed, and how much of it a new token already covers.
_this_thread = threading.local()


def replace_data_version() -> str:
    """A new token for every worker: what was kept before is never served again."""
    token = uuid.uuid4().hex
    caches["shared"].set(VERSION_KEY, token, timeout=None)
    return token


def data_version() -> str:
    pinned = getattr(_this_thread, "pinned_version", None)
    if pinned is not None:  # the version this read is kept under, read once for it all
        return pinned
    token = caches["shared"].get(VERSION_KEY)
    if token is None:  # the shared cache was emptied
        token = replace_data_version()
    changes = getattr(_this_thread, "changes", 0)
    return f"{token}.{changes}.{timezone.localdate():%Y%m%d}"


def data_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """A new version now for this transaction, and for every worker once it commits
    (before that, they cannot see the new data: a version made then would keep the old)."""
    changes = getattr(_this_thread, "changes", 0) + 1
    _this_thread.changes = changes
    transaction.on_commit(functools.partial(_replace_after_commit, changes), using=using)


def _replace_after_commit(changes: int) -> None:
    # One new token for a whole transaction, however many rows it wrote: its callbacks
    # run one after another once it commits, and the first covers every change before it.
    if getattr(_this_thread, "replaced_after", 0) >= changes:
        return
    _this_thread.replaced_after = _this_thread.changes
    replace_data_version()


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
    version = data_version()
    key = response_key(request, version, vary)
    kept = caches["responses"].get(key)
    if kept is not None:
        return kept
    # What the view keeps of its own (standings, charts) follows the same version.
    _this_thread.pinned_version = version
    try:
        response = respond()
    finally:
        _this_thread.pinned_version = None
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
