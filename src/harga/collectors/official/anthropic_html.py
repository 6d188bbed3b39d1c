"""Anthropic's pricing page at claude.com/pricing: the API price cards of the Webflow page.

Each model is a `card_pricing_api_wrap` card titled with the model's short name ("Sonnet 4.5").
Inside, nested `tokens_l1_wrap`, `tokens_l2_wrap` and `tokens_l3_wrap` blocks each carry a label
and either a value or further blocks: "Input" › "Prompts > 200K tokens" › "$6 / MTok", or
"Prompt caching" › "Write" › "$3.75 / MTok". A value is read with the labels of every block
around it. The page states under the cards that cache prices reflect the 5-minute TTL, so cache
writes carry `cache_ttl=5m`. Cache reads carry no TTL, because reads cost the same for both.
"""

import re
from dataclasses import replace
from datetime import datetime

from bs4 import BeautifulSoup, Comment, Tag

from harga.collectors.base import ParsedDocument, RawDocument, SourceFormatError
from harga.collectors.official.anthropic_names import model_id
from harga.collectors.pages.layout import (
    CellReader,
    PageCollector,
    PageExpectations,
    fold,
    require_text,
)
from harga.collectors.pages.markdown import decode_text
from harga.collectors.pages.price_text import PriceTextError, parse_prompt_range
from harga.domain.conditions import STANDARD, Conditions
from harga.domain.observation import Observation
from harga.domain.states import PriceState

SOURCE_ID = "anthropic-pricing-page"
_LEVELS = ("tokens_l1_wrap", "tokens_l2_wrap", "tokens_l3_wrap")
_DIMENSIONS = {"input": "input", "output": "output"}
_CACHE_DIMENSIONS = {"write": "cache_write", "read": "cache_read"}
_LAST_PUBLISHED = re.compile(
    r"Last Published: (\w{3} \w{3} \d{1,2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4})"
)


class AnthropicPricingPageCollector(PageCollector):
    source_id = SOURCE_ID
    name = "Anthropic pricing page (claude.com)"
    url = "https://www.claude.com/pricing"
    mirror_glob = "pricing-pages/anthropic-claude.com-html/anthropic-pricing.html"
    # Nine cards on the page of 2025-11-13: Opus 4.1, Sonnet 4.5 and Haiku 4.5 under "Latest
    # models", then Sonnet 4, Opus 4, Sonnet 3.7, Haiku 3.5, Opus 3 and Haiku 3 under "Legacy".
    expectations = PageExpectations(
        min_models=9,
        counted_in="the page's card_pricing_api_wrap cards",
        dimensions=frozenset({"input", "output", "cache_write", "cache_read"}),
    )

    def parse(self, document: RawDocument) -> ParsedDocument:
        text = decode_text(document)
        soup = BeautifulSoup(text, "lxml")
        require_text(
            soup.get_text(" "),
            document.location,
            "Prompt caching pricing reflects 5-minute TTL",
            "the 5-minute TTL of the cache write prices rests on it",
        )
        reader = CellReader(SOURCE_ID, "anthropic", document.location, cited_url=self.url)
        cards = soup.select(".card_pricing_api_wrap")
        if not cards:
            raise SourceFormatError(
                document.location, ".card_pricing_api_wrap", 0, "API price cards"
            )
        observations: list[Observation] = []
        for index, card in enumerate(cards):
            observations.extend(_card(card, index, reader, document))
        return ParsedDocument(observations, stated_at=_last_published(soup, document))


def _card(card: Tag, index: int, reader: CellReader, document: RawDocument) -> list[Observation]:
    title_tag = card.select_one(".card_pricing_title_text")
    if title_tag is None:
        where = f".card_pricing_api_wrap[{index}]"
        raise SourceFormatError(document.location, where, str(card)[:80], "a card title")
    title = " ".join(title_tag.get_text(" ").split())
    path = f".card_pricing_api_wrap[{index}] ({title})"
    model = model_id(f"Claude {title}", document.location, f"{path} title")
    values = card.select(".tokens_main_val")
    if not values:
        raise SourceFormatError(document.location, path, title, "prices in the card")
    return [_value(value, title, model, reader, document, path) for value in values]


