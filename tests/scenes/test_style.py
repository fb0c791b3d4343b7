"""One meaning per colour, in every scene: the roles are set once in scenes/kit/style.py."""

import ast
import re
from pathlib import Path

import manim
import pytest

from gdmath import Regime
from scenes.kit.style import REGIME_COLORS, ROLE_COLORS
from scenes.registry import scene_files

ROOT = Path(__file__).resolve().parents[2]
SCENE_FILES = [ROOT / path for path in scene_files()]
#: manim's named colours (RED_C, BLUE, PURE_GREEN, ...): a scene that uses one gives it a meaning of its own.
MANIM_COLOR_NAMES = {name for name, value in vars(manim).items() if isinstance(value, manim.ManimColor)}


def test_no_two_roles_share_a_colour():
    by_value = {}
    for role, color in ROLE_COLORS.items():
        by_value.setdefault(color.to_hex().lower(), []).append(role)
    assert [roles for roles in by_value.values() if len(roles) > 1] == []


def test_every_regime_has_a_colour():
    assert set(REGIME_COLORS) == set(Regime)


@pytest.mark.parametrize("path", SCENE_FILES, ids=lambda p: p.name)
def test_scenes_take_their_colours_from_the_kit(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    named = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} & MANIM_COLOR_NAMES
    literals = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
                and re.fullmatch(r"#[0-9a-fA-F]{6}", node.value)]
    assert not named and not literals, f"{path.name} sets colours of its own: {sorted(named) + literals}"
