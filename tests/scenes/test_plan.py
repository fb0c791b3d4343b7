"""Parameters are resolved once into a plan: each value parsed once, and nothing parsed while drawing."""

from __future__ import annotations

import dataclasses
import importlib
import typing
from collections import Counter

import pytest

from scenes.kit.variants import Plan, SceneParameters, changed_parameters, load_variants
from scenes.registry import SCENES

from .conftest import shared_media

# Dry runs in the test's own process: manim's config is set for each and restored (tempconfig).
pytestmark = pytest.mark.render


@pytest.fixture
def parses(monkeypatch) -> Counter:
    """Counts, by kind, every polynomial gdmath parses and every number it reads from text."""
    counts: Counter = Counter()
    # The modules, not the functions gdmath exports under the same names.
    parser, exact = importlib.import_module("gdmath.parse"), importlib.import_module("gdmath.exact")
    parse, number = parser._Parser.parse, exact._fraction_from_text

    def counted_parse(self):
        counts["polynomial"] += 1
        return parse(self)

    def counted_number(text, name):
        counts["number"] += 1
        return number(text, name)

    monkeypatch.setattr(parser._Parser, "parse", counted_parse)
    monkeypatch.setattr(exact, "_fraction_from_text", counted_number)
    return counts


def texts_of(parameters: SceneParameters) -> tuple[int, int]:
    """(functions, numbers) written as text among the values: what resolving parses, once each."""
    functions = numbers = 0
    for field in dataclasses.fields(parameters):
        if field.name in ("language", "voice"):  # names of a language and a voice, not texts to parse
            continue
        for item in (i for i in _flatten(getattr(parameters, field.name)) if isinstance(i, str)):
            if item == "best":  # a word that asks for gdmath's best value, not a text to parse
                continue
            if any(c.isalpha() for c in item.replace("e", "")):
                functions += 1
            else:
                numbers += item.count(",") + 1  # "4,4" is two numbers
    return functions, numbers


def _flatten(value):
    if isinstance(value, (tuple, list)):
        for item in value:
            yield from _flatten(item)
    else:
        yield value


@pytest.mark.parametrize("name", list(SCENES))
def test_resolving_parses_each_value_once(name, parses):
    parameters = SCENES[name].defaults()  # a new object, never resolved before
    plan = parameters.resolve()
    assert isinstance(plan, Plan) and plan.parameters == parameters
    functions, numbers = texts_of(parameters)
    assert parses["polynomial"] == functions, f"{name}: {parses['polynomial']} parses for {functions} functions"
    assert parses["number"] == numbers, f"{name}: {parses['number']} number parses for {numbers} numbers"
    # A variant checked before rendering and the render share one plan: no second parse.
    before = dict(parses)
    assert parameters.resolve() is plan and dict(parses) == before


def test_plans_are_frozen():
    for entry in SCENES.values():
        plan = entry.defaults().resolve()
        field = dataclasses.fields(plan)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(plan, field, None)


#: Rendered in the test's process: the one with both a 2D and a 3D part, and the one whose beats parsed
#: parameter text in eight places before plans. (Every scene's beats read only its plan: test_structure.)
RENDERED_HERE = ("descent", "gradient_field")


@pytest.mark.parametrize("name", RENDERED_HERE)
def test_a_render_parses_nothing_after_the_plan(name, parses, tmp_path):
    """A whole dry run of the scene, in this process: every parse happens in resolving, none in the beats."""
    from manim import tempconfig

    entry = SCENES[name]
    scene_class = getattr(entry.module(), entry.scene)
    plan = scene_class.parameters.resolve()
    assert plan is scene_class.parameters.resolve()
    during_plan = dict(parses)
    # The quality first: it sets the frame rate too, which 3 frames a second then overrides.
    with tempconfig({"quality": "low_quality", "frame_rate": 3, "dry_run": True, "disable_caching": True,
                     "media_dir": str(shared_media(tmp_path)), "progress_bar": "none", "write_to_movie": False}):
        scene = scene_class()
        scene.render()
    assert scene.plan is plan
    assert dict(parses) == during_plan, f"{name} parsed {dict(parses - Counter(during_plan))} while drawing"


def test_every_shipped_variant_resolves_to_its_scenes_plan():
    for variant in load_variants().values():
        entry = SCENES[variant.scene]
        plan = changed_parameters(entry.defaults(), variant.changes, variant.name).resolve()
        assert type(plan).__name__ != "Plan", f"{variant.scene} has no plan of its own"
        for key, run in plan.tables().items():
            assert key and run.iterates, (variant.name, key)


def test_the_registry_lists_every_scene_file_and_their_parameters():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    files = {p.stem for p in (root / "scenes").glob("*.py")} - {"__init__", "registry"}
    assert files == set(SCENES)
    for entry in SCENES.values():
        module = entry.module()
        scene_class = getattr(module, entry.scene)
        assert type(scene_class.parameters).__name__ == entry.parameters
        assert scene_class.script_name == entry.script and (root / entry.file).is_file()
        assert typing.get_type_hints(type(entry.defaults()))
