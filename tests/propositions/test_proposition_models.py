"""Propositions: their partners, the targets they serve, funding, dates and history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance.models import Organisation
from propositions.models import Proposition, PropositionPartner, PropositionTarget
from strategy.models import AreaOfStrategicImportance, GrandChallenge, Strategy

# SQLite names the columns of a broken unique constraint, PostgreSQL names the constraint.
SECOND_OWNER = (
    r"target_belongs_to_one_proposition"
    r"|UNIQUE constraint failed: propositions_propositiontarget\.target_id"
)
SECOND_PARTNERSHIP = (
    r"proposition_partner_once"
    r"|UNIQUE constraint failed: propositions_propositionpartner\.proposition_id, "
    r"propositions_propositionpartner\.organisation_id"
)


@pytest.fixture
def lis(plan):
    return Strategy.objects.create(
        slug="test-lis",
        title="Test Local Industrial Strategy",
        kind=Strategy.Kind.LOCAL_INDUSTRIAL_STRATEGY,
        publisher="Test LEP",
        status=Strategy.Status.IN_DEVELOPMENT,
        summary="A local industrial strategy for tests.",
        aligns_to=plan,
    )


@pytest.fixture
def area(plan):
    return AreaOfStrategicImportance.objects.create(strategy=plan, slug="energy", name="Energy")


@pytest.fixture
def make_proposition(lis, area):
    def make(slug, **fields):
        values = {
            "strategy": lis,
            "area": area,
            "slug": slug,
            "name": slug.replace("-", " ").capitalize(),
            "summary": "A summary.",
            "detail": "The detail.",
        }
        values.update(fields)
        return Proposition.objects.create(**values)

    return make


@pytest.fixture
def hydrogen(make_proposition):
    return make_proposition("hydrogen-hub")


@pytest.fixture
def university(db):
    return Organisation.objects.create(
        slug="newcastle-university",
        name="Newcastle University",
        kind=Organisation.Kind.UNIVERSITY,
    )


@pytest.fixture
def grand_challenges(db):
    industrial_strategy = Strategy.objects.create(
        slug="uk-industrial-strategy",
        title="Industrial Strategy: building a Britain fit for the future",
        kind=Strategy.Kind.INDUSTRIAL_STRATEGY,
        publisher="HM Government",
        status=Strategy.Status.PUBLISHED,
        summary="The UK's industrial strategy.",
    )
    return [
        GrandChallenge.objects.create(
            strategy=industrial_strategy, slug=slug, name=name, order=order
        )
        for order, (slug, name) in enumerate(
            [("clean-growth", "Clean Growth"), ("ageing-society", "Ageing Society")]
        )
    ]


# Targets


def test_a_target_is_the_own_target_of_only_one_proposition(
    make_proposition, hydrogen, make_target
):
    target = make_target()
    PropositionTarget.objects.create(
        proposition=hydrogen, target=target, relationship=PropositionTarget.Relationship.OWN_KPI
    )

    with pytest.raises(IntegrityError, match=SECOND_OWNER), transaction.atomic():
        PropositionTarget.objects.create(
            proposition=make_proposition("offshore-wind"),
            target=target,
            relationship=PropositionTarget.Relationship.OWN_KPI,
        )

    assert list(target.propositions.all()) == [hydrogen]


def test_a_second_own_target_claim_is_explained_to_an_officer(
    make_proposition, hydrogen, make_target
):
    target = make_target()
    PropositionTarget.objects.create(
        proposition=hydrogen, target=target, relationship=PropositionTarget.Relationship.OWN_KPI
    )
    claim = PropositionTarget(
        proposition=make_proposition("offshore-wind"),
        target=target,
        relationship=PropositionTarget.Relationship.OWN_KPI,
    )

    with pytest.raises(ValidationError) as error:
        claim.full_clean()

    assert error.value.message_dict == {
        "__all__": ["This target is already another proposition's own target."]
    }


def test_a_target_may_be_served_by_many_propositions(make_proposition, hydrogen, make_target):
    target = make_target()
    wind = make_proposition("offshore-wind")
    mining = make_proposition("mine-water-heat")
    PropositionTarget.objects.create(
        proposition=hydrogen, target=target, relationship=PropositionTarget.Relationship.OWN_KPI
    )
    for proposition in (wind, mining):
        PropositionTarget.objects.create(
            proposition=proposition,
            target=target,
            relationship=PropositionTarget.Relationship.CONTRIBUTES,
        )

    assert set(target.propositions.all()) == {hydrogen, wind, mining}
    assert list(
        PropositionTarget.objects.filter(
            target=target, relationship=PropositionTarget.Relationship.OWN_KPI
        ).values_list("proposition__slug", flat=True)
    ) == ["hydrogen-hub"]


# Partners


def test_an_organisation_is_a_partner_only_once_per_proposition(hydrogen, university):
    PropositionPartner.objects.create(proposition=hydrogen, organisation=university)

    with pytest.raises(IntegrityError, match=SECOND_PARTNERSHIP), transaction.atomic():
        PropositionPartner.objects.create(
            proposition=hydrogen,
            organisation=university,
            role=PropositionPartner.Role.FUNDER,
        )

    assert list(hydrogen.partners.all()) == [university]


def test_an_organisation_may_partner_several_propositions(make_proposition, hydrogen, university):
    wind = make_proposition("offshore-wind")
    PropositionPartner.objects.create(proposition=hydrogen, organisation=university)
    PropositionPartner.objects.create(proposition=wind, organisation=university)

    assert set(university.propositions.all()) == {hydrogen, wind}


# Funding and dates


@pytest.mark.parametrize(
    ("field", "constraint"),
    [
        ("funding_sought", "proposition_funding_sought_not_negative"),
        ("funding_secured", "proposition_funding_secured_not_negative"),
    ],
)
def test_negative_funding_is_refused(make_proposition, field, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        make_proposition("hydrogen-hub", **{field: Decimal("-0.01")})

    assert not Proposition.objects.exists()


def test_no_funding_is_allowed(make_proposition):
    make_proposition("hydrogen-hub", funding_sought=Decimal(0), funding_secured=Decimal(0))

    assert Proposition.objects.count() == 1


def test_a_proposition_ending_before_it_starts_is_refused(make_proposition):
    with (
        pytest.raises(IntegrityError, match="proposition_ends_after_it_starts"),
        transaction.atomic(),
    ):
        make_proposition(
            "hydrogen-hub",
            start_date=datetime.date(2020, 4, 1),
            end_date=datetime.date(2020, 3, 1),
        )

    assert not Proposition.objects.exists()


def test_a_proposition_ending_before_it_starts_is_explained_to_an_officer(hydrogen):
    hydrogen.start_date = datetime.date(2020, 4, 1)
    hydrogen.end_date = datetime.date(2020, 3, 1)

    with pytest.raises(ValidationError) as error:
        hydrogen.full_clean()

    assert error.value.message_dict == {
        "__all__": ["The end date cannot be before the start date."]
    }


# History


def test_the_history_records_grand_challenges_added_and_removed(hydrogen, grand_challenges):
    clean_growth, ageing_society = grand_challenges

    hydrogen.grand_challenges.add(clean_growth, ageing_society)
    hydrogen.grand_challenges.remove(ageing_society)

    removed, added, created = hydrogen.history.all()
    assert [record.history_type for record in (created, added, removed)] == ["+", "~", "~"]
    assert list(created.grand_challenges.values_list("grandchallenge", flat=True)) == []
    assert set(added.grand_challenges.values_list("grandchallenge", flat=True)) == {
        clean_growth.pk,
        ageing_society.pk,
    }
    assert list(removed.grand_challenges.values_list("grandchallenge", flat=True)) == [
        clean_growth.pk
    ]
    delta = removed.diff_against(added)
    assert delta.changed_fields == ["grand_challenges"]
