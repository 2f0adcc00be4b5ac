"""The layout holds: imports go one way, and no module of application code is too long.

features (bidra, sok, sider, ytelse, oversikt, komigang, folk, veiledning, pafyll,
planer, innlesing)
  → innsikt → eksempler → metoder → felles

Admin modules are the editors' screens on top of everything: the example admin publishes
through the review workflow, so it sits with the features.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Lower layers first; a package may import its own layer and the layers before it.
LAYERS = [
    ["skattekiste.felles"],
    ["metoder"],
    ["skattekiste.eksempler"],
    ["innsikt"],
    [
        "skattekiste.bidra",
        "skattekiste.sok",
        "skattekiste.sider",
        "skattekiste.ytelse",
        "skattekiste.oversikt",
        "skattekiste.komigang",
        "skattekiste.folk",
        "skattekiste.veiledning",
        "skattekiste.pafyll",
        "skattekiste.planer",
        "skattekiste.innlesing",
    ],
]
MAX_LINES = 400


def _layer(module: str) -> int | None:
    ours = module.startswith(("skattekiste.", "metoder.", "innsikt."))
    if ours and module.endswith(".admin") and not module.startswith("skattekiste.felles"):
        return len(LAYERS) - 1
    for index, packages in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in packages):
            return index
    return None


def _application_modules():
    for folder in ("skattekiste", "metoder", "innsikt"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            for alias in node.names:  # from skattekiste.sok import views
                yield f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_every_import_points_down_the_layers():
    wrong = []
    for path in _application_modules():
        own = _layer(_module_name(path))
        if own is None:
            continue
        for imported in _imports(path):
            target = _layer(imported)
            if target is not None and target > own:
                wrong.append(f"{_module_name(path)} imports {imported}")
    assert wrong == []


def test_no_import_is_hidden_inside_a_function():
    hidden = []
    for path in _application_modules():
        tree = ast.parse(path.read_text())
        for func in ast.walk(tree):
            if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(func):
                    if isinstance(node, ast.Import | ast.ImportFrom):
                        module = getattr(node, "module", None) or node.names[0].name
                        if _layer(module) is not None:
                            hidden.append(f"{_module_name(path)}: {module}")
    assert hidden == []


def test_no_module_of_application_code_is_over_400_lines():
    long = {
        _module_name(path): n
        for path in _application_modules()
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}
