"""Variants: a scene with some parameters changed, written as a Python subclass or as data.

As data, a variant is a table in ``variants.toml`` at the project root::

    [descent-oscillating]
    scene = "descent"          # the scene file scenes/descent.py
    learning_rate = "0.75"     # any field of that scene's parameters; the rest keep their defaults

Render one with plain manim by naming it in ``$LECTURE_VARIANT``::

    LECTURE_VARIANT=descent-oscillating manim -qh scenes/descent.py

(``$LECTURE_VARIANTS_FILE`` points at another variants file than the project's.)

The video is then named after the variant. Every value is checked before anything is drawn:
unknown keys, wrong types, and anything gdmath refuses are one-line errors naming the file,
the variant and the key. Nothing in the file is evaluated as code.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tomllib
import types
import typing
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from gdmath import GDMathError, Polynomial, QuadraticModel, Run, decimal_text, parse, quadratic_model
from scenes.registry import SCENES

from .voice import VOICES

__all__ = ["Plan", "SceneParameters", "LANGUAGES", "Variant", "VariantError", "VARIANTS_FILE", "VARIANT_VARIABLE",
           "VARIANTS_FILE_VARIABLE", "load_variants", "apply_variant", "changed_parameters", "check_field", "check_function", "check_drawable",
           "check_run_drawable", "check_steps", "positive_curvature_model", "FieldError", "MAX_DRAWN"]

ROOT = Path(__file__).resolve().parents[2]
VARIANTS_FILE = ROOT / "variants.toml"
VARIANT_VARIABLE = "LECTURE_VARIANT"
#: Another variants file than the project's, for example a teacher's own.
VARIANTS_FILE_VARIABLE = "LECTURE_VARIANTS_FILE"
LANGUAGES = ("ko", "en")


class VariantError(ValueError):
    """A variant that cannot be rendered; the message is one line naming file, variant and key."""


@dataclass(frozen=True)
class Plan:
    """What a scene's parameters resolve to: every value parsed, converted and checked, once.

    Each scene's plan (a frozen subclass) adds the parsed polynomials, the exact Fractions, the
    descent runs and models its beats draw; scenes, tests and the publisher read the plan, and
    nothing parses parameter text after it is made (see :meth:`SceneParameters.resolve`).
    """

    parameters: "SceneParameters"

    @property
    def language(self) -> str:
        return self.parameters.language

    def tables(self) -> dict[str, Run]:
        """The runs a course page publishes beside the video (CSV and JSON), by part; none by default."""
        return {}


@dataclass(frozen=True)
class SceneParameters:
    """Base of every scene's parameters: frozen, typed, resolved as a whole into a :class:`Plan`.

    Subclasses override :meth:`make_plan`; callers use :meth:`resolve`, which makes the plan once
    for these parameters (a variant checked before rendering and the render itself share it).
    """

    language: str = "ko"
    voice: str = "none"  # who speaks the narration: none, espeak or recorded (see scenes.kit.voice)

    def resolve(self) -> Plan:
        """The plan of these values, made once: parse, convert and check in one pass.

        Raises :class:`FieldError` (naming the key) for a bad value, or a GDMathError for a
        mathematical problem that no single key is to blame for.
        """
        plan = self.__dict__.get("_plan")
        if plan is None:
            self.check_voice()
            plan = self.make_plan()
            object.__setattr__(self, "_plan", plan)  # not a field: equality, hashing and replace() ignore it
        return plan

    def make_plan(self) -> Plan:
        """Parse, convert and check every value; subclasses extend it and return their own plan."""
        self.check_language()
        return Plan(self)

    def check_voice(self) -> None:
        if self.voice not in VOICES:
            raise FieldError("voice", f"must be one of {', '.join(VOICES)}, not {self.voice!r}")

    def check_language(self) -> None:
        if self.language not in LANGUAGES:
            raise FieldError("language", f"must be one of {', '.join(LANGUAGES)}, not {self.language!r}")


class FieldError(ValueError):
    """A parameter value that is wrong; ``key`` names the field."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