def _value(
    value: Tag, title: str, model: str, reader: CellReader, document: RawDocument, path: str
) -> Observation:
    labels = _labels(value)
    text = " ".join(value.get_text().split())
    where = f"{path} › {' › '.join(labels)}"
    if not labels:
        raise SourceFormatError(document.location, where, text, "a label above the price")
    dimension, conditions = _meaning(labels, document.location, where)
    cell = reader.parse(text, where)
    if cell.state is not PriceState.PRICED:
        raise SourceFormatError(document.location, where, text, "an amount")
    part = cell.single()
    _check_data_value(value, part.amount, document, where)
    return reader.priced(model, dimension, cell, part, (title, *labels), conditions)


def _labels(value: Tag) -> list[str]:
    """Return the labels of the blocks around a value, outermost first."""
    labels = []
    for ancestor in value.parents:
        classes: list[str] = list(ancestor.get_attribute_list("class"))
        if "card_pricing_api_wrap" in classes:
            break
        if not any(level in classes for level in _LEVELS):
            continue
        own = ancestor.find(class_="tokens_main_wrap", recursive=False)
        label = (
            own.find(class_="tokens_main_label", recursive=False) if isinstance(own, Tag) else None
        )
        if isinstance(label, Tag):
            labels.append(" ".join(label.get_text(" ").split()))
    return labels[::-1]


def _meaning(labels: list[str], location: str, where: str) -> tuple[str, Conditions]:
    """Map labels such as ["Prompt caching", "> 200K tokens", "Write"] to a dimension."""
    first, last = fold(labels[0]), fold(labels[-1])
    conditions = STANDARD
    for label in labels[1:]:
        if fold(label) in _CACHE_DIMENSIONS:
            continue
        conditions = _prompt_tier(label, conditions, location, where)
    if first in _DIMENSIONS and (len(labels) == 1 or last not in _CACHE_DIMENSIONS):
        return _DIMENSIONS[first], conditions
    if first == "prompt caching" and last in _CACHE_DIMENSIONS:
        dimension = _CACHE_DIMENSIONS[last]
        if dimension == "cache_write":
            conditions = replace(conditions, cache_ttl="5m")
        return dimension, conditions
    raise SourceFormatError(
        location, where, labels, "Input, Output or Prompt caching › Write/Read labels"
    )


def _prompt_tier(label: str, conditions: Conditions, location: str, where: str) -> Conditions:
    try:
        above, boundary, _ = parse_prompt_range(label)
    except PriceTextError:
        raise SourceFormatError(location, where, label, "a prompt-size tier label") from None
    if above is None:
        return conditions
    return replace(conditions, prompt_threshold_tokens=above, prompt_boundary=boundary)


def _check_data_value(value: Tag, amount: object, document: RawDocument, where: str) -> None:
    """Compare the shown number with the `data-value` attribute Webflow renders beside it."""
    number = value.select_one(".tokens_main_val_number")
    stated = number.get("data-value") if number is not None else None
    if not isinstance(stated, str) or stated != str(amount):
        raise SourceFormatError(
            document.location, where, stated, f"a data-value equal to the shown {amount}"
        )


def _last_published(soup: BeautifulSoup, document: RawDocument) -> datetime | None:
    """Read Webflow's `<!-- Last Published: ... -->` comment, the page's own date."""
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        match = _LAST_PUBLISHED.search(str(comment))
        if match is None:
            continue
        try:
            return datetime.strptime(match.group(1), "%a %b %d %Y %H:%M:%S GMT%z")
        except ValueError:
            raise SourceFormatError(
                document.location, "Last Published", match.group(1), "a Webflow date"
            ) from None
    return None
