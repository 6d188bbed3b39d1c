"""Alembic is the only path for schema changes: the migrations build exactly the models' schema."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from harga.storage.migrate import upgrade
from harga.storage.tables import Base


def test_migrations_match_models(fresh_engine: Engine) -> None:
    with fresh_engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, Base.metadata)

    assert differences == []


def test_upgrade_twice_is_harmless(fresh_engine: Engine) -> None:
    upgrade(fresh_engine)

    with fresh_engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() is not None
