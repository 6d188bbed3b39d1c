"""Price text as pricing pages write it in a cell: amounts, currency, unit and prompt tiers.

`parse_price_text("$3 / $6 (>200K)", unit=SourceUnit.PER_MTOK)` returns two parts: 3 USD with no
tier and 6 USD for prompts above 200,000 tokens. The parser reads one cell at a time and never
guesses. Text it cannot read without guessing raises `PriceTextError` naming the text:

- a number whose one separator could be a decimal mark or a thousands separator (`1,234`), unless
  the caller names the page's decimal mark;
- an amount with no currency, or no unit, in the cell and none given by the caller;
- a currency in the cell that contradicts the caller's, or a `/ word` or `per word` unit that the
  parser does not know.

Readings that pages imply rather than spell out:

- `$` is US dollars, and `¥`, `￥` and `元` are Chinese yuan, because every page harga reads that
  uses them bills in those currencies. A page in Japanese yen would need its own reading.
- `K` and `M` after a token count are 1,000 and 1,000,000, as Anthropic's page spells out
  ("If the total exceeds 200,000 tokens") for its "200K" tier.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from harga.domain.conditions import Boundary
from harga.domain.money import SourceUnit
from harga.domain.states import PriceState


class PriceTextError(ValueError):
    """Cell text that is not a price the parser can read without guessing."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"cannot read price text {text!r}: {reason}")


@dataclass(frozen=True)
class PricePart:
    """One amount in a cell, with the currency, unit and tier the cell states for it."""

    amount: Decimal
    currency: str
    unit: SourceUnit
    literal: str  # the amount as written, with its currency symbol
    qualifier: str = ""  # the remaining words, such as "text / image / video"
    prompt_above: int | None = None  # the tier starts above (or at) this many prompt tokens
    prompt_boundary: Boundary = Boundary.ABOVE
    prompt_up_to: int | None = None  # the tier ends at this many prompt tokens, inclusive


@dataclass(frozen=True)
class PriceCell:
    """A parsed cell: `priced` with one or more parts, or `free`, or `not_offered`."""

    text: str
    state: PriceState
    parts: tuple[PricePart, ...] = ()

    def single(self) -> PricePart:
        """Return the only part; raise when the cell states several amounts."""
        if len(self.parts) != 1:
            raise PriceTextError(self.text, f"expected one amount, found {len(self.parts)}")
        return self.parts[0]


FREE_WORDS = frozenset({"free", "free of charge", "免费", "0"})
NOT_OFFERED_WORDS = frozenset(
    {"not available", "n/a", "na", "-", "—", "–", "不支持", "不可用", "unavailable"}
)

_CURRENCIES = {
    "US$": "USD",
    "$": "USD",
    "USD": "USD",
    "¥": "CNY",
    "元": "CNY",
    "CNY": "CNY",
    "RMB": "CNY",
    "€": "EUR",
    "EUR": "EUR",
}

# A number with optional thousands groups: `1,234.56`, `1.234,56`, `1 234,56`, `0.028`. The
# lookahead keeps `0.0375` from matching as the group `0.037`.
_NUMBER = r"(?:\d{1,3}(?:[,. ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d])"
_AMOUNT = re.compile(
    rf"(?P<pre>(?:US\$|\$|¥|€|USD|CNY|RMB|EUR)\s?)?(?P<number>{_NUMBER})"
    r"(?P<post>\s?(?:元|€|¥|(?:USD|CNY|RMB|EUR)\b))?"
)
_BARE_NUMBER = re.compile(rf"^{_NUMBER}$")

