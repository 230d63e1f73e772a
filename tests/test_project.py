"""The project's own habits: README's two-command quick start, test kinds, pyproject and lint settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import tomllib

import pytest

from test_build import ROOT

pytestmark = pytest.mark.unit

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# Being reshaped on the other issue-11 branches; they join the lint run once those land.
NOT_YET_LINTED: list[str] = []


def quick_start() -> list[str]:
    """Return the commands of README's quick-start code block, without their comments."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "README's quick start has no ```sh block"
    return [line.split(" #")[0].strip() for line in block[1].splitlines() if line.strip()]


def test_quick_start_is_two_commands_that_exist():
    assert quick_start() == ["tools/demo.sh", "tools/test.sh"]
    for command in quick_start():
        script = ROOT / command
        assert script.is_file() and os.access(script, os.X_OK), f"{command} is missing or not executable"
        assert script.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n"), command
    for script in sorted((ROOT / "tools").glob("*.sh")) + [ROOT / ".ci" / "run"]:
        result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, f"{script.name}: {result.stderr}"


def test_ci_runs_the_test_command_of_the_readme():
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert commands == [quick_start()[1]]


def test_pyproject_dependencies_are_requirements_txt():
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    required = [line.split(" #")[0].strip() for line in lines if line.strip() and not line.startswith("#")]
    assert PYPROJECT["project"]["dependencies"] == required


def test_a_test_without_exactly_one_kind_stops_the_run(pytester):
    markers = "".join(f"    {marker}\n" for marker in PYPROJECT["tool"]["pytest"]["ini_options"]["markers"])
    # Hypothesis' plugin would import all of Hypothesis in each inner run (seconds): this suite needs none of it.
    options = "--strict-markers -p no:cacheprovider -p no:hypothesispytest"
    pytester.makeini(f"[pytest]\naddopts = {options}\nmarkers =\n{markers}")
    pytester.makeconftest((ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_kinds=textwrap.dedent("""
        import pytest

        @pytest.mark.unit
        def test_one_kind():
            pass

        def test_no_kind():
            pass

        @pytest.mark.unit
        @pytest.mark.browser
        def test_two_kinds():
            pass
    """))
    result = pytester.runpytest_inprocess("-m", "unit")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert result.errlines == [
        "ERROR: every test needs exactly one of the markers unit, build, browser:",
        "  test_kinds.py::test_no_kind: none",
        "  test_kinds.py::test_two_kinds: browser, unit",
        "",
    ]
    (pytester.path / "test_kinds.py").write_text("import pytest\n\n@pytest.mark.build\ndef test_one_kind():\n    pass\n")
    assert pytester.runpytest_inprocess("-m", "build").ret == pytest.ExitCode.OK


def test_ruff_finds_nothing():
    excluded = [option for path in NOT_YET_LINTED for option in ("--extend-exclude", path)]
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *excluded, "."], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
