"""The house rules of the code (README, handbook/architecture.md), checked on every run: the
pipeline's stages as folders, imports only downward, no import hidden in a function, one thin
MkDocs adapter, and one way to load the edition."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "edition"
ADAPTER = PACKAGE / "mkdocs_plugin" / "__init__.py"
#: heavy optional packages a function may import when (and only when) it needs them
DEFERRED = {"weasyprint", "numpy"}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (stages,) = [c for c in config["contracts"] if c["id"] == "stages"]
    return [name.strip() for layer in stages["layers"] for name in layer.split("|")]


def test_the_import_contracts_are_kept():
    """Each stage imports only from the stages below it; only the adapter imports MkDocs. (In a
    process of its own: import-linter's command line sets up logging for itself.)"""
    done = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 2 kept, 0 broken." in done.stdout


def test_every_folder_of_the_package_is_a_stage_with_a_docstring():
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    assert folders and set(folders) == set(_layers())
    for name in folders:
        assert ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text(encoding="utf-8"))), name


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_are_absolute_and_at_the_top(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}:{node.lineno}: a relative import"
        if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in top:
            module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            assert module.split(".")[0] in DEFERRED, f"{path.name}:{node.lineno}: import of {module} inside a function"


def test_the_adapter_is_glue_only():
    source = ADAPTER.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 200
    calls = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "load_edition"]
    assert len(calls) == 1


def test_tests_and_tools_load_the_edition_through_load_edition():
    """No copy of the adapter's assembly: nobody but `load_edition` calls the loading steps."""
    callers = []
    for path in [*PACKAGE.rglob("*.py"), *(ROOT / "tests").glob("*.py"), *(ROOT / "scripts").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                    "load_sources", "build_edition"):
                callers.append(path.relative_to(ROOT).as_posix())
    assert sorted(set(callers)) == ["scripts/edition/assembly/load.py"]
