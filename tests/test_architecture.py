"""The package's shape, read from its source: no import cycle, each layer imports only what sits
below it (docs/architecture.md draws the picture), and every module imports on its own.

Imports are read with `ast`, never by importing: a module-level import runs when the module is
imported; a function-level (lazy) one when the function first runs. A lazy import does not make a
cycle harmless, it only hides it until a call happens in the wrong order, so both count here.
"""
from __future__ import annotations

import ast
import random
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kbreport"


def _modules() -> dict[str, tuple[Path, bool]]:
    """Dotted name -> (file, is a package's __init__) for every module of kbreport."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return out


MODULES = _modules()


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int
    lazy: bool  # inside a function: runs on the first call, not on import

    def __str__(self) -> str:
        return f"{self.source}:{self.line} imports {self.target}{' (in a function)' if self.lazy else ''}"


def _is_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)  # never runs


def imports_of(name: str) -> list[Import]:
    """Every import of a kbreport module by module `name`. `from kbreport.x import y` is an import of
    kbreport.x.y when that is a module, else of kbreport.x."""
    path, is_package = MODULES[name]
    package = name if is_package else name.rpartition(".")[0]
    out: list[Import] = []

    def target_of(node: ast.ImportFrom) -> str | None:
        if not node.level:
            return node.module
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        return ".".join(base + ([node.module] if node.module else []))

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                visit(child, True)
                continue
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue
            if isinstance(child, ast.Import):
                out.extend(Import(name, a.name, child.lineno, lazy) for a in child.names
                           if a.name.split(".")[0] == "kbreport")
            elif isinstance(child, ast.ImportFrom):
                base = target_of(child)
                if base and base.split(".")[0] == "kbreport":
                    for a in child.names:
                        sub = f"{base}.{a.name}"
                        out.append(Import(name, sub if sub in MODULES else base, child.lineno, lazy))
            visit(child, lazy)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), False)
    return out


IMPORTS = list(dict.fromkeys(i for name in MODULES for i in imports_of(name)))  # `import a, b` from one module: once


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def graph(lazy: bool) -> dict[str, dict[str, Import]]:
    """source -> {target: the import}. Importing kbreport.a.b first runs kbreport.a's __init__, so that
    is an edge too, except into the source's own packages (they are already running when it runs)."""
    g: dict[str, dict[str, Import]] = {name: {} for name in MODULES}
    for imp in IMPORTS:
        if imp.lazy and not lazy:
            continue
        own = set(_ancestors(imp.source))
        for t in [*_ancestors(imp.target), imp.target]:
            if t in MODULES and t != imp.source and (t not in own or t == imp.target):
                g[imp.source].setdefault(t, imp)
    return g


