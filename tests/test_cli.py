"""The `harga` command line on both databases."""

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import Engine, func, select

from harga.cli import main
from harga.storage.tables import ModelRow


def test_collect_from_mirror_and_exit_zero(fresh_engine: Engine, mirror_dir: Path) -> None:
    url = fresh_engine.url.render_as_string(hide_password=False)

    result = CliRunner().invoke(
        main,
        [
            "collect",
            "--mirror",
            str(mirror_dir),
            "--source",
            "llm-prices",
            "--no-progress",
            "--database-url",
            url,
        ],
    )

    assert result.exit_code == 0, result.output
    with fresh_engine.connect() as connection:
        # 142 entries in llm-prices' 11 vendor files: 25 are long-context tiers of another
        # entry and `grok-4-fast` appears twice.
        assert connection.scalar(select(func.count()).select_from(ModelRow)) == 142 - 25 - 1


def test_collect_failure_exits_one(fresh_engine: Engine, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    (mirror / "llm-prices" / "data").mkdir(parents=True)
    url = fresh_engine.url.render_as_string(hide_password=False)

    result = CliRunner().invoke(
        main,
        [
            "collect",
            "--mirror",
            str(mirror),
            "--source",
            "llm-prices",
            "--no-progress",
            "--database-url",
            url,
        ],
    )

    assert result.exit_code == 1
    assert "source llm-prices failed" in result.output
    assert "no file matches" in result.output


def test_unknown_source_is_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["collect", "--source", "nope", "--database-url", f"sqlite:///{tmp_path / 'x.db'}"],
    )

    assert result.exit_code == 2
    assert "unknown source nope" in result.output


def test_db_upgrade_reports_revision(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"

    result = CliRunner().invoke(main, ["db", "upgrade", "--database-url", url])

    assert result.exit_code == 0
    assert "database at head" in result.output
