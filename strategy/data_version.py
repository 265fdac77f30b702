"""The one version of the published data, which every derived cache is kept under.

Kept public responses (strategy/site/response_cache.py), standings
(targets/standings.py) and chart images (targets/views.py) are all keyed on it, so one
change renews them all together. It is made of:

- a token in the "shared" cache (a database table, so that every worker and every machine
  reads the same one), replaced as soon as a change to the published data commits;
- a count of this thread's own changes, moved at once, so that a change shows to the
  transaction that made it before it commits;
- today's date, on which verdicts and projections depend.

The site calls `data_changed()` on the model signals of every published app; code that
writes with QuerySet.update() or bulk_create() sends no signal, so it calls
`data_changed()` itself (generate_load_data does).
"""

from __future__ import annotations

import contextlib
import functools
import threading
import uuid
from collections.abc import Iterator

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone

VERSION_KEY = "published-data-version"

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


@contextlib.contextmanager
def pinned_data_version() -> Iterator[str]:
    """The current version, and the same one for every cache read inside the block, so
    that a response and what it is made of are kept under one version."""
    version = data_version()
    _this_thread.pinned_version = version
    try:
        yield version
    finally:
        _this_thread.pinned_version = None


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