_UNIT_PATTERNS: list[tuple[re.Pattern[str], SourceUnit]] = [
    (re.compile(p, re.IGNORECASE), unit)
    for p, unit in [
        (r"(?:/|per)\s*(?:1\s*)?MTok\b", SourceUnit.PER_MTOK),
        (r"(?:/|per)\s*(?:1\s*)?M\s*tokens?\b", SourceUnit.PER_MTOK),
        (r"(?:/|per)\s*(?:1,000,000|one million|million)\s*tokens?\b", SourceUnit.PER_MTOK),
        (r"/?\s*百万\s*tokens?", SourceUnit.PER_MTOK),
        (r"/\s*M\b", SourceUnit.PER_MTOK),
        (r"(?:/|per)\s*(?:1\s*)?K\s*tokens?\b", SourceUnit.PER_KTOK),
        (r"(?:/|per)\s*(?:1,000|thousand)\s*tokens?\b", SourceUnit.PER_KTOK),
        (r"/?\s*千\s*tokens?", SourceUnit.PER_KTOK),
        (r"(?:/|per)\s*(?:1\s*K|1,000|1000|thousand)\s*requests?\b", SourceUnit.PER_KREQUEST),
        (
            r"(?:/|per)\s*(?:1\s*K|1,000|1000|thousand)\s*(?:calls?|searches|queries)\b",
            SourceUnit.PER_KCALL,
        ),
        (r"(?:/|per)\s*(?:request|req)\b", SourceUnit.PER_REQUEST),
        (r"/\s*次", SourceUnit.PER_REQUEST),
        (r"(?:/|per)\s*(?:call|search|query)\b", SourceUnit.PER_CALL),
        (r"(?:/|per)\s*image\b", SourceUnit.PER_IMAGE),
        (r"/\s*张", SourceUnit.PER_IMAGE),
        (r"(?:/|per)\s*(?:second|sec)\b", SourceUnit.PER_SECOND),
        (r"/\s*秒", SourceUnit.PER_SECOND),
        (r"(?:/|per)\s*minute\b", SourceUnit.PER_MINUTE),
        (r"/\s*分钟", SourceUnit.PER_MINUTE),
    ]
]
# Storage priced per 1M tokens per hour has its own unit; it is matched before the plain
# per-1M pattern so that "per hour" is never dropped.
_STORAGE_PATTERN = re.compile(
    r"(?:/|per)\s*(?:1,000,000|1\s*M|one million|million)\s*tokens?\s*per\s*hour", re.IGNORECASE
)
# A `/ word` or `per word` left after the known units are removed is a unit the parser does
# not know, so reading the amount with the caller's unit would be a guess.
_UNKNOWN_UNIT = re.compile(r"(?:^|[\s\d])(?:/|per\b)\s*[^\s$¥€/()\[\]]", re.IGNORECASE)

_TOKEN_COUNT = r"\d[\d,]*(?:\.\d+)?\s*[KkMm]?"
_COMPARISON = r"<=|>=|≤|≥|<|>"
_LOWER_FIRST = re.compile(
    rf"(?P<count>{_TOKEN_COUNT})\s*(?P<op>{_COMPARISON})\s*(?:[^\d\s<>≤≥=$¥€]+\s*)?"
    rf"(?=(?:{_COMPARISON}))"
)
_OP_FIRST = re.compile(
    rf"(?:prompts?\s*)?(?P<op>{_COMPARISON})\s*(?P<count>{_TOKEN_COUNT})(?:\s*tokens?)?",
    re.IGNORECASE,
)
_PARENTHESES = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")


def parse_price_text(
    text: str,
    *,
    currency: str | None = None,
    unit: SourceUnit | None = None,
    decimal_mark: str | None = None,
) -> PriceCell:
    """Parse one cell. `currency` and `unit` are what the table's headers state, if anything.

    A currency or unit written in the cell wins over `unit`, and a cell currency that differs
    from `currency` raises. `decimal_mark` is the page's decimal mark ("." or ","); without it
    a number is read only when its separators leave one reading.
    """
    clean = normalize_cell(text)
    if not clean:
        raise PriceTextError(text, "the cell is empty")
    folded = clean.casefold()
    if folded in FREE_WORDS or _is_zero(clean, currency):
        return PriceCell(text, PriceState.FREE)
    if folded in NOT_OFFERED_WORDS:
        return PriceCell(text, PriceState.NOT_OFFERED)
    segments = [s.strip() for s in re.split(r";", clean) if s.strip()]
    parts: list[PricePart] = []
    for segment in segments:
        parts.extend(_segment_parts(text, segment, currency, unit, decimal_mark))
    if not parts:
        raise PriceTextError(text, "no amount with a currency found")
    return PriceCell(text, PriceState.PRICED, tuple(parts))


def normalize_cell(text: str) -> str:
    """Fold full-width punctuation and spaces, drop escapes and trailing footnote marks."""
    clean = text.replace("\\$", "$").replace("￥", "¥").replace("\u200b", "")
    for wide, narrow in (("：", ":"), ("；", ";"), ("（", "("), ("）", ")"), ("，", ",")):
        clean = clean.replace(wide, narrow)
    clean = re.sub(r"[\s\u00a0\u202f]+", " ", clean).strip()
    while True:
        stripped = re.sub(r"(?:\*+|\[\d+\])$", "", clean).strip()
        if stripped == clean:
            return clean
        clean = stripped


