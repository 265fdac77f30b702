"""The REST API's plumbing: the router, and what every resource shares (who may do what,
pages, CSV, errors, the schema's declarations). Each app's own resources are in its
api.py."""
