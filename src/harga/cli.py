"""The `harga` command line: thin commands over the library."""

import json
import logging
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from harga.collectors import NoSuchSource, select_collectors
from harga.domain.money import format_plain
from harga.pipeline.lock import RunLocked
from harga.pipeline.runner import run_collection
from harga.pricing import (
    PriceResult,
    PricingError,
    UnrecognisedResponse,
    Usage,
    extract_usage,
    price_usage,
)
from harga.pricing.load import load_price_book
from harga.pricing.text import format_result
from harga.reconcile.fx import Conversion, FxTable
from harga.settings import Settings
from harga.storage.engine import make_engine, make_sessionmaker
from harga.storage.migrate import upgrade
from harga.storage.publish import load_fx


def _settings(database_url: str | None, mirror: Path | None = None) -> Settings:
    settings = Settings.from_env()
    return Settings(
        database_url=database_url or settings.database_url,
        mirror=mirror if mirror is not None else settings.mirror,
    )


database_option = click.option(
    "--database-url",
    envvar="HARGA_DATABASE_URL",
    help="SQLAlchemy URL of the database [default: sqlite:///harga.db, or HARGA_DATABASE_URL].",
)


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log at DEBUG level instead of INFO.")
def main(verbose: bool) -> None:
    """harga: public LLM API prices with the evidence behind every number."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)


@main.command()
@database_option
@click.option(
    "--mirror",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    envvar="HARGA_MIRROR",
    help="Read each source's file from this folder instead of its live URL [or HARGA_MIRROR].",
)
@click.option(
    "--source", "sources", multiple=True, help="Collect only this source id; repeat for more."
)
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on stderr.")
def collect(
    database_url: str | None, mirror: Path | None, sources: tuple[str, ...], progress: bool
) -> None:
    """Collect every source, then publish prices, facts and discrepancies.

    Exits with status 1 when any source failed; failed sources keep their last good facts.
    """
    settings = _settings(database_url, mirror)
    try:
        collectors = select_collectors(list(sources))
    except NoSuchSource as error:
        raise click.BadParameter(str(error.args[0]), param_hint="--source") from None
    engine = make_engine(settings.database_url)
    bar = tqdm(total=len(collectors), desc="collect", unit="source", disable=not progress)

    def advance(source: str) -> None:
        bar.set_postfix_str(source)
        bar.update()

    try:
        upgrade(engine)
        report = run_collection(
            make_sessionmaker(engine), collectors, settings.mirror, on_source_done=advance
        )
    except RunLocked as error:
        raise click.ClickException(str(error)) from None
    finally:
        bar.close()
        engine.dispose()
    for failure in report.failed:
        click.echo(f"source {failure.source} failed: {failure.error}", err=True)
    if report.failed:
        sys.exit(1)


@main.command()
@database_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="TCP port to listen on.")
def serve(database_url: str | None, host: str, port: int) -> None:
    """Serve the site and the JSON API from the existing database, without collecting."""
    import uvicorn

    from harga.app import create_app

    settings = _settings(database_url)
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        uvicorn.run(create_app(engine), host=host, port=port, log_level="info")
    finally:
        engine.dispose()


@main.command()
@database_option
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["csv", "json", "litellm"]),
    default="csv",
    show_default=True,
    help="csv and json: every published price; litellm: official prices in LiteLLM's map shape.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write [default: standard output].",
)
def export(database_url: str | None, export_format: str, output: Path | None) -> None:
    """Export the published prices."""
    from datetime import UTC, datetime

    from harga.storage.feeds import export_rows, model_limits
    from harga.views.exports import to_csv, to_json, to_litellm_map

    settings = _settings(database_url)
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        with make_sessionmaker(engine)() as session:
            rows = export_rows(session)
            if export_format == "csv":
                text = to_csv(rows)
            elif export_format == "json":
                text = to_json(rows, datetime.now(UTC).isoformat())
            else:
                text = to_litellm_map(rows, model_limits(session))
    finally:
        engine.dispose()
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@main.command()
@click.argument("model", required=False)
@click.option(
    "--response",
    "response_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the usage, model and service tier from this saved JSON response body "
    "instead of the count options.",
)
@click.option(
    "--input",
    "input_tokens",
    type=click.IntRange(min=0),
    default=0,
    help="Prompt tokens as the seller's API reports them.",
)
@click.option(
    "--output",
    "output_tokens",
    type=click.IntRange(min=0),
    default=0,
    help="Completion tokens as the seller's API reports them.",
)
@click.option(
    "--cached", type=click.IntRange(min=0), default=0, help="Prompt tokens read from the cache."
)
@click.option(
    "--cache-write",
    type=click.IntRange(min=0),
    default=0,
    help="Prompt tokens written to the cache at the seller's default TTL.",
)
@click.option(
    "--cache-write-1h",
    type=click.IntRange(min=0),
    default=0,
    help="Prompt tokens written to the cache with a 1-hour TTL.",
)
@click.option(
    "--reasoning",
    type=click.IntRange(min=0),
    default=0,
    help="Reasoning tokens; the seller's rules state whether --output includes them.",
)
@click.option(
    "--web-searches", type=click.IntRange(min=0), default=0, help="Web search tool calls."
)
@click.option("--seller", help="Seller id, such as openai or openrouter [default: the creator].")
@click.option("--variant", default="", help="Offering variant, such as free.")
@click.option(
    "--tier",
    type=click.Choice(["standard", "batch", "flex", "priority", "fast"]),
    help="Service tier [default: the tier --response states, else standard].",
)
@click.option("--region", help="Region of a regional endpoint, such as us-east-1.")
@click.option("--api-surface", help="API surface, such as chat_completions or responses.")
@click.option(
    "--at",
    "at",
    type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]),
    help="Date or UTC time of the request; prices in effect then apply [default: now].",
)
@click.option(
    "--currency",
    help="Also show the total in this currency, such as IDR, "
    "with the ECB reference rate of the request date.",
)
@click.option(
    "--allow-incomplete",
    is_flag=True,
    help="Price what has prices and list missing dimensions instead of failing.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@database_option
def calc(
    model: str | None,
    response_file: Path | None,
    input_tokens: int,
    output_tokens: int,
    cached: int,
    cache_write: int,
    cache_write_1h: int,
    reasoning: int,
    web_searches: int,
    seller: str | None,
    variant: str,
    tier: str | None,
    region: str | None,
    api_surface: str | None,
    at: datetime | None,
    currency: str | None,
    allow_incomplete: bool,
    as_json: bool,
    database_url: str | None,
) -> None:
    """Price one request of MODEL from the published prices in the database.

    Give the usage with the count options, or with --response as a saved API response body;
    MODEL may then be left out to use the model the response states.
    """
    settings = _settings(database_url)
    moment = (at or datetime.now(UTC)).replace(tzinfo=UTC)
    usage = Usage(
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cache_read_tokens=cached,
        cache_write_tokens=cache_write,
        cache_write_1h_tokens=cache_write_1h,
        reasoning_tokens=reasoning,
        web_searches=web_searches,
    )
    if response_file is not None:
        model, usage, api_surface, tier = _from_response(
            response_file, model, usage, api_surface, tier
        )
    if model is None:
        raise click.UsageError("missing MODEL; give a model id, or --response with a model")
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        with make_sessionmaker(engine)() as session:
            book = load_price_book(session)
            fx = load_fx(session) if currency else None
    finally:
        engine.dispose()

    try:
        result = price_usage(
            usage,
            model,
            book=book,
            seller=seller,
            variant=variant,
            tier=tier or "standard",
            region=region,
            api_surface=api_surface,
            at=moment,
            allow_incomplete=allow_incomplete,
        )
    except PricingError as error:
        raise click.ClickException(str(error)) from None

    code = currency.upper() if currency else None
    conversion = None
    if code is not None and fx is not None:
        conversion = _converted(result.total_usd, code, fx, moment, settings.database_url)
    if as_json:
        click.echo(json.dumps(_json_result(result, code, conversion), indent=2, ensure_ascii=False))
    else:
        click.echo(format_result(result, code, conversion))


def _converted(
    total_usd: Decimal, currency: str, fx: FxTable, moment: datetime, database_url: str
) -> Conversion:
    conversion = fx.convert(total_usd, "USD", currency, moment.date())
    if conversion is None:
        raise click.ClickException(
            f"no ECB reference rate for USD and {currency} on or before "
            f"{moment.date().isoformat()} in the fx_rates table of {database_url}; "
            "load the ECB rates first, or leave out --currency"
        )
    return conversion


def _json_result(
    result: PriceResult, currency: str | None, conversion: Conversion | None
) -> dict[str, Any]:
    data = result.model_dump(mode="json")
    if conversion is not None:
        data["converted"] = {
            "currency": currency,
            "amount": format_plain(conversion.amount),
            "rate": format_plain(conversion.rate),
            "rate_date": conversion.rate_date.isoformat(),
            "source": "ECB reference rates",
        }
    return data


# Service tiers as responses state them (OpenAI's `service_tier`, Anthropic's
# `usage.service_tier`, Gemini's `serviceTier` and flex traffic type), as harga's tiers.
_RESPONSE_TIERS = {
    "default": "standard",
    "auto": "standard",
    "standard": "standard",
    "batch": "batch",
    "flex": "flex",
    "priority": "priority",
}


def _from_response(
    path: Path, model: str | None, counts: Usage, api_surface: str | None, tier: str | None
) -> tuple[str | None, Usage, str | None, str | None]:
    """Read the model, usage, API surface and tier of a saved response body."""
    if counts != Usage():
        raise click.UsageError("give the usage with --response or with the count options, not both")
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        message = f"cannot read {path} as JSON: {error}"
        raise click.BadParameter(message, param_hint="--response") from None
    if not isinstance(body, dict):
        raise click.BadParameter(f"{path} is not a JSON object", param_hint="--response")
    try:
        extracted = extract_usage(body)
    except UnrecognisedResponse as error:
        raise click.BadParameter(f"{path}: {error}", param_hint="--response") from None
    if tier is None and extracted.service_tier is not None:
        tier = _RESPONSE_TIERS.get(extracted.service_tier)
        if tier is None:
            raise click.UsageError(
                f"{path} states service tier {extracted.service_tier!r}, which harga does not "
                "know; pass --tier"
            )
    surface = api_surface or extracted.api_surface.value
    return model or extracted.model, extracted.usage, surface, tier


@main.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
@database_option
@click.option("--revision", default="head", show_default=True, help="Alembic revision to reach.")
def db_upgrade(database_url: str | None, revision: str) -> None:
    """Apply Alembic migrations up to a revision."""
    settings = _settings(database_url)
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine, revision)
    finally:
        engine.dispose()
    click.echo(f"database at {revision}: {settings.database_url}")