def parse_number(literal: str, decimal_mark: str | None = None) -> Decimal:
    """Parse a number written with any thousands separator and either decimal mark.

    Raises `PriceTextError` when the text allows two readings and no `decimal_mark` is given,
    or when its separators contradict `decimal_mark` or leave groups that are not 3 digits.
    """
    text = literal.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if not text or not _BARE_NUMBER.match(text):
        raise PriceTextError(literal, "not a number")
    separators = [c for c in text if not c.isdigit()]
    if not separators:
        return _decimal(text, literal)
    kinds = list(dict.fromkeys(separators))
    if len(kinds) == 2:
        return _two_separators(text, literal, kinds, decimal_mark)
    separator = kinds[0]
    if separator == " ":
        return _grouped(text, literal, " ", None)
    if separators.count(separator) > 1:
        if decimal_mark == separator:
            reason = f"{separator!r} repeats, so it cannot be the decimal mark"
            raise PriceTextError(literal, reason)
        return _grouped(text, literal, separator, None)
    whole, fraction = text.split(separator)
    if decimal_mark is not None:
        if separator == decimal_mark:
            return _decimal(f"{whole}.{fraction}", literal)
        return _grouped(text, literal, separator, None)
    if len(fraction) != 3 or len(whole) > 3 or whole.startswith("0"):
        return _decimal(f"{whole}.{fraction}", literal)
    raise PriceTextError(
        literal,
        f"{separator!r} may be a decimal mark or a thousands separator; "
        "name the page's decimal mark",
    )


def _two_separators(text: str, literal: str, kinds: list[str], decimal_mark: str | None) -> Decimal:
    decimal_separator = text[max(text.rfind(k) for k in kinds)]
    group_separator = next(k for k in kinds if k != decimal_separator)
    if decimal_separator == " " or text.count(decimal_separator) != 1:
        raise PriceTextError(literal, "the decimal mark must appear once, after the groups")
    if decimal_mark is not None and decimal_separator != decimal_mark:
        reason = f"the decimal mark is {decimal_mark!r}, not the last separator"
        raise PriceTextError(literal, reason)
    return _grouped(text, literal, group_separator, decimal_separator)


def _grouped(text: str, literal: str, group: str, decimal_separator: str | None) -> Decimal:
    whole, fraction = text, ""
    if decimal_separator is not None:
        whole, fraction = text.split(decimal_separator)
    groups = whole.split(group)
    valid = (
        1 <= len(groups[0]) <= 3
        and not (groups[0].startswith("0") and len(groups) > 1)
        and all(len(g) == 3 for g in groups[1:])
    )
    if not valid:
        raise PriceTextError(literal, f"{group!r} does not separate groups of 3 digits")
    digits = "".join(groups)
    return _decimal(f"{digits}.{fraction}" if fraction else digits, literal)


