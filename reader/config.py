"""Settings, layered: defaults < config file (TOML) < environment < command-line flags.

The config file is `READER_CONFIG` if set, else `config.toml` in the platform's user config dir.
A missing file is fine; a malformed one is a `ConfigError` with a one-line message.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from reader.errors import ConfigError

APP_NAME = "reader"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # the one size limit of an article (files, stdin, URLs, corpus lines)


def colour_wanted() -> bool:
    """Colour unless NO_COLOR is set (no-color.org: any non-empty value), wherever colour is written."""
    return not os.environ.get("NO_COLOR")


@dataclass
class Settings:
    """Everything a user may set. Field names are the TOML keys."""

    model: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    cache: bool = True
    cache_dir: str | None = None
    cache_max_mb: int = 500
    charge_patterns: str | None = None  # extra offence names, one JSONL pattern per line
    speech_verbs: str | None = None  # extra verbs of saying, one JSONL row (or verb form) per line
    chunk_chars: int = 20_000
    theme: str | None = None
    bindings: dict[str, str] = field(default_factory=dict)  # binding id -> keys, e.g. {"next_highlight": "tab"}

    def resolved_cache_dir(self) -> Path:
        if self.cache_dir:
            return Path(self.cache_dir).expanduser()
        from platformdirs import user_cache_dir

        return Path(user_cache_dir(APP_NAME))


def config_path() -> Path:
    env = os.environ.get("READER_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME)) / "config.toml"


def load_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """Defaults, then the config file, then READER_* environment variables, then `overrides` (flags)."""
    settings = Settings()
    path = config_path()
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"config file {path}: {exc}") from None
        _apply(settings, data, f"config file {path}")
    elif os.environ.get("READER_CONFIG"):
        raise ConfigError(f"config file {path} (from READER_CONFIG) does not exist")
    env = {}
    if os.environ.get("READER_CACHE_DIR"):
        env["cache_dir"] = os.environ["READER_CACHE_DIR"]
    if os.environ.get("READER_MODEL"):
        env["model"] = os.environ["READER_MODEL"]
    _apply(settings, env, "environment")
    _apply(settings, {k: v for k, v in (overrides or {}).items() if v is not None}, "flags")
    return settings


def _apply(settings: Settings, data: dict[str, Any], where: str) -> None:
    known = {f.name: f for f in fields(Settings)}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in known:
            raise ConfigError(f"{where}: unknown setting {key!r}")
        current = getattr(settings, name)
        expected = type(current) if current is not None else None
        if name == "bindings":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{where}: 'bindings' must be a table of strings")
        elif expected is int and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
            raise ConfigError(f"{where}: {key!r} must be a positive whole number")
        elif expected is bool and not isinstance(value, bool):
            raise ConfigError(f"{where}: {key!r} must be true or false")
        elif expected is None and not isinstance(value, str):
            raise ConfigError(f"{where}: {key!r} must be a string")
        setattr(settings, name, value)
