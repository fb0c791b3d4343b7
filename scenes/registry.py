"""The scenes there are, and what each one takes and publishes: the contract the publisher reads.

A scene file ``scenes/<name>.py`` holds one scene class and its parameters class (a frozen
:class:`~scenes.kit.variants.SceneParameters` whose defaults are the lecture's). Listing it here
is what makes it a scene: variants name it by ``name``, and publishing renders it, takes its
defaults from ``parameters`` and publishes what its plan's :meth:`~scenes.kit.variants.Plan.tables`
returns. Nothing looks for classes by their attributes.

>>> SCENES["descent"].scene
'GradientDescentIn2DAnd3D'
>>> quality_folder("l"), quality_folder("h")
('480p15', '1080p60')

``python -m scenes.registry`` prints the scene files, one per line (``make video`` renders them).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

__all__ = ["SceneEntry", "SCENES", "scene_entry", "scene_files", "quality_folder", "QUALITY_FLAGS"]


@dataclass(frozen=True)
class SceneEntry:
    """One scene: its file's stem, its scene class and its parameters class, by name."""

    name: str
    scene: str
    parameters: str

    @property
    def module_name(self) -> str:
        return f"scenes.{self.name}"

    @property
    def file(self) -> str:
        """The scene file, from the project root: what manim renders."""
        return f"scenes/{self.name}.py"

    @property
    def script(self) -> str:
        """The narration script's name (``scenes/script/<script>.toml``): the scene's own name."""
        return self.name

    def module(self) -> ModuleType:
        """The scene file, imported (this loads manim)."""
        return importlib.import_module(self.module_name)

    def defaults(self):
        """The lecture's parameters of this scene: its parameters class with no value changed."""
        return getattr(self.module(), self.parameters)()


SCENES: dict[str, SceneEntry] = {entry.name: entry for entry in (
    SceneEntry("derivative", "DerivativeOfXSquared", "DerivativeParameters"),
    SceneEntry("gradient_field", "GradientFieldOfABowl", "GradientFieldParameters"),
    SceneEntry("descent", "GradientDescentIn2DAnd3D", "DescentParameters"),
    SceneEntry("learning_rate", "LearningRateRegimes", "LearningRateParameters"),
    SceneEntry("momentum", "HeavyBallMomentum", "MomentumParameters"),
)}


def scene_entry(name: str) -> SceneEntry:
    """The scene called ``name``; a KeyError that lists the scenes there are."""
    try:
        return SCENES[name]
    except KeyError:
        raise KeyError(f"no scene {name!r}; the scenes are {', '.join(SCENES)}") from None


#: manim's quality flags (-ql, -qm, -qh, -qp, -qk).
QUALITY_FLAGS = ("l", "m", "h", "p", "k")


def quality_folder(flag: str) -> str:
    """The folder manim writes a quality's videos to (``480p15`` for ``l``), from manim's own table."""
    from manim.constants import QUALITIES

    for quality in QUALITIES.values():
        if quality["flag"] == flag:
            return f"{quality['pixel_height']}p{quality['frame_rate']}"
    raise ValueError(f"no manim quality -q{flag}; the qualities are {', '.join(QUALITY_FLAGS)}")


def scene_files() -> list[str]:
    """The scene files, as paths from the project root (``scenes/descent.py``), in the registry's order."""
    return [entry.file for entry in SCENES.values()]


if __name__ == "__main__":
    print("\n".join(scene_files()))
