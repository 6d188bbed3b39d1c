"""Google's Gemini Developer API pricing page (ai.google.dev/pricing), a reader capture.

The capture names the model of only two sections (Veo 3 and Gemini 2.5 Computer Use). Each
section keeps its description paragraph, then one or two tables with a "Free Tier" and a "Paid
Tier" column. The first table after a description is the standard price. The second, when
present, has no label in the capture, so it is not read. The model of each section is mapped by
hand from its description (`SECTIONS`), in page order, and two sections share one description,
so the map counts occurrences. A description missing from the map fails the run, because a new
or reworded section cannot be attributed.

NOTE: the map is harga's attribution, not the capture's. A test checks it against the prices
simonw/llm-prices lists for the six models both sources name.

From the Paid Tier column the collector reads input, output, context caching (per 1M tokens
and the storage price per 1M tokens per hour) and per-image output prices. Amounts qualified
"(audio)" or "(audio / video)" are audio-token prices; "(text / image / video)", "(text /
image)" and "(text)" are the plain token prices. "prompts <= 200k tokens" is the base price
and "prompts > 200k tokens" the tier above 200,000 prompt tokens.

NOTE: the Free Tier column, grounding, Live API, Imagen and Veo prices are not read. The free
tier and the grounding quotas have no condition in harga yet. Live API cells mix several
prices in one sentence, and Imagen and Veo variants are rows without model ids.
"""

from dataclasses import dataclass

from harga.collectors.base import ParsedDocument, RawDocument, SourceFormatError
from harga.collectors.pages.layout import CellReader, PageCollector, PageExpectations, fold
from harga.collectors.pages.markdown import (
    MarkdownTable,
    decode_text,
    parse_markdown,
    read_reader_header,
)
from harga.collectors.pages.price_text import PriceCell, PricePart
from harga.domain.conditions import STANDARD
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation
from harga.domain.states import PriceState

FREE_COLUMN = "Free Tier"
PAID_TOKENS = "Paid Tier, per 1M tokens in USD"
PAID_OTHER = ("Paid Tier, per Image in USD", "Paid Tier, per second in USD")

# Section descriptions in page order, with the model each one describes; None marks sections
# whose prices are not read (Imagen and Veo, priced per image or per second by variant).
SECTIONS: list[tuple[str, str | None]] = [
    (
        "Our state-of-the-art multipurpose model, which excels at coding and complex "
        "reasoning tasks.",
        "gemini-2.5-pro",
    ),
    (
        "Our first hybrid reasoning model which supports a 1M token context window and has "
        "thinking budgets.",
        "gemini-2.5-flash",
    ),
    (
        "The latest model based on the 2.5 Flash model. 2.5 Flash Preview is best for large "
        "scale processing, low-latency, high volume tasks that require thinking, and agentic "
        "use cases.",
        "gemini-2.5-flash-preview-09-2025",
    ),
    (
        "Our smallest and most cost effective model, built for at scale usage.",
        "gemini-2.5-flash-lite",
    ),
    (
        "The latest model based on Gemini 2.5 Flash lite optimized for cost-efficiency, high "
        "throughput and high quality.",
        "gemini-2.5-flash-lite-preview-09-2025",
    ),
    (
        "Our native audio models optimized for higher quality audio outputs with better "
        "pacing, voice naturalness, verbosity, and mood.",
        "gemini-2.5-flash-native-audio-preview-09-2025",
    ),
    (
        "Our native image generation model, optimized for speed, flexibility, and contextual "
        "understanding. Text input and output is priced the same as 2.5 Flash.",
        "gemini-2.5-flash-image",
    ),
    (
        "Our 2.5 Flash text-to-speech audio model optimized for price-performant, low-latency, "
        "controllable speech generation.",
        "gemini-2.5-flash-preview-tts",
    ),
    (
        "Our 2.5 Pro text-to-speech audio model optimized for powerful, low-latency speech "
        "generation for more natural outputs and easier to steer prompts.",
        "gemini-2.5-pro-preview-tts",
    ),
    (
        "Our most balanced multimodal model with great performance across all tasks, with a 1 "
        "million token context window, and built for the era of Agents.",
        "gemini-2.0-flash",
    ),
    (
        "Our smallest and most cost effective model, built for at scale usage.",
        "gemini-2.0-flash-lite",
    ),
    (
        "Our latest image generation model, with significantly better text rendering and "
        "better overall image quality.",
        None,
    ),
    (
        "Our state-of-the-art image generation model, available to developers on the paid "
        "tier of the Gemini API.",
        None,
    ),
    (
        "Our latest video generation model, available to developers on the paid tier of the "
        "Gemini API.",
        None,
    ),
    (
        "Our state-of-the-art video generation model, available to developers on the paid "
        "tier of the Gemini API.",
        None,
    ),
    (
        "Our newest embeddings model, more stable and with higher rate limits than previous "
        "versions, available to developers on the free and paid tiers of the Gemini API.",
        "gemini-embedding-001",
    ),
    (
        "Gemini Robotics-ER, short for Gemini Robotics-Embodied Reasoning, is a thinking model "
        "that enhances robots' abilities to understand and interact with the physical world.",
        "gemini-robotics-er-1.5-preview",
    ),
    (
        "Our Computer Use model optimized for building browser control agents that automate tasks.",
        "gemini-2.5-computer-use-preview-10-2025",
    ),
    (
        "Our lightweight, state-of the art, open model built from the same technology that "
        "powers our Gemini models.",
        "gemma-3",
    ),
    (
        "Our open model built for efficient performance on everyday devices like mobile "
        "phones, laptops, and tablets.",
        "gemma-3n",
    ),
]
_PLAIN = ("", "text image video", "text image", "text")
_AUDIO = ("audio", "audio video")


