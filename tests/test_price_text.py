"""The price text parser on real cells from the official pages, written cases and properties."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harga.collectors.pages.price_text import (
    PriceTextError,
    parse_number,
    parse_price_text,
    parse_prompt_range,
)
from harga.domain.conditions import Boundary
from harga.domain.money import SourceUnit
from harga.domain.states import PriceState

MTOK = SourceUnit.PER_MTOK
D = Decimal

# (cell text as the page writes it, currency and unit the table's headers give, expected parts
# as (amount, currency, unit, qualifier, prompt_above, prompt_up_to)).
REAL_CELLS = [
    # claude.com/pricing cards (the unit is in the cell)
    ("$15 / MTok", None, None, [(D(15), "USD", MTOK, "", None, None)]),
    ("$22.50 / MTok", None, None, [(D("22.50"), "USD", MTOK, "", None, None)]),
    ("$0.30 / MTok", None, None, [(D("0.30"), "USD", MTOK, "", None, None)]),
    # Anthropic docs, English and Chinese
    ("$6.25 / MTok", None, None, [(D("6.25"), "USD", MTOK, "", None, None)]),
    ("$1.6 / MTok", None, None, [(D("1.6"), "USD", MTOK, "", None, None)]),
    ("$0.03 / MTok", None, None, [(D("0.03"), "USD", MTOK, "", None, None)]),
    ("Input: $6 / MTok", None, None, [(D(6), "USD", MTOK, "Input", None, None)]),
    ("Output: $22.50 / MTok", None, None, [(D("22.50"), "USD", MTOK, "Output", None, None)]),
    ("输入：$3 / MTok", None, None, [(D(3), "USD", MTOK, "输入", None, None)]),
    ("输出：$22.50 / MTok", None, None, [(D("22.50"), "USD", MTOK, "输出", None, None)]),
    # OpenAI pricing (the unit is in the section: "Prices per 1M tokens.")
    ("$0.875", "USD", MTOK, [(D("0.875"), "USD", MTOK, "", None, None)]),
    ("$0.0875", "USD", MTOK, [(D("0.0875"), "USD", MTOK, "", None, None)]),
    ("$7.00", "USD", MTOK, [(D("7.00"), "USD", MTOK, "", None, None)]),
    ("$168.00", "USD", MTOK, [(D("168.00"), "USD", MTOK, "", None, None)]),
    ("$2.125", "USD", MTOK, [(D("2.125"), "USD", MTOK, "", None, None)]),
    ("$0.006 / minute", None, None, [(D("0.006"), "USD", SourceUnit.PER_MINUTE, "", None, None)]),
    (
        "$10.00 / 1k calls + search content tokens billed at model rates",
        None,
        None,
        [
            (
                D("10.00"),
                "USD",
                SourceUnit.PER_KCALL,
                "search content tokens billed at model rates",
                None,
                None,
            )
        ],
    ),
    ("$2.50 / 1k calls", None, None, [(D("2.50"), "USD", SourceUnit.PER_KCALL, "", None, None)]),
    # Gemini pricing (the Paid Tier header says "per 1M tokens in USD")
    (
        "$1.25, prompts <= 200k tokens $2.50, prompts > 200k tokens",
        "USD",
        MTOK,
        [(D("1.25"), "USD", MTOK, "", None, 200_000), (D("2.50"), "USD", MTOK, "", 200_000, None)],
    ),
    (
        "$1.25, prompts <= 200k tokens $2.50, prompts > 200k token",
        "USD",
        MTOK,
        [(D("1.25"), "USD", MTOK, "", None, 200_000), (D("2.50"), "USD", MTOK, "", 200_000, None)],
    ),
    (
        "$0.30 (text / image / video) $1.00 (audio)",
        "USD",
        MTOK,
        [
            (D("0.30"), "USD", MTOK, "text image video", None, None),
            (D("1.00"), "USD", MTOK, "audio", None, None),
        ],
    ),
    (
        "$0.125, prompts <= 200k tokens $0.25, prompts > 200k $4.50 / 1,000,000 tokens per hour "
        "(storage price)",
        "USD",
        MTOK,
        [
            (D("0.125"), "USD", MTOK, "", None, 200_000),
            (D("0.25"), "USD", MTOK, "", 200_000, None),
            (D("4.50"), "USD", SourceUnit.PER_MTOK_HOUR, "storage price", None, None),
        ],
    ),
    (
        "$0.025 / 1,000,000 tokens (text/image/video) $0.175 / 1,000,000 tokens (audio)",
        "USD",
        MTOK,
        [
            (D("0.025"), "USD", MTOK, "text image video", None, None),
            (D("0.175"), "USD", MTOK, "audio", None, None),
        ],
    ),
    (
        "$1.00 / 1,000,000 tokens per hour",
        "USD",
        MTOK,
        [(D("1.00"), "USD", SourceUnit.PER_MTOK_HOUR, "", None, None)],
    ),
    ("$0.039 per image*", "USD", MTOK, [(D("0.039"), "USD", SourceUnit.PER_IMAGE, "", None, None)]),
    ("$0.0375", "USD", MTOK, [(D("0.0375"), "USD", MTOK, "", None, None)]),
    (
        "1,500 RPD (free), then $35 / 1,000 requests",
        "USD",
        MTOK,
        [(D(35), "USD", SourceUnit.PER_KREQUEST, "1 500 RPD free", None, None)],
    ),
    # DeepSeek, English (USD) and Chinese (CNY)
    ("$0.028", "USD", MTOK, [(D("0.028"), "USD", MTOK, "", None, None)]),
    ("$0.42", "USD", MTOK, [(D("0.42"), "USD", MTOK, "", None, None)]),
    ("0.2元", "CNY", MTOK, [(D("0.2"), "CNY", MTOK, "", None, None)]),
    ("2元", "CNY", MTOK, [(D(2), "CNY", MTOK, "", None, None)]),
    ("3元", "CNY", MTOK, [(D(3), "CNY", MTOK, "", None, None)]),
    # Moonshot (CNY, full-width yen sign)
    ("￥1.00", "CNY", MTOK, [(D("1.00"), "CNY", MTOK, "", None, None)]),
    ("￥58.00", "CNY", MTOK, [(D("58.00"), "CNY", MTOK, "", None, None)]),
    # MiniMax: the international page in the cell, the China page in the header
    ("\\$0.3 / M tokens", None, None, [(D("0.3"), "USD", MTOK, "", None, None)]),
    ("$0.375 / M tokens", None, None, [(D("0.375"), "USD", MTOK, "", None, None)]),
    (
        "\\$0.0035 per image",
        None,
        None,
        [(D("0.0035"), "USD", SourceUnit.PER_IMAGE, "", None, None)],
    ),
    ("2.625", "CNY", MTOK, [(D("2.625"), "CNY", MTOK, "", None, None)]),
    (
        "0.025",
        "CNY",
        SourceUnit.PER_IMAGE,
        [(D("0.025"), "CNY", SourceUnit.PER_IMAGE, "", None, None)],
    ),
    # Perplexity ("Input Tokens ($/1M)", "Search Queries ($/1K)") and xAI tool prices
    ("$1", "USD", MTOK, [(D(1), "USD", MTOK, "", None, None)]),
    ("$5", "USD", SourceUnit.PER_KCALL, [(D(5), "USD", SourceUnit.PER_KCALL, "", None, None)]),
    (
        "$2.50",
        "USD",
        SourceUnit.PER_KCALL,
        [(D("2.50"), "USD", SourceUnit.PER_KCALL, "", None, None)],
    ),
    # Cohere's FAQ sentences
    ("$1.00/1M tokens", None, None, [(D("1.00"), "USD", MTOK, "", None, None)]),
    ("$15.00/1M tokens", None, None, [(D("15.00"), "USD", MTOK, "", None, None)]),
]

REAL_UNPRICED = [
    ("Free of charge", PriceState.FREE),  # Gemini, Free Tier column
    ("Not available", PriceState.NOT_OFFERED),  # Gemini
    ("-", PriceState.NOT_OFFERED),  # OpenAI, Perplexity
    ("不支持", PriceState.NOT_OFFERED),  # DeepSeek (Chinese), FIM completion row
]

WRITTEN_CELLS = [
    ("1.234,56 €", MTOK, (D("1234.56"), "EUR")),
    ("1 234,56 EUR", MTOK, (D("1234.56"), "EUR")),
    ("1,234.56 USD", MTOK, (D("1234.56"), "USD")),
    ("US$1,234.56", MTOK, (D("1234.56"), "USD")),
    ("12,50 €", MTOK, (D("12.50"), "EUR")),
    ("€ 0,75", MTOK, (D("0.75"), "EUR")),
    ("RMB 12", MTOK, (D(12), "CNY")),
    ("CNY 0.8", MTOK, (D("0.8"), "CNY")),
    ("1 234 567,5 ¥", MTOK, (D("1234567.5"), "CNY")),
    ("0,002 €", MTOK, (D("0.002"), "EUR")),
]


def _parts(cell):  # type: ignore[no-untyped-def]
    return [
        (p.amount, p.currency, p.unit, p.qualifier, p.prompt_above, p.prompt_up_to)
        for p in cell.parts
    ]


def test_table_has_forty_real_cells() -> None:
    assert len(REAL_CELLS) + len(REAL_UNPRICED) >= 40


@pytest.mark.parametrize(("text", "currency", "unit", "expected"), REAL_CELLS)
def test_real_cell_parses(
    text: str, currency: str | None, unit: SourceUnit | None, expected: list[tuple[object, ...]]
) -> None:
    # Every page read here writes a decimal point, as the collectors tell the parser; without
    # it a cell such as "$2.125" has two readings.
    cell = parse_price_text(text, currency=currency, unit=unit, decimal_mark=".")

    assert cell.state is PriceState.PRICED
    assert _parts(cell) == expected
    assert [str(p.amount) for p in cell.parts] == [str(e[0]) for e in expected]


@pytest.mark.parametrize(("text", "state"), REAL_UNPRICED)
def test_real_unpriced_cell(text: str, state: PriceState) -> None:
    cell = parse_price_text(text, currency="USD", unit=MTOK)

    assert cell.state is state
    assert cell.parts == ()


@pytest.mark.parametrize(("text", "unit", "expected"), WRITTEN_CELLS)
def test_written_separators_and_symbols(
    text: str, unit: SourceUnit, expected: tuple[Decimal, str]
) -> None:
    part = parse_price_text(text, unit=unit).single()

    assert (part.amount, part.currency) == expected


def test_tiers_written_in_one_cell() -> None:
    slash = parse_price_text("$3 / $6 (>200K)", unit=MTOK)
    labelled = parse_price_text("≤200K: $1.25; >200K: $2.50", unit=MTOK)

    assert _parts(slash) == [
        (D(3), "USD", MTOK, "", None, None),
        (D(6), "USD", MTOK, "", 200_000, None),
    ]
    assert _parts(labelled) == [
        (D("1.25"), "USD", MTOK, "", None, 200_000),
        (D("2.50"), "USD", MTOK, "", 200_000, None),
    ]
    assert slash.parts[1].prompt_boundary is Boundary.ABOVE


def test_chinese_units_and_free_word() -> None:
    per_thousand = parse_price_text("5 元/千 tokens").single()
    per_million = parse_price_text("0.5元/百万tokens").single()

    assert (per_thousand.amount, per_thousand.unit) == (D(5), SourceUnit.PER_KTOK)
    assert (per_million.amount, per_million.unit) == (D("0.5"), MTOK)
    assert parse_price_text("免费").state is PriceState.FREE
    assert parse_price_text("$0", unit=MTOK).state is PriceState.FREE
    assert parse_price_text("N/A").state is PriceState.NOT_OFFERED
    assert parse_price_text("—").state is PriceState.NOT_OFFERED


def test_per_thousand_tokens_unit() -> None:
    part = parse_price_text("$0.002 / 1K tokens").single()

    assert (part.amount, part.unit) == (D("0.002"), SourceUnit.PER_KTOK)


@pytest.mark.parametrize(
    ("text", "kwargs", "reason"),
    [
        ("$1,234", {"unit": MTOK}, "may be a decimal mark or a thousands separator"),
        ("$2.125", {"unit": MTOK}, "may be a decimal mark or a thousands separator"),
        ("1.234 €", {"unit": MTOK}, "may be a decimal mark or a thousands separator"),
        ("$1,5", {"unit": MTOK, "decimal_mark": "."}, "does not separate groups of 3 digits"),
        ("1.234,56 €", {"unit": MTOK, "decimal_mark": "."}, "the decimal mark is '.'"),
        ("12", {"unit": MTOK}, "no amount with a currency"),
        ("$5", {}, "no unit in the cell"),
        ("¥5", {"unit": MTOK, "currency": "USD"}, "the cell is in CNY but the table states USD"),
        ("$5 ¥", {"unit": MTOK}, "two currencies"),
        # Real cells whose unit harga has no reading for: OpenAI's fine-tuning and storage.
        ("$100.00 / hour", {"unit": MTOK}, "unknown unit '/ hour'"),
        ("$0.10 / GB per day (1GB free)", {"unit": MTOK}, "unknown unit"),
        ("", {"unit": MTOK}, "the cell is empty"),
    ],
)
def test_unreadable_text_names_it(text: str, kwargs: dict[str, object], reason: str) -> None:
    with pytest.raises(PriceTextError) as error:
        parse_price_text(text, **kwargs)  # type: ignore[arg-type]

    assert reason in str(error.value)
    assert repr(text) in str(error.value)


def test_prompt_range_bounds() -> None:
    assert parse_prompt_range("8,192 < 长度 ≤ 32,768 tokens") == (8_192, Boundary.ABOVE, 32_768)
    assert parse_prompt_range("≤ 8,192 tokens") == (None, Boundary.ABOVE, 8_192)
    assert parse_prompt_range("Prompts > 200K tokens") == (200_000, Boundary.ABOVE, None)
    assert parse_prompt_range("≥ 1M tokens") == (1_000_000, Boundary.AT_OR_ABOVE, None)
    with pytest.raises(PriceTextError):
        parse_prompt_range("Input")


def _grouped(value: Decimal, group: str, mark: str) -> str:
    whole, _, fraction = f"{value:f}".partition(".")
    chunks = []
    while len(whole) > 3:
        chunks.insert(0, whole[-3:])
        whole = whole[:-3]
    chunks.insert(0, whole)
    text = group.join(chunks)
    return f"{text}{mark}{fraction}" if fraction else text


CONVENTIONS = st.sampled_from(
    [(",", "."), (".", ","), (" ", ","), (" ", "."), ("", "."), ("", ",")]
)
AMOUNTS = st.integers(min_value=0, max_value=6).flatmap(
    lambda places: st.decimals(
        min_value=Decimal(0),
        max_value=Decimal(10**9),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )
)


@given(AMOUNTS, CONVENTIONS, st.sampled_from(["${}", "{} €", "{}元", "US${}", "¥{}"]))
def test_formatted_price_round_trips(
    value: Decimal, convention: tuple[str, str], template: str
) -> None:
    group, mark = convention
    text = template.format(_grouped(value, group, mark))

    cell = parse_price_text(text, unit=MTOK, decimal_mark=mark)

    if value == 0:
        assert cell.state is PriceState.FREE
    else:
        assert cell.single().amount == value


@given(AMOUNTS, CONVENTIONS)
def test_number_without_mark_never_wrong(value: Decimal, convention: tuple[str, str]) -> None:
    group, mark = convention
    text = _grouped(value, group, mark)

    try:
        parsed = parse_number(text)
    except PriceTextError:
        return
    assert parsed == value


@given(st.text(max_size=40))
def test_any_text_parses_or_raises_price_error(text: str) -> None:
    try:
        cell = parse_price_text(text, currency="USD", unit=MTOK)
    except PriceTextError:
        return
    assert cell.state in (PriceState.PRICED, PriceState.FREE, PriceState.NOT_OFFERED)
