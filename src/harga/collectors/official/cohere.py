"""Cohere's pricing page, a reader capture (r.jina.ai style).

The capture has no price table. Prices remain in two FAQ entries, one sentence per model:
"Command pricing is $1.00/1M tokens for input and $2.00/1M tokens for output" under "Where do I
find pricing for our legacy models?", and the Aya Expanse sentence under "What is the cost for
accessing the research Aya models via the API?". The capture indents the legacy list as a code
block, so both paragraphs and code lines are read. Each sentence is matched alone, never the
file as a whole.

NOTE: the capture states no price for the current models (Command A, Embed, Rerank), so this
source has legacy and Aya prices only.
"""

import re
from dataclasses import replace

from harga.collectors.base import ParsedDocument, RawDocument, SourceFormatError
from harga.collectors.pages.layout import CellReader, PageCollector, PageExpectations, fold
from harga.collectors.pages.markdown import (
    MarkdownPage,
    decode_text,
    parse_markdown,
    read_reader_header,
)
from harga.domain.observation import Observation

LEGACY_HEADING = "Where do I find pricing for our legacy models?"
AYA_HEADING = "What is the cost for accessing the research Aya models via the API?"
_LEGACY = re.compile(
    r"^(?P<name>.+?) pricing is (?P<input>.+?) for input and (?P<output>.+?) for output\.?$"
)
_AYA = re.compile(
    r"^(?P<name>Aya Expanse models \(8B and 32B\)) on the API are charged at "
    r"(?P<input>.+?) for input and (?P<output>.+?) for output\."
)
MODEL_IDS = {
    "Command": ("command",),
    "Command-light": ("command-light",),
    "Command R 03-2024": ("command-r-03-2024",),
    "Command R+ 04-2024": ("command-r-plus-04-2024",),
    "Command R+ 08-2024": ("command-r-plus-08-2024",),
    "Aya Expanse models (8B and 32B)": ("aya-expanse-8b", "aya-expanse-32b"),
}
_BY_FOLDED = {fold(name): models for name, models in MODEL_IDS.items()}


class CoherePricingCollector(PageCollector):
    source_id = "cohere-pricing"
    name = "Cohere pricing"
    url = "https://cohere.com/pricing"
    mirror_glob = "pricing-pages/gfargo-token-tally/scripts/fixtures/cohere/pricing.md"
    # Five legacy Command sentences and one Aya sentence naming two models (October 2025).
    expectations = PageExpectations(min_models=7, counted_in="the FAQ's legacy and Aya answers")

    def parse(self, document: RawDocument) -> ParsedDocument:
        header = read_reader_header(document, decode_text(document))
        page = parse_markdown(header.body)
        reader = CellReader(
            self.source_id, "cohere", document.location, cited_url=header.url_source
        )
        observations: list[Observation] = []
        for heading, pattern in ((LEGACY_HEADING, _LEGACY), (AYA_HEADING, _AYA)):
            sentences = _sentences(page, heading)
            if not sentences:
                raise SourceFormatError(
                    document.location, f"answer under {heading!r}", 0, "price sentences"
                )
            for line, sentence in sentences:
                match = pattern.match(sentence)
                if match is not None:
                    found = _prices(match, reader, f"line {line}")
                    observations += [replace(o, excerpt=f"{heading} | {sentence}") for o in found]
        return ParsedDocument(observations, stated_at=header.published_time)


def _sentences(page: MarkdownPage, heading: str) -> list[tuple[int, str]]:
    """Return the sentences under the FAQ heading `heading`, one per paragraph or code line."""
    sentences = []
    for block in page.blocks:
        if not block.headings or fold(block.headings[-1]) != fold(heading):
            continue
        if block.kind == "code":
            for offset, line in enumerate(block.text.splitlines()):
                text = line.strip().removeprefix("*").strip()
                if text:
                    sentences.append((block.line + offset, text))
        else:
            sentences.append((block.line, block.text))
    return sentences


def _prices(match: re.Match[str], reader: CellReader, path: str) -> list[Observation]:
    name = match.group("name")
    models = _BY_FOLDED.get(fold(name))
    if models is None:
        raise SourceFormatError(reader.location, path, name, "a model named in the page-name map")
    observations = []
    for dimension in ("input", "output"):
        cell = reader.parse(match.group(dimension), path, currency="USD")
        for model in models:
            observations.append(
                reader.priced(model, dimension, cell, cell.single(), (name, dimension))
            )
    return observations