@dataclass(frozen=True)
class RowKind:
    """The reading of one row label of a model table: the dimensions its amounts go to."""

    label: str  # the start of the row label
    plain: str  # dimension of amounts without an audio qualifier, and of "Not available"
    audio: str | None  # dimension of "(audio)" amounts


ROWS = (
    RowKind("input price", "input", "input_audio"),
    RowKind("output price", "output", "output_audio"),
    RowKind("context caching price", "cache_read", "cache_read_audio"),
    RowKind("context caching (storage)", "cache_storage", None),
    RowKind("image generation pricing", "image", None),
)
_UNIT_DIMENSIONS = {SourceUnit.PER_MTOK_HOUR: "cache_storage", SourceUnit.PER_IMAGE: "image"}


class GeminiPricingCollector(PageCollector):
    source_id = "gemini-pricing"
    name = "Gemini Developer API pricing"
    url = "https://ai.google.dev/pricing"
    mirror_glob = "pricing-pages/gfargo-token-tally/scripts/fixtures/gemini/pricing.md"
    # Sixteen sections with a per-1M-token table in the capture of 2025-10-08 (every entry
    # of SECTIONS with a model id).
    expectations = PageExpectations(
        min_models=16,
        counted_in="the model sections with a per-1M-token table",
        dimensions=frozenset(
            {"input", "output", "cache_read", "input_audio", "cache_storage", "image"}
        ),
    )

    def parse(self, document: RawDocument) -> ParsedDocument:
        header = read_reader_header(document, decode_text(document))
        page = parse_markdown(header.body)
        reader = CellReader(
            self.source_id, "google", document.location, cited_url=header.url_source
        )
        observations: list[Observation] = []
        seen: dict[str, int] = {}
        model: str | None = None
        for table in page.tables:
            _check_columns(table, reader)
            description = _description(table, reader)
            if description is None:
                continue  # the second table of a section, under a lost tab label
            occurrence = seen.get(description, 0)
            seen[description] = occurrence + 1
            model = _section_model(description, occurrence, table, reader)
            if model is not None:
                observations += _model_table(model, table, reader)
        missing = [d for d, _ in SECTIONS if d not in seen]
        if missing:
            raise SourceFormatError(document.location, "(sections)", missing, "every known section")
        return ParsedDocument(observations, stated_at=header.published_time)


