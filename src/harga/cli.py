"""The `harga` command line: thin commands over the library."""

import logging
import sys
from pathlib import Path

import click
from tqdm import tqdm

from harga.collectors import NoSuchSource, select_collectors
from harga.pipeline.lock import RunLocked
from harga.pipeline.runner import run_collection
from harga.settings import Settings
from harga.storage.engine import make_engine, make_sessionmaker
from harga.storage.migrate import upgrade


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
