"""What a new contributor types on a fresh machine: the README's commands, the CI script, the pins."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).parent.parent


def readme_command(heading: str) -> str:
    """The one-line shell command of the first ```sh block after a bold heading of the README."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(re.escape(heading) + r".*?\n```sh\n([^\n]+)\n```\n", readme, re.DOTALL)
    assert match, heading
    return match.group(1)


def test_the_readme_commands_install_into_a_venv():
    """Debian's Python refuses `pip install` outside a venv (PEP 668)."""
    venv = "python3 -m venv .venv && . .venv/bin/activate && "
    assert readme_command("**Install and build the example site**") == venv + "python3 -m pip install -e . && frontnews build"
    assert readme_command("**Install and run the tests:**") == venv + "python3 -m pip install -e '.[test]' && python3 -m pytest -q"
    assert ".venv/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_ci_runs_exactly_the_readme_test_command():
    lines = [line for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    assert lines[-1] == readme_command("**Install and run the tests:**")
    assert not any("pip install" in line for line in lines[:-1])  # nothing installed outside the venv


def test_every_test_tool_is_pinned_below_its_next_major_version():
    """A new major release of a test tool cannot turn main red; hypothesis is one of them."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    tools = [Requirement(line) for line in project["optional-dependencies"]["test"]]
    assert {tool.name for tool in tools} >= {"pytest", "check-jsonschema", "playwright", "feedparser", "lxml",
                                             "hypothesis"}
    for tool in tools:
        assert any(spec.operator == "<" for spec in tool.specifier), tool
        assert any(spec.operator == ">=" for spec in tool.specifier), tool
