"""The staff groups exist with exactly their permissions on a freshly migrated database."""

import pytest
from django.contrib.auth.models import Group

DOMAIN_APPS = ("strategy", "governance", "targets", "propositions")

# Rows hang under a parent: officers may delete them. Everything else officers keep.
OFFICER_DELETES = {
    "strategy.strategyaim",
    "strategy.grandchallengepriority",
    "strategy.sectordealcommitment",
    "strategy.keyfact",
    "strategy.finding",
    "strategy.discussionquestion",
    "governance.membership",
    "governance.decision",
    "governance.timelineentry",
    "targets.observation",
    "targets.publishedassessment",
    "targets.expectedrelease",
    "propositions.propositionpartner",
    "propositions.propositiontarget",
    "propositions.milestone",
    "propositions.propositionupdate",
}
EDITABLE_MODELS = {
    "strategy": [
        "area",
        "strategy",
        "strategyaim",
        "foundation",
        "grandchallenge",
        "grandchallengepriority",
        "sectordeal",
        "sectordealcommitment",
        "areaofstrategicimportance",
        "evidencereport",
        "keyfact",
        "finding",
        "discussionquestion",
        "glossaryterm",
    ],
    "governance": [
        "organisation",
        "governancebody",
        "membership",
        "meeting",
        "decision",
        "timelineentry",
    ],
    "targets": ["target", "observation", "publishedassessment", "expectedrelease"],
    "propositions": [
        "proposition",
        "propositionpartner",
        "propositiontarget",
        "milestone",
        "propositionupdate",
    ],
}


def expected_officer_permissions() -> set[str]:
    expected = set()
    for app_label, models in EDITABLE_MODELS.items():
        for model in models:
            actions = ["view", "add", "change"]
            if f"{app_label}.{model}" in OFFICER_DELETES:
                actions.append("delete")
            expected |= {f"{app_label}.{action}_{model}" for action in actions}
    return expected


def permission_names(group: Group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


@pytest.mark.django_db
def test_lep_officers_keep_content_and_draft_figures_but_cannot_publish():
    officers = Group.objects.get(name="LEP officer")

    assert permission_names(officers) == expected_officer_permissions()
    assert "targets.publish_observation" not in permission_names(officers)
    assert "targets.publish_assessment" not in permission_names(officers)


@pytest.mark.django_db
def test_approvers_have_everything_officers_have_and_may_publish():
    approvers = Group.objects.get(name="Approver")

    assert permission_names(approvers) == expected_officer_permissions() | {
        "targets.publish_observation",
        "targets.publish_assessment",
    }


@pytest.mark.django_db
def test_every_domain_model_is_editable_by_officers():
    """A model added later without a grant would be invisible to officers."""
    from django.apps import apps

    domain_models = {
        f"{model._meta.app_label}.{model._meta.model_name}"
        for app_label in DOMAIN_APPS
        for model in apps.get_app_config(app_label).get_models()
        if not model._meta.model_name.startswith("historical") and not model._meta.auto_created
    }
    granted = {
        f"{app_label}.{model}" for app_label, models in EDITABLE_MODELS.items() for model in models
    }

    assert domain_models == granted
