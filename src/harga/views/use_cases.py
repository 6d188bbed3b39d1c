"""Use cases derived by stated rules from a model's facts and headline prices.

Each rule names the facts it rests on. A rule whose facts are missing does not apply, so a
model is never called good or bad for something on a guess.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from harga.api.schemas import Fact, Headline, UseCase, UseCases

# Thresholds, in the published units. They are editorial choices, stated here so they can be
# checked and argued with.
LONG_CONTEXT_TOKENS = 200_000
SHORT_CONTEXT_TOKENS = 32_000
LOW_COST_INPUT_MTOK = Decimal("0.5")
LOW_COST_OUTPUT_MTOK = Decimal("2")
HIGH_COST_OUTPUT_MTOK = Decimal("15")


@dataclass(frozen=True)
class Inputs:
    facts: dict[str, Fact]
    headline: Headline

    def value(self, key: str) -> object:
        fact = self.facts.get(key)
        return None if fact is None else fact.value


@dataclass(frozen=True)
class Rule:
    key: str
    good: bool
    facts: tuple[str, ...]
    applies: Callable[[Inputs], bool]


def _context(inputs: Inputs) -> int | None:
    value = inputs.value("context_window")
    return value if isinstance(value, int) else None


def _modalities(inputs: Inputs) -> list[str] | None:
    value = inputs.value("input_modalities")
    return value if isinstance(value, list) else None


def _long_context(inputs: Inputs) -> bool:
    context = _context(inputs)
    return context is not None and context >= LONG_CONTEXT_TOKENS


def _short_context(inputs: Inputs) -> bool:
    context = _context(inputs)
    return context is not None and context < SHORT_CONTEXT_TOKENS


def _low_cost(inputs: Inputs) -> bool:
    h = inputs.headline
    if h.input_mtok is None or h.output_mtok is None:
        return False
    return h.input_mtok <= LOW_COST_INPUT_MTOK and h.output_mtok <= LOW_COST_OUTPUT_MTOK


def _high_cost(inputs: Inputs) -> bool:
    output = inputs.headline.output_mtok
    return output is not None and output >= HIGH_COST_OUTPUT_MTOK


def _images(inputs: Inputs) -> bool:
    modalities = _modalities(inputs)
    return modalities is not None and "image" in modalities


def _text_only(inputs: Inputs) -> bool:
    modalities = _modalities(inputs)
    return modalities is not None and modalities == ["text"]


RULES = [
    Rule("long_documents", True, ("context_window",), _long_context),
    Rule("high_volume", True, ("input_mtok", "output_mtok"), _low_cost),
    Rule("image_understanding", True, ("input_modalities",), _images),
    Rule("agents_tools", True, ("tool_call",), lambda i: i.value("tool_call") is True),
    Rule("complex_reasoning", True, ("reasoning",), lambda i: i.value("reasoning") is True),
    Rule("long_documents", False, ("context_window",), _short_context),
    Rule("tight_budgets", False, ("output_mtok",), _high_cost),
    Rule("image_understanding", False, ("input_modalities",), _text_only),
    Rule("agents_tools", False, ("tool_call",), lambda i: i.value("tool_call") is False),
    Rule(
        "structured_extraction",
        True,
        ("structured_output",),
        lambda i: i.value("structured_output") is True,
    ),
]


def derive_use_cases(facts: dict[str, Fact], headline: Headline) -> UseCases:
    inputs = Inputs(facts, headline)
    good = [UseCase(rule=r.key, facts=list(r.facts)) for r in RULES if r.good and r.applies(inputs)]
    bad = [
        UseCase(rule=r.key, facts=list(r.facts)) for r in RULES if not r.good and r.applies(inputs)
    ]
    return UseCases(good_for=good, not_ideal_for=bad)
