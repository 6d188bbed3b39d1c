"""ECB euro foreign exchange reference rates, the daily history as the ECB publishes it.

The zip contains one CSV: a `Date` column, then one column per currency with units per 1 EUR,
`N/A` for currencies the ECB no longer quotes and a trailing comma on every line. harga keeps
the currencies it converts prices into (USD, CNY, IDR) from `FIRST_DAY` on; EUR is the base.
"""

import csv
import io
import zipfile
import zlib
from datetime import date

from harga.collectors.base import (
    Collector,
    DocumentRef,
    ParsedDocument,
    RawDocument,
    SourceFormatError,
    SourceKind,
)
from harga.domain.money import InvalidAmount, parse_decimal
from harga.domain.observation import Observation, fx_rate

SOURCE_ID = "ecb"
CURRENCIES = ("USD", "CNY", "IDR")
# Prices in harga's sources start in 2023; earlier rates would only add rows.
FIRST_DAY = date(2020, 1, 1)


class EcbCollector(Collector):
    source_id = SOURCE_ID
    name = "ECB euro reference rates"
    kind = SourceKind.FX
    homepage = (
        "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/"
    )

    def documents(self) -> list[DocumentRef]:
        return [
            DocumentRef(
                "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip",
                "currency/ecb-*/eurofxref-hist.zip",
            )
        ]

    def parse(self, document: RawDocument) -> ParsedDocument:
        rows = _csv_rows(document)
        header = rows[0]
        columns = _columns(header, document)
        observations: list[Observation] = []
        for line, row in enumerate(rows[1:], start=2):
            day = _day(row, line, document)
            if day < FIRST_DAY:
                continue
            observations.extend(_rates(row, columns, day, line, document))
        return ParsedDocument(observations)

    def validate(self, parsed: list[ParsedDocument]) -> None:
        quoted = {o.field for p in parsed for o in p.observations}
        missing = sorted(set(CURRENCIES) - quoted)
        if missing:
            raise SourceFormatError(SOURCE_ID, "(all rows)", missing, "a rate for every currency")


def _csv_rows(document: RawDocument) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(document.content)) as archive:
            names = [n for n in archive.namelist() if n.endswith(".csv")]
            if len(names) != 1:
                raise SourceFormatError(document.location, "(zip)", names, "exactly one CSV member")
            text = archive.read(names[0]).decode("ascii")
    except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError) as error:
        raise SourceFormatError(
            document.location, "(zip)", str(error), "a zip of ASCII CSV"
        ) from None
    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    if not rows:
        raise SourceFormatError(document.location, "line 1", "", "a header line")
    return rows


def _columns(header: list[str], document: RawDocument) -> dict[str, int]:
    names = [name.strip() for name in header]
    if not names or names[0] != "Date":
        raise SourceFormatError(document.location, "line 1 column 1", header[:1], "'Date'")
    positions = {name: index for index, name in enumerate(names)}
    missing = [c for c in CURRENCIES if c not in positions]
    if missing:
        raise SourceFormatError(document.location, "line 1", missing, "columns for USD, CNY, IDR")
    return {currency: positions[currency] for currency in CURRENCIES}


def _day(row: list[str], line: int, document: RawDocument) -> date:
    try:
        return date.fromisoformat(row[0].strip())
    except ValueError:
        raise SourceFormatError(
            document.location, f"line {line} column 1", row[0], "an ISO date"
        ) from None


def _rates(
    row: list[str], columns: dict[str, int], day: date, line: int, document: RawDocument
) -> list[Observation]:
    result = []
    for currency, index in columns.items():
        text = row[index].strip() if index < len(row) else ""
        if text == "N/A":
            continue
        try:
            rate = parse_decimal(text)
        except InvalidAmount:
            path = f"line {line} column {currency}"
            raise SourceFormatError(document.location, path, text, "a decimal rate") from None
        if rate <= 0:
            raise SourceFormatError(
                document.location, f"line {line} column {currency}", text, "a positive rate"
            )
        excerpt = f"{day.isoformat()}, {currency}: {text}"
        result.append(fx_rate(SOURCE_ID, currency, text, rate, day, excerpt))
    return result
