"""Small helpers that read settings from the environment and fail loudly."""

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from django.core.exceptions import ImproperlyConfigured

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")

# Where the helpers read; the test settings swap in values of their own.
_source: Mapping[str, str] = os.environ


@contextmanager
def fixed_environment(values: Mapping[str, str]) -> Iterator[None]:
    """Read from `values` alone while settings load, whatever the shell has exported.

    The process environment itself is left alone, so subprocesses and the embedded
    server see it unchanged.
    """
    global _source
    saved, _source = _source, dict(values)
    try:
        yield
    finally:
        _source = saved


def env_str(name: str, default: str | None = None) -> str:
    raw = _source.get(name)
    if raw is None:
        if default is None:
            raise ImproperlyConfigured(f"{name} must be set in the environment")
        return default
    return raw


def env_bool(name: str, default: bool = False) -> bool:
    raw = _source.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in _TRUE:
        return True
    if raw.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: use 1/0, true/false or yes/no")


def env_int(name: str, default: int) -> int:
    raw = _source.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: must be a whole number") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = _source.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]
