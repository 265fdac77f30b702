"""The site: what composes the apps into one website and one API.

The apps import one way: strategy's domain ← governance ← propositions, and
strategy ← targets ← propositions. Only this package (urls, the API's router and
plumbing, the home page, the feed, the sitemaps, the officer's desk, middleware, sign-in
and the response cache) may import every app, and no app imports it
(tests/site/test_import_grain.py). docs/architecture.md draws the map.
"""
