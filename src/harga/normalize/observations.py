"""Normalisation of one source's observations: canonical ids, conditions and published units.

Dated snapshots fall onto their base model (see `model_ids`), unless the same source states a
different value for the snapshot than for the base. Then the snapshot keeps its own id, because
`gpt-4o-2024-05-13` and `gpt-4o` really were priced differently.

A region named by the upstream id (`azure/eu/gpt-5.1`, `us.amazon.nova-2-lite-v1:0`) becomes
the observation's region condition, so a regional price is a separate row from the plain one.
"""

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from harga.domain.dimensions import UnknownDimension, get_dimension
from harga.domain.money import UnitNotRecognised, convert_amount
from harga.domain.observation import Observation, ObservationKind
from harga.normalize.model_ids import CanonicalName, canonical_name
from harga.normalize.registry import seller_slug

# Modality facts use OpenRouter's and LiteLLM's words (`text`, `image`, `audio`, `video`,
# `file`). models.dev writes `pdf` for the document input that the others call `file`.
_MODALITY_FIELDS = frozenset({"input_modalities", "output_modalities"})
_MODALITY_SPELLINGS = {"pdf": "file"}
# Facts shown to readers that do not tell one model from another.
_DISPLAY_FACTS = frozenset({"name", "description"})


class NormalizationError(ValueError):
    """An observation that cannot be normalised.

    Its upstream id names no model, its id and its conditions name different regions, or it
    names an unknown dimension or a unit that cannot be converted.
    """

    def __init__(self, observation: Observation, cause: Exception) -> None:
        self.observation = observation
        super().__init__(f"at {observation.excerpt}: {cause}")


@dataclass(frozen=True, slots=True)
class NormalizedObservation:
    observation: Observation
    model_id: str
    creator: str
    seller: str
    variant: str
    amount_published: Decimal | None

    @property
    def conditions_key(self) -> str:
        return self.observation.conditions.key()

    def value_json(self) -> str | None:
        value = self.observation.value
        if value is None:
            return None
        return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)


def normalize(observations: list[Observation]) -> list[NormalizedObservation]:
    """Map one source's observations to canonical ids and convert prices to published units.

    Raises `NormalizationError` for an upstream id that names no model, a region that
    contradicts the collector's, or a value whose dimension or unit cannot be placed.
    """
    names = _canonical_names(observations)
    placed = [_placed(o, names) for o in observations]
    split = _snapshots_to_split(placed, names)
    result = []
    for observation in placed:
        if observation.kind is ObservationKind.FX_RATE:
            result.append(NormalizedObservation(observation, "", "", "", "", None))
            continue
        name = names[(observation.upstream_model_id, observation.upstream_seller)]
        model_id = name.model_id
        if (observation.upstream_model_id, observation.upstream_seller) in split:
            model_id = name.dated_model_id
        result.append(
            NormalizedObservation(
                observation=observation,
                model_id=model_id,
                creator=name.creator,
                seller=seller_slug(observation.upstream_seller),
                variant=name.variant,
                amount_published=_checked_amount(observation),
            )
        )
    return result


def _canonical_names(observations: list[Observation]) -> dict[tuple[str, str], CanonicalName]:
    names: dict[tuple[str, str], CanonicalName] = {}
    for o in observations:
        upstream = (o.upstream_model_id, o.upstream_seller)
        if o.kind is ObservationKind.FX_RATE or upstream in names:
            continue
        try:
            names[upstream] = canonical_name(o.upstream_model_id, seller_slug(o.upstream_seller))
        except ValueError as error:
            raise NormalizationError(o, error) from error
    return names


