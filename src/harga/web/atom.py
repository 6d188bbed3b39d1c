"""The change feed as an Atom 1.0 document (RFC 4287).

Nothing in the feed depends on the request's Host header, because the feed is cacheable and a
forged Host would otherwise reach every reader of the cached copy. Ids are `tag:` URIs
(RFC 4151), and links are relative to the site root unless a base URL is configured.
"""

from datetime import datetime
from xml.etree import ElementTree

from harga.api.schemas import ChangeList
from harga.domain.money import format_plain

ATOM = "http://www.w3.org/2005/Atom"
# Ids must never change once published, so they name neither the host nor the page layout.
TAG_PREFIX = "tag:harga.local,2026:"


def atom_feed(changes: ChangeList, base_url: str, updated: datetime) -> bytes:
    """Build the feed of the listed changes.

    `updated` is the feed's update time when no change has been recorded yet. `base_url`
    ("https://harga.example", or "" for links relative to the site root) prefixes every link.
    """
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", "harga: LLM API price changes")
    _text(feed, "id", f"{TAG_PREFIX}changes")
    if changes.items:
        updated = changes.items[0].detected_at
    _text(feed, "updated", updated.isoformat())
    _link(feed, f"{base_url}/changes.atom", "self", "application/atom+xml")
    _link(feed, f"{base_url}/changes", "alternate", "text/html")
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "harga")
    for change in changes.items:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"{TAG_PREFIX}change/{change.id}")
        _text(
            entry,
            "title",
            _title(
                change.model_id,
                change.seller,
                _dimension_text(change.dimension, change.conditions_key),
                change.before_amount,
                change.after_amount,
                change.after_state,
            ),
        )
        _text(entry, "updated", change.detected_at.isoformat())
        # The model page lists the change in its price history.
        _link(entry, f"{base_url}{change.url}#history", "alternate", "text/html")
        summary = (
            "held for review: a single source reports a jump of more than half"
            if (change.held_for_review)
            else f"scenario: {change.conditions_key or 'standard'}"
        )
        _text(entry, "summary", summary)
    return bytes(ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True))


def _text(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _link(parent: ElementTree.Element, href: str, rel: str, media_type: str) -> None:
    ElementTree.SubElement(
        parent, f"{{{ATOM}}}link", {"href": href, "rel": rel, "type": media_type}
    )


def _dimension_text(dimension: str, conditions_key: str) -> str:
    """Name the dimension with its scenario, so regional rows of one change stay apart."""
    return f"{dimension} [{conditions_key}]" if conditions_key else dimension


def _title(
    model: str, seller: str, dimension: str, before: object, after: object, state: str
) -> str:
    def shown(value: object) -> str:
        return format_plain(value) if value is not None else "none"  # type: ignore[arg-type]

    new = shown(after) if after is not None else state
    return f"{model} ({seller}) {dimension}: {shown(before)} → {new} USD"
