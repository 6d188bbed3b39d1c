"""Choosing one published value from the votes of several sources."""

import itertools
from decimal import Decimal

from harga.domain.states import PriceState, SupportStatus
from harga.reconcile.choose import Vote, choose


def priced(source: str, observation_id: int, amount: str, official: bool = False) -> Vote:
    return Vote(source, official, observation_id, PriceState.PRICED, Decimal(amount), "USD")


def test_no_votes_is_pending() -> None:
    choice = choose([])

    assert choice.state is PriceState.PENDING
    assert choice.status is SupportStatus.NONE
    assert choice.amount is None


def test_single_source() -> None:
    choice = choose([priced("a", 1, "0.2")])

    assert choice.state is PriceState.PRICED
    assert choice.status is SupportStatus.SINGLE_SOURCE
    assert choice.amount == Decimal("0.2")
    assert choice.positions == ()


def test_agreeing_sources_corroborate() -> None:
    choice = choose([priced("a", 1, "0.2"), priced("b", 2, "0.20"), priced("c", 3, "0.2")])

    assert choice.status is SupportStatus.CORROBORATED
    assert choice.evidence_ids == (1, 2, 3)
    assert not choice.disputed


def test_float_artefact_within_tolerance_agrees() -> None:
    choice = choose([priced("a", 1, "0.3"), priced("b", 2, "0.30000000000000004")])

    assert choice.status is SupportStatus.CORROBORATED
    assert not choice.disputed


def test_majority_wins_and_disagreement_recorded() -> None:
    choice = choose([priced("a", 1, "0.2"), priced("b", 2, "0.2"), priced("c", 3, "0.25")])

    assert choice.amount == Decimal("0.2")
    assert choice.status is SupportStatus.CORROBORATED
    assert choice.disputed
    assert [p.sources for p in choice.positions] == [("a", "b"), ("c",)]


def test_tie_is_unknown_conflict_without_amount() -> None:
    choice = choose([priced("a", 1, "0.2"), priced("b", 2, "0.25")])

    assert choice.state is PriceState.UNKNOWN
    assert choice.status is SupportStatus.CONFLICT
    assert choice.amount is None
    assert set(choice.evidence_ids) == {1, 2}


def test_official_wins_over_majority() -> None:
    votes = [priced("a", 1, "0.2"), priced("b", 2, "0.2"), priced("page", 3, "0.25", official=True)]

    choice = choose(votes)

    assert choice.amount == Decimal("0.25")
    assert choice.status is SupportStatus.OFFICIAL
    assert choice.disputed


def test_source_repeating_itself_votes_once() -> None:
    votes = [priced("a", 1, "0.2"), priced("a", 2, "0.2"), priced("b", 3, "0.25")]

    choice = choose(votes)

    assert choice.state is PriceState.UNKNOWN
    assert choice.status is SupportStatus.CONFLICT


def test_explicit_zero_is_free_not_missing() -> None:
    vote = Vote("a", False, 1, PriceState.FREE, Decimal(0), "USD")

    choice = choose([vote])

    assert choice.state is PriceState.FREE
    assert choice.amount == Decimal(0)


def test_not_offered_against_price_is_disputed() -> None:
    votes = [
        priced("a", 1, "0.02"),
        priced("b", 2, "0.02"),
        Vote("c", False, 3, PriceState.NOT_OFFERED, None, None),
    ]

    choice = choose(votes)

    assert choice.state is PriceState.PRICED
    assert choice.amount == Decimal("0.02")
    assert choice.disputed
    assert choice.positions[1].state is PriceState.NOT_OFFERED


def test_currencies_never_agree() -> None:
    votes = [
        Vote("a", False, 1, PriceState.PRICED, Decimal("2"), "CNY"),
        Vote("b", False, 2, PriceState.PRICED, Decimal("2"), "USD"),
    ]

    choice = choose(votes)

    assert choice.state is PriceState.UNKNOWN


def test_fact_values_compare_exactly() -> None:
    votes = [
        Vote("a", False, 1, None, None, 400000),
        Vote("b", False, 2, None, None, 400000),
        Vote("c", False, 3, None, None, 1050000),
    ]

    choice = choose(votes)

    assert choice.value == 400000
    assert choice.status is SupportStatus.CORROBORATED
    assert [p.value for p in choice.positions] == [400000, 1050000]


def test_one_source_two_values_undisputed() -> None:
    votes = [priced("a", 1, "0.2"), priced("a", 2, "0.2"), priced("a", 3, "0.18")]

    choice = choose(votes)

    assert choice.amount == Decimal("0.2")
    assert choice.status is SupportStatus.SINGLE_SOURCE
    assert not choice.disputed
    assert [p.sources for p in choice.positions] == [("a",), ()]


def test_choice_independent_of_vote_order() -> None:
    # LiteLLM's Azure gpt-5.1 entries: 1.38 for two regional keys, 1.25 for two others.
    votes = [
        priced("litellm", 1, "1.38"),
        priced("litellm", 2, "1.25"),
        priced("litellm", 3, "1.38"),
        priced("litellm", 4, "1.25"),
        priced("models-dev", 5, "2.9999900000000002"),
        priced("models-dev", 6, "3"),
    ]
    choices = {
        (c.state, c.amount, tuple(p.amount for p in c.positions))
        for c in (choose(list(order)) for order in itertools.permutations(votes))
    }

    assert len(choices) == 1


def test_group_amount_is_the_most_stated() -> None:
    votes = [priced("a", 1, "2.9999900000000002"), priced("b", 2, "3"), priced("c", 3, "3")]

    choice = choose(votes)

    assert choice.amount == Decimal(3)
    assert choice.status is SupportStatus.CORROBORATED
