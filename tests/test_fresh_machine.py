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
    assert (
        readme_command("**Install and build the example site**")
        == venv + "python3 -m pip install -e . && frontnews build"
    )
    assert (
        readme_command("**Install and run the tests:**")
        == venv + "python3 -m pip install -e '.[test]' && python3 -m pytest -q"
    )
    assert ".venv/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def ci_lines() -> list[str]:
    return [line for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]


def test_ci_runs_exactly_the_readme_test_command():
    lines = ci_lines()
    assert lines[-1] == readme_command("**Install and run the tests:**")
    venv = "python3 -m venv .venv && . .venv/bin/activate && "
    assert all(line.startswith(venv) for line in lines if "pip install" in line)  # nothing installed outside it


def test_ci_runs_ruff_and_mypy_from_the_dev_extra_before_the_tests():
    [lint] = [line for line in ci_lines() if "ruff" in line]
    assert lint.split(" && ")[2:] == [
        "python3 -m pip install -e '.[dev]'",
        "ruff check src tests benchmarks",
        "ruff format --check src tests benchmarks",
        "mypy",
    ]
    assert ci_lines().index(lint) < len(ci_lines()) - 1


def test_every_test_tool_is_pinned_below_its_next_major_version():
    """A new major release of a test or lint tool cannot turn main red; hypothesis is one of them."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    tools = [Requirement(line) for line in extras["test"] + extras["dev"] if not line.startswith("frontnews")]
    assert {tool.name for tool in tools} >= {
        "pytest",
        "check-jsonschema",
        "playwright",
        "feedparser",
        "lxml",
        "hypothesis",
        "ruff",
        "mypy",
        "types-PyYAML",
        "types-Markdown",
    }
    for tool in tools:
        assert any(spec.operator == "<" for spec in tool.specifier), tool
        assert any(spec.operator == ">=" for spec in tool.specifier), tool