def check_field(key: str, check, *args):
    """Run ``check(*args)``; a gdmath refusal becomes a FieldError naming ``key``."""
    try:
        return check(*args)
    except (GDMathError, FieldError) as error:
        raise FieldError(key, str(error)) from None


def check_function(key: str, text: str, variables: int):
    """The polynomial ``text`` names, which must be in x alone (1) or in x and y (2)."""
    function = check_field(key, parse, text)
    if function.dimension != variables:
        raise FieldError(key, f"{text!r} must be a function of {'x alone' if variables == 1 else 'x and y'}")
    return function


def positive_curvature_model(polynomial: Polynomial, key: str) -> QuadraticModel:
    """The quadratic model of a bowl-shaped ``polynomial``, or a FieldError naming ``key``."""
    if not polynomial.is_quadratic:
        raise FieldError(key, f"{polynomial} has degree {polynomial.degree}: the thresholds need a quadratic")
    model = quadratic_model(polynomial)
    if not model.is_positive_definite:
        raise FieldError(key, f"{polynomial} is not bowl-shaped (curvatures {', '.join(map(str, model.eigenvalues))});"
                              " every curvature must be greater than 0")
    return model


def check_steps(parameters, limits: dict[str, int]) -> None:
    """Each field named in ``limits`` of ``parameters`` is a whole number from 1 to its limit (what fits on screen)."""
    for key, limit in limits.items():
        steps = getattr(parameters, key)
        if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= limit:
            raise FieldError(key, f"must be a whole number from 1 to {limit} (what fits on screen), not {steps!r}")


#: The largest size a drawn number may have. Positions on screen are floats, and a scene computes
#: more from them (f at the edge of the view, squares of distances): 10¹⁰⁰ leaves room for that.
MAX_DRAWN = Fraction(10) ** 100


def check_drawable(key: str, numbers, what: str, advice: str = "") -> None:
    """Refuse ``numbers`` (exact) that are too large to draw, naming ``key``; say what reached how far."""
    for number in numbers:
        if abs(number) > MAX_DRAWN:
            raise FieldError(key, f"{what} reaches {decimal_text(Fraction(number), 3)}, too large to draw "
                                  f"(at most 1e100){'; ' + advice if advice else ''}")


def check_run_drawable(key: str, run: Run, advice: str = "") -> None:
    """:func:`check_drawable` for every coordinate and value of ``run``, naming the step that went too far."""
    for iterate in run.iterates:
        check_drawable(key, (*iterate.point, iterate.value), f"the run by step {iterate.k}", advice)


@dataclass(frozen=True)
class Variant:
    """One variant: a name, the scene file's stem, and the parameters it changes."""

    name: str
    scene: str
    changes: dict


