"""Anthropic's page names for its models, mapped to the API ids harga normalises.

Every Anthropic page writes models by display name ("Claude Sonnet 3.7"); the API ids come from
Anthropic's models overview ("claude-3-7-sonnet-20250219"), without the snapshot date. A name
missing here fails the run, so a new model is mapped by hand before its prices are published.
"""

from harga.collectors.base import SourceFormatError
from harga.collectors.pages.layout import fold

MODEL_IDS = {
    "Claude Opus 4.5": "claude-opus-4-5",
    "Claude Opus 4.1": "claude-opus-4-1",
    "Claude Opus 4": "claude-opus-4",
    "Claude Opus 3": "claude-3-opus",
    "Claude Sonnet 4.5": "claude-sonnet-4-5",
    "Claude Sonnet 4": "claude-sonnet-4",
    "Claude Sonnet 3.7": "claude-3-7-sonnet",
    "Claude Sonnet 3.5": "claude-3-5-sonnet",
    "Claude Sonnet 3": "claude-3-sonnet",
    "Claude Haiku 4.5": "claude-haiku-4-5",
    "Claude Haiku 3.5": "claude-3-5-haiku",
    "Claude Haiku 3": "claude-3-haiku",
}
_BY_FOLDED = {fold(name): model for name, model in MODEL_IDS.items()}
# Markers the pages put after a name; they do not change which model it is.
_MARKERS = ("(deprecated)",)


def model_id(name: str, location: str, path: str) -> str:
    """Map a page name such as "Claude Sonnet 3.7 (deprecated)" to "claude-3-7-sonnet"."""
    folded = fold(name)
    for marker in _MARKERS:
        folded = folded.removesuffix(marker).strip()
    try:
        return _BY_FOLDED[folded]
    except KeyError:
        raise SourceFormatError(
            location, path, name, "a Claude model named in the page-name map"
        ) from None
