"""Settings read once from the environment at start-up."""

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///harga.db"


@dataclass(frozen=True)
class Settings:
    database_url: str
    mirror: Path | None

    @classmethod
    def from_env(cls) -> "Settings":
        mirror = os.environ.get("HARGA_MIRROR") or None
        return cls(
            database_url=os.environ.get("HARGA_DATABASE_URL") or DEFAULT_DATABASE_URL,
            mirror=Path(mirror) if mirror else None,
        )
