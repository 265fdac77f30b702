"""Who may do what in the REST API, as one table (in the style of pretix's
test_permissions.py): role, method, path, expected status.

Anyone may read; writing needs the model permission; only an approver publishes, or
changes and deletes what is published (DESIGN.md, "REST API contract (v1)").
Authenticated roles use a token, as partners do.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from targets.models import Observation, PublishedAssessment
from tests.site.api_resources import API_RESOURCES

ROLES = ["anonymous", "officer", "approver", "superuser"]
READ_ONLY = ["strategies", "targets", "propositions", "organisations", "meetings"]

NEW_OBSERVATION = {
    "target": "more-jobs",
    "period_end": "2020-03-31",
    "period_label": "Apr 2019-Mar 2020",
    "value": 880000,
    "source": "APS",
}
NEW_ASSESSMENT = {
    "target": "more-jobs",
    "publication": "Our progress 2020",
    "period_end": "2020-03-31",
    "period_label": "Apr 2019-Mar 2020",
    "statement": "68,200 more jobs.",
    "figure": 68200,
}


def by(role, may_publish, may_not):
    """The status for an approver or a superuser, who may publish, or for an officer."""
    return may_publish if role in ("approver", "superuser") else may_not


def rows():
    for path in API_RESOURCES:
        for role in ROLES:
            yield role, "GET", f"/api/v1/{path}/", None, 200

    for resource, new in (("observations", NEW_OBSERVATION), ("assessments", NEW_ASSESSMENT)):
        base = f"/api/v1/{resource}/"
        draft, published = f"{base}{{draft_{resource}}}/", f"{base}{{published_{resource}}}/"
        withdrawn = f"{base}{{withdrawn_{resource}}}/"
        for role in ROLES:
            anonymous = role == "anonymous"
            yield role, "GET", draft, None, 404 if anonymous else 200
            yield role, "GET", published, None, 200
            # The target's page lists withdrawals with their reasons: so does the API.
            yield role, "GET", withdrawn, None, 200
            yield role, "POST", base, new, 401 if anonymous else 201
            published_new = {**new, "state": "published"}
            yield role, "POST", base, published_new, 401 if anonymous else by(role, 201, 403)
            yield role, "PATCH", draft, {"notes": "checked"}, 401 if anonymous else 200
            yield (
                role,
                "PATCH",
                published,
                {"notes": "checked"},
                401 if anonymous else by(role, 200, 403),
            )
            yield role, "DELETE", draft, None, 401 if anonymous else 204
            yield role, "DELETE", published, None, 401 if anonymous else by(role, 400, 403)
            reason = {"withdrawal_reason": "Published for the wrong period."}
            yield role, "DELETE", published, reason, 401 if anonymous else by(role, 200, 403)
            withdraw = f"{published}withdraw/"
            yield role, "POST", withdraw, reason, 401 if anonymous else by(role, 200, 403)
            yield (
                role,
                "POST",
                f"{draft}withdraw/",
                reason,
                401 if anonymous else by(role, 400, 403),
            )

    for path in READ_ONLY:
        for role in ROLES:
            yield role, "POST", f"/api/v1/{path}/", {}, 401 if role == "anonymous" else 405


def label(role, method, path, body):
    what = path.replace("/api/v1/", "/")
    for resource in ("observations", "assessments"):
        what = what.replace(f"{{draft_{resource}}}", "<draft>")
        what = what.replace(f"{{published_{resource}}}", "<published>")
        what = what.replace(f"{{withdrawn_{resource}}}", "<withdrawn>")
    if method == "POST" and body and body.get("state") == "published":
        what += " (published)"
    if body and "withdrawal_reason" in body:
        what += " (with a reason)"
    return f"{role} {method} {what}"


TABLE = [
    pytest.param(
        role, method, path, body, status, id=f"{label(role, method, path, body)} -> {status}"
    )
    for role, method, path, body, status in rows()
]


@pytest.fixture
def anonymous(client):
    return client


def _token_client(client, user):
    token = Token.objects.create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


@pytest.fixture
def officer_api(client, officer):
    return _token_client(client, officer)


@pytest.fixture
def approver_api(client, approver):
    return _token_client(client, approver)


@pytest.fixture
def superuser_api(client, superuser):
    return _token_client(client, superuser)


CLIENT_FIXTURES = {
    "anonymous": "anonymous",
    "officer": "officer_api",
    "approver": "approver_api",
    "superuser": "superuser_api",
}


@pytest.fixture
def records(make_target):
    """A count target with a draft, a published and a withdrawn figure and assessment."""
    target = make_target()
    published_at = timezone.now()
    published = {"state": "published", "published_at": published_at}
    withdrawn = {
        "state": "withdrawn",
        "published_at": published_at,
        "withdrawn_at": published_at,
        "withdrawal_reason": "Entered for the wrong target.",
    }
    return {
        "draft_observations": Observation.objects.create(
            target=target,
            period_end=datetime.date(2019, 3, 31),
            period_label="Apr 2018-Mar 2019",
            value=Decimal(875000),
            source="APS",
        ).pk,
        "published_observations": Observation.objects.create(
            target=target,
            period_end=datetime.date(2014, 3, 31),
            period_label="Apr 2013-Mar 2014",
            value=Decimal(811300),
            source="APS",
            **published,
        ).pk,
        "draft_assessments": PublishedAssessment.objects.create(
            target=target,
            publication="A draft",
            period_end=datetime.date(2019, 3, 31),
            period_label="Apr 2018-Mar 2019",
            statement="74,900 more jobs.",
            figure=Decimal(74900),
        ).pk,
        "published_assessments": PublishedAssessment.objects.create(
            target=target,
            publication="Our progress 2018",
            period_end=datetime.date(2018, 6, 30),
            period_label="Jul 2017-Jun 2018",
            statement="62,500 more jobs.",
            figure=Decimal(62500),
            **published,
        ).pk,
        "withdrawn_observations": Observation.objects.create(
            target=target,
            period_end=datetime.date(2016, 3, 31),
            period_label="Apr 2015-Mar 2016",
            value=Decimal(830000),
            source="APS",
            **withdrawn,
        ).pk,
        "withdrawn_assessments": PublishedAssessment.objects.create(
            target=target,
            publication="Our progress 2016",
            period_end=datetime.date(2016, 6, 30),
            period_label="Jul 2015-Jun 2016",
            statement="20,000 more jobs.",
            figure=Decimal(20000),
            **withdrawn,
        ).pk,
    }


@pytest.mark.parametrize(("role", "method", "path", "body", "status"), TABLE)
def test_permission(request, records, role, method, path, body, status):
    client = request.getfixturevalue(CLIENT_FIXTURES[role])
    url = path.format(**records)
    send = getattr(client, method.lower())
    kwargs = {} if body is None else {"data": body, "content_type": "application/json"}

    response = send(url, **kwargs)

    assert response.status_code == status, response.content