def _placed(observation: Observation, names: dict[tuple[str, str], CanonicalName]) -> Observation:
    """Return the observation with the region its id names and modalities in one vocabulary."""
    if observation.kind is ObservationKind.FX_RATE:
        return observation
    region = names[(observation.upstream_model_id, observation.upstream_seller)].region
    stated = observation.conditions.region
    if region is not None and stated is not None and region != stated:
        error = ValueError(
            f"the model id {observation.upstream_model_id!r} names region {region!r}, "
            f"but the collector stated region {stated!r}"
        )
        raise NormalizationError(observation, error)
    if region is not None and stated is None:
        observation = replace(
            observation, conditions=replace(observation.conditions, region=region)
        )
    if observation.field in _MODALITY_FIELDS and isinstance(observation.value, tuple):
        observation = replace(observation, value=_modalities(observation.value))
    return observation


def _modalities(values: tuple[str, ...]) -> tuple[str, ...]:
    """Spell modalities in one vocabulary, keeping the first position of each."""
    spelled = (_MODALITY_SPELLINGS.get(value, value) for value in values)
    return tuple(dict.fromkeys(spelled))


# No LLM API price comes near a million dollars per published unit (1M tokens, 1K requests,
# one image). An amount above it is a broken source value, such as 1e30, not a price.
MAX_PLAUSIBLE_AMOUNT = Decimal(1_000_000)


class ImplausibleAmount(ValueError):
    """An amount too large to be a real price."""


def _checked_amount(observation: Observation) -> Decimal | None:
    try:
        amount = _published_amount(observation)
        if amount is not None and abs(amount) > MAX_PLAUSIBLE_AMOUNT:
            raise ImplausibleAmount(
                f"implausible amount {amount} per published unit; above {MAX_PLAUSIBLE_AMOUNT}"
            )
        return amount
    except (UnknownDimension, UnitNotRecognised, ImplausibleAmount) as error:
        raise NormalizationError(observation, error) from error


def _published_amount(observation: Observation) -> Decimal | None:
    if observation.kind is not ObservationKind.PRICE:
        return None
    dimension = get_dimension(observation.field)
    if observation.amount is None or observation.source_unit is None:
        return None
    return convert_amount(observation.amount, observation.source_unit, dimension.unit)


def _snapshots_to_split(
    observations: list[Observation], names: dict[tuple[str, str], CanonicalName]
) -> set[tuple[str, str]]:
    """Find dated upstream ids whose values differ from their base model's in this source.

    Names and descriptions do not count, because an alias and its snapshot are often named
    apart ("Claude Opus 4 (latest)" and "Claude Opus 4" on models.dev) with the same values.
    """
    values: dict[tuple[object, ...], dict[tuple[str, str], object]] = defaultdict(dict)
    for o in observations:
        if o.kind in (ObservationKind.BENCHMARK, ObservationKind.FX_RATE):
            continue
        if o.kind is ObservationKind.FACT and o.field in _DISPLAY_FACTS:
            continue
        name = names[(o.upstream_model_id, o.upstream_seller)]
        key = (name.model_id, name.variant, o.upstream_seller, o.kind, o.field, o.conditions.key())
        stated = (o.state, o.amount, o.source_unit) if o.kind is ObservationKind.PRICE else o.value
        values[key].setdefault((o.upstream_model_id, o.upstream_seller), stated)
    split = set()
    for by_upstream in values.values():
        if len(set(map(repr, by_upstream.values()))) < 2:
            continue
        reference = _reference_value(by_upstream, names)
        for upstream, value in by_upstream.items():
            if names[upstream].dated_name is not None and repr(value) != reference:
                split.add(upstream)
    return split


def _reference_value(
    by_upstream: dict[tuple[str, str], object], names: dict[tuple[str, str], CanonicalName]
) -> str:
    """Return the base model's value: the undated id's, else the value most ids state."""
    undated = [v for u, v in by_upstream.items() if names[u].dated_name is None]
    if undated:
        return repr(undated[0])
    counts = Counter(map(repr, by_upstream.values()))
    # On a tie the lower text wins, so the choice does not depend on the order of the rows.
    return min(counts, key=lambda value: (-counts[value], value))
