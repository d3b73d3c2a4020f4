"""The one direction imports run (docs/architecture.md).

Each package may import only itself and the packages below it. The core (`tisseurs/`)
imports no app, except its root URLconf, settings and WSGI entry point, which sit above
everything by nature. Imports inside functions count too: a lazy import is still a
dependency.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top.
LAYERS = [
    {"tisseurs"},
    {"ressources"},
    {"relais"},
    {"activites"},
    {"prestations"},
    {"rapports"},
    {"home"},
]
RANK = {package: rank for rank, layer in enumerate(LAYERS) for package in layer}

# The project's entry points: they wire every app together, so they may import any.
ENTRY_POINTS = {"tisseurs/settings.py", "tisseurs/urls.py", "tisseurs/wsgi.py"}


def imported_packages(path: Path) -> set[str]:
    """Top-level names of the project packages `path` imports, at any depth."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {name.split(".")[0] for name in names} & RANK.keys()


def project_modules():
    for package in RANK:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative not in ENTRY_POINTS:
                yield package, path, relative


def upward_imports() -> list[str]:
    wrong = []
    for package, path, relative in project_modules():
        for imported in sorted(imported_packages(path)):
            if imported != package and RANK[imported] >= RANK[package]:
                wrong.append(f"{relative} imports {imported}")
    return wrong


def test_no_module_imports_a_package_at_or_above_its_own_layer():
    assert upward_imports() == []


def test_the_checker_sees_a_lazy_upward_import(tmp_path, monkeypatch):
    for name in ("tisseurs", "ressources", "prestations"):
        (tmp_path / name).mkdir()
    package = tmp_path / "ressources"
    (package / "bad.py").write_text("def f():\n    from prestations.models import X\n")
    (package / "good.py").write_text("from tisseurs.roles import RELAIS\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    monkeypatch.setattr(f"{__name__}.RANK", {"tisseurs": 0, "ressources": 1})
    assert imported_packages(package / "bad.py") == set()  # not a known package here
    monkeypatch.setattr(
        f"{__name__}.RANK", {"tisseurs": 0, "ressources": 1, "prestations": 4}
    )
    assert upward_imports() == ["ressources/bad.py imports prestations"]


@pytest.mark.parametrize("package", sorted(RANK))
def test_every_package_of_the_stack_exists(package):
    assert (ROOT / package / "__init__.py").exists()


def test_no_python_file_is_over_600_lines_outside_migrations():
    long = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "var"} or "migrations" in relative.parts:
            continue
        lines = len(path.read_text().splitlines())
        if lines > 600:
            long.append(f"{relative.as_posix()}: {lines}")
    assert sorted(long) == []
