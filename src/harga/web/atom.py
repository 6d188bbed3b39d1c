"""The change feed as an Atom 1.0 document (RFC 4287)."""

from datetime import UTC, datetime
from xml.etree import ElementTree

from harga.api.schemas import ChangeList
from harga.domain.money import format_plain

ATOM = "http://www.w3.org/2005/Atom"


def atom_feed(changes: ChangeList, base_url: str) -> bytes:
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", "harga: LLM API price changes")
    _text(feed, "id", f"{base_url}/changes")
    updated = changes.items[0].detected_at if changes.items else datetime.now(UTC)
    _text(feed, "updated", updated.isoformat())
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", href=f"{base_url}/changes.atom", rel="self")
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "harga")
    for change in changes.items:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"{base_url}/changes/{change.id}")
        _text(
            entry,
            "title",
            _title(
                change.model_id,
                change.seller,
                change.dimension,
                change.before_amount,
                change.after_amount,
                change.after_state,
            ),
        )
        _text(entry, "updated", change.detected_at.isoformat())
        ElementTree.SubElement(entry, f"{{{ATOM}}}link", href=f"{base_url}{change.url}")
        summary = (
            "held for review: a single source reports a jump of more than half"
            if (change.held_for_review)
            else f"scenario: {change.conditions_key or 'standard'}"
        )
        _text(entry, "summary", summary)
    return bytes(ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True))


def _text(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _title(
    model: str, seller: str, dimension: str, before: object, after: object, state: str
) -> str:
    def shown(value: object) -> str:
        return format_plain(value) if value is not None else "none"  # type: ignore[arg-type]

    new = shown(after) if after is not None else state
    return f"{model} ({seller}) {dimension}: {shown(before)} → {new} USD"