def _check_columns(table: MarkdownTable, reader: CellReader) -> None:
    expected_paid = (PAID_TOKENS, *PAID_OTHER)
    valid = (
        len(table.header) == 3
        and table.header[0] == ""
        and fold(table.header[1]) == fold(FREE_COLUMN)
        and fold(table.header[2]) in {fold(p) for p in expected_paid}
    )
    if not valid:
        raise SourceFormatError(
            reader.location,
            f"table at line {table.line}",
            list(table.header),
            f"columns ['', {FREE_COLUMN!r}, one of {list(expected_paid)}]",
        )


def _description(table: MarkdownTable, reader: CellReader) -> str | None:
    """Return the known description above the table, or None for a section's second table."""
    known = {fold(d): d for d, _ in SECTIONS}
    for paragraph in table.before:
        if fold(paragraph) in known:
            return known[fold(paragraph)]
    if any(p.startswith("Our ") for p in table.before):
        raise SourceFormatError(
            reader.location,
            f"table at line {table.line}",
            list(table.before),
            "a section description in the page-name map",
        )
    return None


def _section_model(
    description: str, occurrence: int, table: MarkdownTable, reader: CellReader
) -> str | None:
    models = [model for text, model in SECTIONS if text == description]
    if occurrence >= len(models):
        raise SourceFormatError(
            reader.location,
            f"table at line {table.line}",
            description,
            f"at most {len(models)} section(s) with this description",
        )
    return models[occurrence]


def _model_table(model: str, table: MarkdownTable, reader: CellReader) -> list[Observation]:
    if fold(table.header[2]) != fold(PAID_TOKENS):
        raise SourceFormatError(
            reader.location, f"table at line {table.line}", table.header[2], repr(PAID_TOKENS)
        )
    observations: list[Observation] = []
    keys: set[tuple[str, str]] = set()
    for number, row in enumerate(table.rows, start=1):
        kind = next((k for k in ROWS if fold(row[0]).startswith(k.label)), None)
        if kind is None:
            continue
        path = f"table at line {table.line}, row {number} ({row[0]})"
        labels = (model, row[0], table.header[2])
        cell = reader.parse(row[2], path, currency="USD", unit=SourceUnit.PER_MTOK)
        if cell.state is not PriceState.PRICED:
            found = [
                reader.unpriced(
                    model, kind.plain, cell, labels, STANDARD, "USD", _unit_of(kind.plain)
                )
            ]
        else:
            found = [_part(model, kind, cell, part, labels, reader, path) for part in cell.parts]
        for observation in found:
            key = (observation.field, observation.conditions.key())
            if key in keys:
                raise SourceFormatError(reader.location, path, row[2], "one price per dimension")
            keys.add(key)
        observations += found
    return observations


def _part(
    model: str,
    kind: RowKind,
    cell: PriceCell,
    part: PricePart,
    labels: tuple[str, ...],
    reader: CellReader,
    path: str,
) -> Observation:
    dimension = _UNIT_DIMENSIONS.get(part.unit)
    if dimension is None:
        qualifier = fold(part.qualifier).replace("storage price", "").strip()
        if qualifier in _PLAIN:
            dimension = kind.plain
        elif qualifier in _AUDIO and kind.audio is not None:
            dimension = kind.audio
        else:
            raise SourceFormatError(reader.location, path, cell.text, "a known qualifier")
    if _unit_of(dimension) is not part.unit:
        raise SourceFormatError(reader.location, path, cell.text, f"a {dimension} price unit")
    return reader.priced(model, dimension, cell, part, labels)


def _unit_of(dimension: str) -> SourceUnit:
    if dimension == "cache_storage":
        return SourceUnit.PER_MTOK_HOUR
    if dimension == "image":
        return SourceUnit.PER_IMAGE
    return SourceUnit.PER_MTOK
