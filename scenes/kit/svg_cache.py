"""Parsed SVGs are kept on disk, so a Text or MathTex seen in an earlier run is not parsed again.

Every ``Text``, ``MarkupText`` and ``MathTex`` is an SVG file (Pango's or dvisvgm's, which manim
keeps in its ``texts`` and ``Tex`` folders) parsed into curves by ``svgelements``, in pure
Python. manim keeps the result in memory only (``SVG_HASH_TO_MOB_MAP``), so every run parses every
caption again: in a dry run of the descent that was 5.6 s of 21.7 s. Here the curves
:meth:`SVGMobject.generate_mobject` makes are pickled into ``<media_dir>/parsed-svg/``, named by
a hash of what they are made from — the SVG's bytes, the style defaults and path settings that
``generate_mobject`` reads, the class, manim's version and this format — and loaded from there
the next time (a caption: about 4 ms against 50–100 ms to parse it).

Besides the curves, an entry keeps every attribute of the mobject itself that
``generate_mobject`` set or replaced (the groups by SVG id, and the sheen direction that its
closing ``flip`` turns): left out, a loaded mobject drew the same pixels but hashed differently,
and manim's cache missed every animation of a scene rendered again. What follows
``generate_mobject`` (placing, sizing, colouring a Text's letters) runs as before, so the
mobjects are the ones a parse gives, down to manim's hash of them: ``tests/scenes/test_svg_cache.py``
compares both, and lossless renders of the scenes are the same frame for frame with and without
this. A file
that cannot be read back (cut short, another format) is parsed again and rewritten.

Importing :mod:`scenes.kit` applies this once.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import manim
from manim import config
from manim.mobject.svg import svg_mobject

__all__ = ["entry_path", "FORMAT"]

#: Changes whenever what is stored changes, so that older entries are not read as newer ones.
FORMAT = "2"
FOLDER = "parsed-svg"

_generate_mobject = svg_mobject.SVGMobject.generate_mobject


def entry_path(mobject: svg_mobject.SVGMobject, data: bytes) -> Path:
    """Where the curves parsed from ``data`` (the SVG's bytes) for ``mobject`` are kept."""
    digest = hashlib.sha256()
    for part in (FORMAT, manim.__version__, type(mobject).__module__, type(mobject).__qualname__,
                 repr(sorted(mobject.svg_default.items())), repr(sorted(mobject.path_string_config.items())),
                 str(config.renderer)):
        digest.update(part.encode() + b"\0")
    digest.update(hashlib.sha256(data).digest())
    return Path(config.get_dir("media_dir")) / FOLDER / f"{digest.hexdigest()[:32]}.pickle"


def _generate_or_load(self):
    try:
        data = self.get_file_path().read_bytes()
    except (OSError, ValueError):
        return _generate_mobject(self)  # manim says what is wrong with the file
    path = entry_path(self, data)
    try:
        with open(path, "rb") as entry:
            mobjects, changed = pickle.load(entry)
    except FileNotFoundError:
        pass
    except Exception:  # cut short by a killed run, or not ours: parse again and replace it
        pass
    else:
        self.add(*mobjects)
        self.__dict__.update(changed)
        return self
    before = dict(self.__dict__)
    _generate_mobject(self)
    changed = {name: value for name, value in self.__dict__.items()
               if name != "submobjects" and (name not in before or before[name] is not value)}
    _store(path, pickle.dumps((self.submobjects, changed), protocol=pickle.HIGHEST_PROTOCOL))
    return self


def _store(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (two renders may write the same entry)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a media folder that cannot be written: the render goes on, parsing as manim does


svg_mobject.SVGMobject.generate_mobject = _generate_or_load  # init_svg_mobject calls it
