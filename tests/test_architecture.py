"""What import-linter cannot check: MkDocs is known by one module (qbank_mkdocs.adapter); each hooks/ file only
wires MkDocs events to it, one line each, with the event's priority."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT
from qbank_mkdocs.adapter import QbankAdapter

HOOKS = sorted((ROOT / "hooks").glob("*.py"))
HOOK_LINES = 60
ADAPTER = ROOT / "qbank_mkdocs" / "adapter.py"
# All a hook file may import: the event priority decorator and the adapter.
WIRING = {"__future__.annotations", "mkdocs.plugins.event_priority", "qbank_mkdocs.adapter.adapter"}


def imports(path: Path) -> set[str]:
    """The modules a file imports, and `module.name` for each name it imports from one."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def knows_mkdocs(name: str) -> bool:
    """Whether an imported name is MkDocs', its theme's (Material) or one of its plugins'."""
    top = name.split(".")[0]
    return top in {"mkdocs", "material"} or top.startswith("mkdocs_")


def python_files() -> list[Path]:
    """The project's Python files (not the built site, caches or the virtual environment)."""
    return [path for path in ROOT.rglob("*.py")
            if not path.relative_to(ROOT).parts[0].startswith(".") and path.relative_to(ROOT).parts[0] != "site"]


def test_there_are_hook_files() -> None:
    assert [path.name for path in HOOKS] == ["qbank_graph.py", "qbank_i18n.py", "qbank_site.py"]


def test_every_hook_file_is_short() -> None:
    for path in HOOKS:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= HOOK_LINES, f"{path.name}: {lines} lines (at most {HOOK_LINES}: the work goes in the adapter)"


def test_the_hook_files_import_only_the_adapter_and_event_priority() -> None:
    for path in HOOKS:
        assert imports(path) <= WIRING, f"{path.name} imports {sorted(imports(path) - WIRING)}"


def test_each_hook_is_one_call_of_the_adapter() -> None:
    for path in HOOKS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for statement in tree.body:
            if isinstance(statement, ast.Import | ast.ImportFrom) or (
                    isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)):
                continue  # imports, the module's docstring
            assert isinstance(statement, ast.FunctionDef) and statement.name.startswith("on_"), \
                f"{path.name}:{statement.lineno}: only MkDocs event functions"
            where = f"{path.name}:{statement.lineno} {statement.name}"
            for decorator in statement.decorator_list:
                assert isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "event_priority", where
            assert len(statement.body) == 1 and isinstance(call := statement.body[0], ast.Return), where
            assert isinstance(call.value, ast.Call) and isinstance(method := call.value.func, ast.Attribute), where
            assert ast.unparse(method.value) == "adapter" and hasattr(QbankAdapter, method.attr), where


def test_only_the_adapter_and_the_hooks_import_mkdocs() -> None:
    knowing = {path.relative_to(ROOT).as_posix() for path in python_files()
               if any(knows_mkdocs(name) for name in imports(path))}
    assert knowing == {"qbank_mkdocs/adapter.py", *(f"hooks/{path.name}" for path in HOOKS)}
