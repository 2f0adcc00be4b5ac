"""Production installs only what the app needs; the dev lock adds the tools, all pinned exactly."""

import re
import tomllib
from importlib.metadata import distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PINNED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*==[A-Za-z0-9.]+")
# Named here too, so moving a tool out of the dev list cannot sneak it into production.
TEST_TOOLS = {
    "pytest",
    "pytest-django",
    "hypothesis",
    "ruff",
    "playwright",
    "axe-playwright-python",
}


def lock_lines(name: str) -> list[str]:
    lines = (line.strip() for line in (ROOT / name).read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def pins(name: str) -> dict[str, str]:
    return {
        canonicalize_name(line.split("==")[0]): line.split("==")[1]
        for line in lock_lines(name)
        if not line.startswith("-r ")
    }


def with_dependencies(requirements: list[str]) -> set[str]:
    """The names of these requirements and everything they need, as installed here."""
    seen: set[str] = set()
    todo = [Requirement(text) for text in requirements]
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        extras = requirement.extras or {""}
        for text in distribution(name).requires or []:
            needed = Requirement(text)
            # Markers are read here, where the extras asked for are known.
            if not needed.marker or any(needed.marker.evaluate({"extra": e}) for e in extras):
                todo.append(needed)
    return seen


def test_every_line_of_the_production_lock_is_pinned_exactly():
    for line in lock_lines("requirements.lock"):
        assert PINNED.fullmatch(line), line


def test_the_production_lock_has_no_test_or_lint_tool():
    dev_tools = {
        canonicalize_name(Requirement(r).name)
        for r in PYPROJECT["project"]["optional-dependencies"]["dev"]
    }
    assert not (dev_tools | TEST_TOOLS) & set(pins("requirements.lock"))


def test_the_production_lock_holds_exactly_what_the_direct_dependencies_need():
    assert set(pins("requirements.lock")) == with_dependencies(PYPROJECT["project"]["dependencies"])


def test_the_dev_lock_builds_on_the_production_lock_and_pins_each_tool_exactly():
    lines = lock_lines("requirements-dev.lock")
    assert lines[0] == "-r requirements.lock"
    for line in lines[1:]:
        assert PINNED.fullmatch(line), line
    dev = PYPROJECT["project"]["optional-dependencies"]["dev"]
    tools = with_dependencies(dev) - set(pins("requirements.lock"))
    assert set(pins("requirements-dev.lock")) == tools


def test_the_direct_dependencies_have_the_versions_the_locks_pin():
    locked = pins("requirements.lock") | pins("requirements-dev.lock")
    project = PYPROJECT["project"]
    for text in [*project["dependencies"], *project["optional-dependencies"]["dev"]]:
        requirement = Requirement(text)
        assert str(requirement.specifier) == f"=={locked[canonicalize_name(requirement.name)]}"