def cycles(g: dict[str, dict[str, Import]]) -> list[list[Import]]:
    """One shortest cycle per strongly connected group of modules (Tarjan), as the imports that close it."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(v: str) -> None:  # recursion depth is bounded by the module count (~90)
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in g[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(g):
        if v not in index:
            connect(v)
    out = []
    for group in groups:
        members = set(group)
        start = group[0]
        # breadth-first from start back to start, inside the group: the shortest cycle through it
        paths = {start: []}
        frontier = [start]
        found = None
        while frontier and found is None:
            nxt = []
            for v in frontier:
                for w, imp in sorted(g[v].items()):
                    if w == start:
                        found = paths[v] + [imp]
                        break
                    if w in members and w not in paths:
                        paths[w] = paths[v] + [imp]
                        nxt.append(w)
                if found:
                    break
            frontier = nxt
        out.append(found)
    return out


def _describe(cycle: list[Import]) -> str:
    names = " → ".join([cycle[0].source] + [i.target for i in cycle])
    return names + "\n    " + "\n    ".join(str(i) for i in cycle)


# --- the checker checks what it should (a hand-made graph) -------------------------------------------


def test_cycle_finder_on_a_hand_made_graph():
    def imp(a, b):
        return Import(a, b, 1, False)

    g = {"a": {"b": imp("a", "b")}, "b": {"c": imp("b", "c")}, "c": {"a": imp("c", "a"), "d": imp("c", "d")},
         "d": {}, "e": {"f": imp("e", "f")}, "f": {"e": imp("f", "e")}, "g": {"d": imp("g", "d")}}
    found = sorted([[i.source for i in c] for c in cycles(g)])
    assert found == [["a", "b", "c"], ["e", "f"]]
    assert _describe(cycles(g)[0]).splitlines()[0] == "a → b → c → a"
    assert cycles({"a": {"b": imp("a", "b")}, "b": {}}) == []


def test_imports_are_read_with_their_lines_and_laziness():
    by_target = {i.target: i for i in imports_of("kbreport.ingest.validate")}
    assert "kbreport.ingest.schema" in by_target and not by_target["kbreport.ingest.schema"].lazy
    # `from kbreport.ingest import schema` is an import of the module, not of the package
    assert all(i.target in MODULES for i in IMPORTS)
    lazy = [i for i in IMPORTS if i.lazy]
    assert lazy and all(i.line > 1 for i in lazy)


# --- no cycle -------------------------------------------------------------------------------------------


def test_no_import_cycle_when_modules_are_imported():
    found = cycles(graph(lazy=False))
    assert not found, "import cycles (module-level imports):\n" + "\n".join(_describe(c) for c in found)


def test_no_import_cycle_counting_imports_inside_functions():
    found = cycles(graph(lazy=True))
    assert not found, "import cycles (imports inside functions count too):\n" + "\n".join(_describe(c) for c in found)


# --- layers: a module imports its own layer and those below, never one above ------------------------------

# Bottom first. The longest matching prefix places a module; kbreport itself (__init__) holds the
# version and the synthetic-data label. The text catalogue and formatters sit at the bottom (every
# layer words its messages through them); talking points turn analysis results into sentences.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("errors", ("kbreport.errors", "kbreport")),
    ("text catalogue", ("kbreport.text",)),
    ("paths", ("kbreport.paths",)),
    ("ingest", ("kbreport.ingest",)),
    ("analysis", ("kbreport.analysis",)),
    ("demo data", ("kbreport.demo",)),
    ("charts, talking points", ("kbreport.charts", "kbreport.text.talking_points")),
    ("elements", ("kbreport.elements",)),
    # kbreport.elements itself is the notebook's one import: it also hands out the report's data and
    # masthead from kbreport.build (looked up on first use), so the package module sits with build.
    ("build", ("kbreport.build", "=kbreport.elements")),
    ("batch", ("kbreport.batch",)),
    ("entry points", ("kbreport.cli", "kbreport.cli_help", "kbreport.nbstrip")),
]


def layer_of(name: str) -> int:
    best, where = -1, None
    for i, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if p.startswith("="):  # this module only, not its submodules
                if name == p[1:]:
                    return i
            elif (name == p or name.startswith(p + ".")) and len(p) > best:
                best, where = len(p), i
    assert where is not None, f"{name} is in no layer: add it to LAYERS and docs/architecture.md"
    return where


def test_every_module_has_a_layer():
    assert layer_of("kbreport.text.talking_points") == 6 and layer_of("kbreport.text.messages") == 1
    assert layer_of("kbreport") == 0 and layer_of("kbreport.cli") == len(LAYERS) - 1
    for name in MODULES:
        layer_of(name)


def test_no_layer_imports_one_above_it():
    upward = [f"{i}: {LAYERS[layer_of(i.source)][0]} → {LAYERS[layer_of(i.target)][0]}"
              for i in IMPORTS if layer_of(i.target) > layer_of(i.source)]
    assert not upward, "imports against the layers:\n" + "\n".join(upward)


def test_errors_imports_nothing_of_kbreport():
    """The error types are a leaf: any process (a Dask worker, a kernel) can unpickle them."""
    assert [str(i) for i in IMPORTS if i.source == "kbreport.errors"] == []


def test_nothing_imports_the_command_line():
    assert [str(i) for i in IMPORTS if i.target == "kbreport.cli" and i.source != "kbreport.cli"] == []


# --- small modules that say what they own ----------------------------------------------------------------

MAX_MODULE_LINES = 500  # "no module over about 500 lines": past this, split it by concern


def test_every_module_says_what_it_owns():
    missing = [name for name, (path, _) in MODULES.items()
               if not (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").strip()]
    assert missing == [], f"modules without a docstring whose first line says what they own: {missing}"


def test_no_module_is_over_the_size_bound():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, (path, _) in MODULES.items()}
    over = sorted(f"{name}: {n} lines" for name, n in sizes.items() if n > MAX_MODULE_LINES)
    assert over == [], f"modules over {MAX_MODULE_LINES} lines: {over}"


# --- every module imports on its own, in any order ------------------------------------------------------

_IMPORT_EACH = textwrap.dedent("""
    import importlib, os, random, sys, traceback
    names, third_party, seeds = sys.argv[1].split(","), sys.argv[2].split(","), [int(s) for s in sys.argv[3].split(",")]
    for t in third_party:  # loaded once here, so each fork below imports only kbreport afresh
        try:
            importlib.import_module(t)
        except Exception:
            pass
    def in_child(order):
        pid = os.fork()
        if pid == 0:
            try:
                for n in order:
                    importlib.import_module(n)
                where = sys.modules["kbreport"].__file__
                assert where.startswith(os.getcwd() + os.sep), f"kbreport imported from {where}"
            except BaseException:
                print(f"importing {order[0]} first, then in this order: {order}:\\n{traceback.format_exc()}")
                sys.stdout.flush()
                os._exit(1)
            os._exit(0)
        return os.waitpid(pid, 0)[1] == 0
    bad = [n for n in names if not in_child([n])]
    for seed in seeds:
        order = list(names)
        random.Random(seed).shuffle(order)
        if not in_child(order):
            bad.append(f"shuffled order, seed {seed}")
    print("FAILED:", bad)
    sys.exit(1 if bad else 0)
""")


def _third_party() -> list[str]:
    """Every other module kbreport imports (standard library too), as written: "matplotlib.pyplot"."""
    names = set()
    for path, _ in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module)
    return sorted(n for n in names if n.split(".")[0] not in {"kbreport", "__future__"})


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_every_module_imports_first_in_a_fresh_interpreter_and_all_in_any_order():
    """`python -c "import kbreport.X"` for every X (a fork of one interpreter that has loaded the
    third-party libraries but nothing of kbreport), then all of them in three shuffled orders."""
    seeds = [random.randrange(10**6) for _ in range(3)]
    r = subprocess.run([sys.executable, "-c", _IMPORT_EACH, ",".join(MODULES), ",".join(_third_party()),
                        ",".join(map(str, seeds))], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-3000:]
    assert r.stdout.strip() == "FAILED: []"
