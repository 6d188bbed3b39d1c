"""Shared fixtures: databases on both backends, the mirror folder and a collected database."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from harga.storage.engine import make_engine, make_sessionmaker
from harga.storage.migrate import upgrade

REPOSITORY = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "HARGA_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def mirror_dir() -> Path:
    """The folder of real source files. Tests that use it fail, not skip, when it is missing."""
    path = Path(os.environ.get("HARGA_MIRROR") or REPOSITORY.parent / "shared" / "data")
    if not (path / "SOURCES.md").is_file():
        pytest.fail(
            f"mirror folder {path} is missing; set HARGA_MIRROR to the folder of source files"
        )
    return path


def _postgres_schema_url(schema: str) -> str:
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


def _create_schema(schema: str) -> None:
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()


def _drop_schema(schema: str) -> None:
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


def new_database_url(backend: str, folder: Path) -> tuple[str, str | None]:
    """Create an empty database; return its URL and, on PostgreSQL, the schema to drop."""
    if backend == "sqlite":
        return f"sqlite:///{folder / f'harga-{uuid.uuid4().hex[:8]}.db'}", None
    schema = f"harga_test_{uuid.uuid4().hex[:12]}"
    _create_schema(schema)
    return _postgres_schema_url(schema), schema


@pytest.fixture(params=BACKENDS)
def fresh_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty, fully migrated database, once per backend."""
    url, schema = new_database_url(request.param, tmp_path)
    engine = make_engine(url)
    upgrade(engine)
    yield engine
    engine.dispose()
    if schema:
        _drop_schema(schema)


@pytest.fixture
def session_factory(fresh_engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(fresh_engine)


@pytest.fixture(scope="module", params=BACKENDS)
def module_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """An engine on an empty migrated database shared by one test module, once per backend."""
    url, schema = new_database_url(request.param, tmp_path_factory.mktemp("db"))
    engine = make_engine(url)
    upgrade(engine)
    yield engine
    engine.dispose()
    if schema:
        _drop_schema(schema)