def read_toml(path: Path, error: type[Exception]) -> dict:
    """The TOML file at ``path`` as data; a missing or malformed file raises ``error`` with a one-line message."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{_show(path)}: no such file") from None
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{_show(path)}: not valid TOML: {problem}") from None


def load_variants(path: Path = VARIANTS_FILE) -> dict[str, Variant]:
    """Read ``variants.toml`` (structure only: values are checked per scene by :func:`changed_parameters`)."""
    data = read_toml(path, VariantError)
    variants = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise VariantError(f"{_show(path)}: [{name}] must be a table of parameters")
        scene = table.get("scene")
        if not isinstance(scene, str) or scene not in SCENES:
            raise VariantError(f"{_show(path)}: [{name}] scene: must name a scene ({', '.join(SCENES)}), "
                               f"not {scene!r}")
        variants[name] = Variant(name, scene, {k: v for k, v in table.items() if k != "scene"})
    return variants


def changed_parameters(defaults: SceneParameters, changes: dict, where: str = "") -> SceneParameters:
    """``defaults`` with ``changes`` applied, every value converted to the field's type and checked.

    >>> from scenes.kit.variants import SceneParameters
    >>> changed_parameters(SceneParameters(), {"language": "en"}).language
    'en'
    >>> changed_parameters(SceneParameters(), {"langauge": "en"}, "variants.toml: [x]")
    Traceback (most recent call last):
    ...
    scenes.kit.variants.VariantError: variants.toml: [x] langauge: unknown parameter; known: language, voice
    """
    cls = type(defaults)
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    prefix = f"{where} " if where else ""
    converted = {}
    for key, value in changes.items():
        if key not in hints:
            raise VariantError(f"{prefix}{key}: unknown parameter; known: {', '.join(names)}")
        try:
            converted[key] = _convert(value, hints[key])
        except TypeError as error:
            raise VariantError(f"{prefix}{key}: {error}") from None
    parameters = dataclasses.replace(defaults, **converted)
    try:
        parameters.resolve()
    except FieldError as error:
        raise VariantError(f"{prefix}{error.key}: {error}") from None
    except (GDMathError, ValueError) as error:
        raise VariantError(f"{prefix}{error}") from None
    return parameters


def _convert(value, hint):
    """``value`` (from TOML) as type ``hint``; numbers given for text fields mean the decimal written."""
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise TypeError(f"expected text or a number, not {_describe(value)}")
        return value if isinstance(value, str) else repr(value)
    if hint is bool:
        if not isinstance(value, bool):
            raise TypeError(f"expected true or false, not {_describe(value)}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"expected a whole number, not {_describe(value)}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"expected a number, not {_describe(value)}")
        return float(value)
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"expected a list, not {_describe(value)}")
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return tuple(_convert(item, arguments[0]) for item in value)
        if len(value) != len(arguments):
            raise TypeError(f"expected a list of {len(arguments)}, not {len(value)} items")
        return tuple(_convert(item, argument) for item, argument in zip(value, arguments))
    if origin in (typing.Union, types.UnionType) and type(None) in arguments:
        others = [a for a in arguments if a is not type(None)]
        return _convert(value, others[0])
    raise TypeError(f"cannot be set from a variant ({hint})")


def _describe(value) -> str:
    kind = {bool: "true/false", int: "a whole number", float: "a number", str: "text", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)
    return f"{kind} {value!r}"


def _show(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def apply_variant(scene_class: type) -> type:
    """The scene class itself, or, when ``$LECTURE_VARIANT`` names a variant, a subclass with its parameters.

    Scene files end with ``MyScene = apply_variant(MyScene)``. The subclass is named after the variant,
    so its video is too, and it replaces the original in the module: manim still finds one scene.
    A bad variant ends the program with a one-line error (no traceback) before anything renders.
    """
    name = os.environ.get(VARIANT_VARIABLE, "").strip()
    if not name:
        return scene_class
    try:
        return variant_class(scene_class, name, Path(os.environ.get(VARIANTS_FILE_VARIABLE) or VARIANTS_FILE))
    except VariantError as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def variant_class(scene_class: type, name: str, path: Path = VARIANTS_FILE) -> type:
    """The subclass of ``scene_class`` that the variant ``name`` in ``path`` describes."""
    variants = load_variants(path)
    if name not in variants:
        known = ", ".join(sorted(variants)) or "none"
        raise VariantError(f"{_show(path)}: no variant [{name}] ({VARIANT_VARIABLE}); known: {known}")
    variant = variants[name]
    module_stem = scene_class.__module__.rsplit(".", 1)[-1]
    if variant.scene != module_stem:
        raise VariantError(f"{_show(path)}: [{name}] is for scenes/{variant.scene}.py, not scenes/{module_stem}.py")
    parameters = changed_parameters(scene_class.parameters, variant.changes, f"{_show(path)}: [{name}]")
    return type(name, (scene_class,), {"parameters": parameters, "__module__": scene_class.__module__,
                                       "__qualname__": name, "variant_name": name})
