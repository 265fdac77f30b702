"""Shared by the API tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    """Anonymous reads are throttled per IP through the cache: start every test afresh."""
    cache.clear()
    yield
    cache.clear()