def _decimal(text: str, literal: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise PriceTextError(literal, "not a number") from None
    if not value.is_finite():
        raise PriceTextError(literal, "not a finite number")
    return value


def _is_zero(clean: str, currency: str | None) -> bool:
    """Tell whether the cell is an explicit zero amount, such as `$0` or `0元`."""
    match = _AMOUNT.fullmatch(clean)
    if match is None or not (match.group("pre") or match.group("post") or currency):
        return False
    try:
        return parse_number(match.group("number")) == 0
    except PriceTextError:
        return False


def _segment_parts(
    text: str,
    segment: str,
    currency: str | None,
    unit: SourceUnit | None,
    decimal_mark: str | None,
) -> list[PricePart]:
    matches = [m for m in _AMOUNT.finditer(segment) if _is_money(m, segment)]
    if not matches:
        return _bare_part(text, segment, currency, unit, decimal_mark)
    parts = []
    for index, match in enumerate(matches):
        start = 0 if index == 0 else match.start()
        end = matches[index + 1].start() if index + 1 < len(matches) else len(segment)
        context = segment[start : match.start()] + " " + segment[match.end() : end]
        parts.append(_part(text, match, context, currency, unit, decimal_mark))
    return parts


def _is_money(match: re.Match[str], segment: str) -> bool:
    """Keep amounts that carry a currency and are not a token count such as `1M`."""
    if not (match.group("pre") or match.group("post")):
        return False
    following = segment[match.end() : match.end() + 1]
    return not (following.isalpha() and following.isascii())


def _bare_part(
    text: str,
    segment: str,
    currency: str | None,
    unit: SourceUnit | None,
    decimal_mark: str | None,
) -> list[PricePart]:
    """Read a cell that is a number alone, in the currency and unit its column header names."""
    stated_unit, rest = _take_unit(text, segment)
    number = rest.strip()
    if currency is None or not _BARE_NUMBER.match(number):
        raise PriceTextError(text, "no amount with a currency found")
    chosen_unit = stated_unit or unit
    if chosen_unit is None:
        raise PriceTextError(text, "no unit in the cell and none given by the table")
    amount = _amount(text, number, decimal_mark)
    return [PricePart(amount, currency, chosen_unit, number)]


def _part(
    text: str,
    match: re.Match[str],
    context: str,
    currency: str | None,
    unit: SourceUnit | None,
    decimal_mark: str | None,
) -> PricePart:
    stated = _currency_of(match)
    if stated is not None and currency is not None and stated != currency:
        raise PriceTextError(text, f"the cell is in {stated} but the table states {currency}")
    chosen_currency = stated or currency
    if chosen_currency is None:
        raise PriceTextError(text, "no currency in the cell and none given by the table")
    stated_unit, rest = _take_unit(text, context)
    chosen_unit = stated_unit or unit
    if chosen_unit is None:
        raise PriceTextError(text, "no unit in the cell and none given by the table")
    above, boundary, up_to, rest = _take_prompt_tier(text, rest)
    amount = _amount(text, match.group("number"), decimal_mark)
    return PricePart(
        amount=amount,
        currency=chosen_currency,
        unit=chosen_unit,
        literal=match.group(0).strip(),
        qualifier=_qualifier_words(rest),
        prompt_above=above,
        prompt_boundary=boundary,
        prompt_up_to=up_to,
    )


def _amount(text: str, number: str, decimal_mark: str | None) -> Decimal:
    try:
        return parse_number(number, decimal_mark)
    except PriceTextError as error:
        raise PriceTextError(text, f"{error.reason} in {number!r}") from None


def parse_prompt_range(text: str) -> tuple[int | None, Boundary, int | None]:
    """Read a prompt-size range written on its own, such as `8,192 < 长度 ≤ 32,768 tokens`.

    Returns the lower bound with its boundary and the inclusive upper bound; raises
    `PriceTextError` when the text states neither.
    """
    above, boundary, up_to, _ = _take_prompt_tier(text, normalize_cell(text))
    if above is None and up_to is None:
        raise PriceTextError(text, "no prompt-size bound found")
    return above, boundary, up_to


def _currency_of(match: re.Match[str]) -> str | None:
    marks = [m.strip() for m in (match.group("pre"), match.group("post")) if m and m.strip()]
    currencies = {_CURRENCIES[m] for m in marks}
    if len(currencies) > 1:
        raise PriceTextError(match.group(0), f"two currencies in one amount: {sorted(currencies)}")
    return currencies.pop() if currencies else None


def _take_unit(text: str, context: str) -> tuple[SourceUnit | None, str]:
    """Remove the unit phrase outside parentheses; return the unit and the remaining text."""
    outside = _PARENTHESES.sub(" ", context)
    inside = " ".join(a or b for a, b in _PARENTHESES.findall(context))
    if _STORAGE_PATTERN.search(outside):
        rest = _STORAGE_PATTERN.sub(" ", outside)
        return SourceUnit.PER_MTOK_HOUR, _check_no_unknown_unit(text, rest) + " " + inside
    for pattern, unit in _UNIT_PATTERNS:
        if pattern.search(outside):
            rest = pattern.sub(" ", outside, count=1)
            return unit, _check_no_unknown_unit(text, rest) + " " + inside
    return None, _check_no_unknown_unit(text, outside) + " " + inside


def _check_no_unknown_unit(text: str, rest: str) -> str:
    match = _UNKNOWN_UNIT.search(rest)
    if match is not None:
        raise PriceTextError(text, f"unknown unit {rest[match.start() :].strip()!r}")
    return rest


def _take_prompt_tier(text: str, rest: str) -> tuple[int | None, Boundary, int | None, str]:
    """Read prompt-size bounds such as `> 200K`, `<= 200k tokens` or `8,192 < 长度 ≤ 32,768`."""
    above: int | None = None
    boundary = Boundary.ABOVE
    up_to: int | None = None
    for match in _LOWER_FIRST.finditer(rest):
        count, op = _token_count(text, match.group("count")), match.group("op")
        if op in ("<", "<="):
            above = count
            boundary = Boundary.ABOVE if op == "<" else Boundary.AT_OR_ABOVE
        else:
            raise PriceTextError(text, f"a bound written as {match.group(0)!r} is not a tier")
    rest = _LOWER_FIRST.sub(" ", rest)
    for match in _OP_FIRST.finditer(rest):
        count, op = _token_count(text, match.group("count")), match.group("op")
        if op in (">", ">=", "≥"):
            above = count
            boundary = Boundary.ABOVE if op == ">" else Boundary.AT_OR_ABOVE
        elif op in ("<=", "≤"):
            up_to = count
        else:
            up_to = count - 1
    return above, boundary, up_to, _OP_FIRST.sub(" ", rest)


def _token_count(text: str, written: str) -> int:
    compact = written.replace(" ", "")
    scale = {"k": 1_000, "m": 1_000_000}.get(compact[-1].lower(), 1)
    digits = compact[:-1] if scale != 1 else compact
    value = _decimal(digits.replace(",", ""), text) * scale
    if value != value.to_integral_value():
        raise PriceTextError(text, f"{written!r} is not a whole number of tokens")
    return int(value)


def _qualifier_words(rest: str) -> str:
    words = re.sub(r"[,:/()\[\]+]|\bthen\b", " ", rest)
    return re.sub(r"\s+", " ", words).strip()
