"""The shape of the code: scene classes read as storyboards, the look has one source, contracts are explicit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENE_FILES = sorted(p for p in (ROOT / "scenes").glob("*.py") if p.stem not in ("__init__", "registry"))
#: About 200 lines: a scene class is its storyboard; what it draws is in scenes/kit/parts.
MAX_SCENE_CLASS_LINES = 200
#: Keywords whose numbers are layout (where and how far), which belongs to the parts and the style.
LAYOUT_KEYWORDS = {"font_size", "buff", "x_length", "y_length", "z_length", "aligned_edge"}


def tree_of(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def is_number(node) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool)


def scene_classes(path: Path):
    for node in tree_of(path).body:
        if isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name) and base.id == "NarratedScene" for base in node.bases):
            yield node


@pytest.mark.parametrize("path", SCENE_FILES, ids=lambda p: p.name)
def test_a_scene_class_is_a_storyboard_of_at_most_200_lines(path):
    classes = list(scene_classes(path))
    assert len(classes) == 1, f"{path.name} holds {len(classes)} scene classes"
    lines = classes[0].end_lineno - classes[0].lineno + 1
    assert lines <= MAX_SCENE_CLASS_LINES, f"{classes[0].name} is {lines} lines"


@pytest.mark.parametrize("path", SCENE_FILES + sorted((ROOT / "scenes" / "kit" / "parts").glob("*.py")),
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_getter_changes_state(path):
    """A ``get_*`` method returns what it makes; it sets nothing another beat could read."""
    problems = []
    for function in (n for n in ast.walk(tree_of(path)) if isinstance(n, ast.FunctionDef) and n.name.startswith("get_")):
        for node in ast.walk(function):
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
            for target in targets:
                for part in ast.walk(target):
                    if isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name) and part.value.id == "self":
                        problems.append(f"{function.name} sets self.{part.attr} (line {node.lineno})")
    assert not problems, problems


@pytest.mark.parametrize("path", SCENE_FILES, ids=lambda p: p.name)
def test_scene_files_name_sizes_and_places_rather_than_write_numbers(path):
    """Font sizes, buffs, lengths and points come from scenes/kit/style.py and the parts, not the scene file.

    The parameters' defaults are the teacher's (windows in the function's units, such as x from
    −2.6 to 3.7), not the screen's: they are left out.
    """
    problems, tree = [], tree_of(path)
    parameters = {id(node) for cls in tree.body if isinstance(cls, ast.ClassDef)
                  and any(getattr(base, "id", "") == "SceneParameters" for base in cls.bases) for node in ast.walk(cls)}
    for node in (n for n in ast.walk(tree) if id(n) not in parameters):
        if isinstance(node, ast.keyword) and node.arg in LAYOUT_KEYWORDS and is_number(node.value):
            problems.append(f"line {node.lineno}: {node.arg}={ast.unparse(node.value)}")
        if isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) in (2, 3) and all(map(is_number, node.elts)) \
                and any(not (isinstance(e, ast.Constant) and e.value == 0) for e in node.elts):
            problems.append(f"line {node.lineno}: the point {ast.unparse(node)}")
    assert not problems, f"{path.name}: {problems}"


def test_nothing_imports_the_command_line_of_gdmath():
    """The tables a page publishes come from gdmath.export, which the command line uses too."""
    for path in [*(ROOT / "scenes").rglob("*.py"), *(ROOT / "publishing").glob("*.py")]:
        for node in ast.walk(tree_of(path)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            assert not any(name.endswith("__main__") for name in names), path


def test_publishing_finds_scenes_through_the_registry_not_by_their_attributes():
    for path in (ROOT / "publishing").glob("*.py"):
        calls = [node for node in ast.walk(tree_of(path)) if isinstance(node, ast.Call)
                 and isinstance(node.func, ast.Name) and node.func.id in ("hasattr", "vars")]
        assert not calls, f"{path.name} looks objects over (line {calls[0].lineno})"


def test_the_look_is_not_in_the_kit_with_the_pipeline():
    assert not (ROOT / "scenes" / "kit" / "publish.py").exists()
    assert (ROOT / "publishing" / "publish.py").is_file()


#: gdmath's readers of parameter text, and descend (which reads text too): only a plan calls them.
PARSERS = {"parse", "as_fraction", "as_point", "as_learning_rate", "as_steps", "descend", "check_function",
           "check_field"}


@pytest.mark.parametrize("path", SCENE_FILES + sorted((ROOT / "scenes" / "kit" / "parts").glob("*.py")),
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_only_the_plan_reads_parameter_text(path):
    """Scene classes and parts read the plan: no call of a parser there (tests/scenes/test_plan.py counts them)."""
    tree = tree_of(path)
    drawing = [node for node in tree.body if isinstance(node, ast.ClassDef)
               and not any(getattr(base, "id", "") in ("SceneParameters", "Plan") for base in node.bases)]
    calls = [f"{node.func.id} (line {node.lineno})" for cls in drawing for node in ast.walk(cls)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in PARSERS]
    assert not calls, calls
