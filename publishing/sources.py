"""What a published video depends on: its plan, the files its scene really imports, the settings.

A variant is published again only when its fingerprint changes. The fingerprint covers the
variant's parameters as its plan holds them (``learning_rate = 0.1`` and ``= "0.1"`` are one), the
quality, manim's version, ``manim.cfg``, the scene's narration script, this publisher, and every
project file the scene file imports, followed import by import (read from the source, not by
running it): editing the descent scene's parts stales descent videos, not the derivative's.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import json
import shutil
from pathlib import Path

from scenes.kit.variants import Variant, changed_parameters
from scenes.registry import scene_entry

ROOT = Path(__file__).resolve().parents[1]

__all__ = ["project_imports", "scene_sources", "variant_plan", "fingerprint"]


def _module_file(name: str, root: Path) -> Path | None:
    """The file of project module ``name`` (``scenes.kit.style`` → scenes/kit/style.py), if it is one."""
    base = root.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_names(path: Path, root: Path) -> frozenset[str]:
    """Every module name ``path``'s import statements can mean (``from a import b``: a, and a.b)."""
    stat = path.stat()  # a file edited since (its time or size changed) is read again
    return _imports_of(path, root, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=512)
def _imports_of(path: Path, root: Path, mtime: int, size: int) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path, root)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - (node.level - 1)] if package else []
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(names)


def project_imports(*paths: Path, root: Path = ROOT) -> list[Path]:
    """``paths`` and every file of the project they import, directly or not, with their packages' ``__init__``.

    >>> sorted(p.relative_to(ROOT).as_posix() for p in project_imports(ROOT / "gdmath" / "surd.py"))[:2]
    ['gdmath/__init__.py', 'gdmath/analysis.py']
    """
    seen: set[Path] = set()
    pending = [path.resolve() for path in paths]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        names = set(_imported_names(current, root))
        # Importing a.b.c runs a/__init__.py and a/b/__init__.py first.
        names |= {".".join(name.split(".")[:i]) for name in set(names) for i in range(1, name.count(".") + 1)}
        names.add(_module_name(current, root).rpartition(".")[0])  # the package a module is in runs first
        for name in names:
            found = _module_file(name, root) if name else None
            if found is not None and found.resolve() not in seen:
                pending.append(found.resolve())
    return sorted(seen)


def scene_sources(scene: str, root: Path = ROOT) -> list[Path]:
    """The files ``scene``'s videos depend on: the settings, its script, this publisher, what it imports."""
    entry = scene_entry(scene)
    scene_file = root / entry.file
    publisher = sorted((root / "publishing").glob("*.py"))  # it writes the captions, tables and page
    imported = project_imports(*([scene_file] if scene_file.is_file() else []), *publisher, root=root)
    return [root / "manim.cfg", root / "scenes" / "script" / f"{entry.script}.toml", *imported]


def variant_plan(variant: Variant, where: str = ""):
    """The variant's plan: its scene's defaults (from the registry) with its changes, resolved once.

    A bad value raises :class:`~scenes.kit.variants.VariantError` naming ``where`` (default: the variant).
    """
    defaults = scene_entry(variant.scene).defaults()
    return changed_parameters(defaults, variant.changes, where or variant.name).resolve()


def fingerprint(variant: Variant, quality: str, root: Path = ROOT, plan=None) -> str:
    """Everything a published video depends on, as one hash (see the module's docstring).

    The environment is not part of it because none of it that the scenes read reaches a render
    (the publisher strips ``$LECTURE_*``). ``root`` is the project whose sources count; ``plan`` the
    variant's, when the caller has resolved it already.
    """
    plan = plan or variant_plan(variant)
    digest = hashlib.sha256()
    digest.update(json.dumps([variant.name, variant.scene, dataclasses.asdict(plan.parameters), quality],
                             sort_keys=True, default=str).encode())
    for source in scene_sources(variant.scene, root):
        data = source.read_bytes() if source.is_file() else b""
        # Path and length first, so that no two lists of files hash alike (kit/descent.py vs descent.py).
        digest.update(f"\0{source.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    for part in voice_inputs(variant, plan):
        digest.update(part)
    import manim  # the renderer's version matters too

    digest.update(manim.__version__.encode())
    return digest.hexdigest()


def voice_inputs(variant: Variant, plan) -> list[bytes]:
    """What a variant's voice depends on: espeak-ng's version, or the recordings and their manifest.

    Renders get no ``$LECTURE_VOICE_DIR`` (the publisher strips ``$LECTURE_*``), so recordings are
    read from the project's ``recordings/`` folder.
    """
    from scenes.kit.voice import RECORDINGS, espeak_version, recordings_folder

    voice = plan.parameters.voice
    if voice == "espeak":
        return [f"espeak\0{espeak_version(shutil.which('espeak-ng'))}".encode()]
    if voice == "recorded":
        folder = recordings_folder(plan.language, variant.name, RECORDINGS)
        files = sorted(path for path in folder.glob("*") if path.is_file()) if folder.is_dir() else []
        return [f"\0{path.name}\0".encode() + hashlib.sha256(path.read_bytes()).digest() for path in files]
    return []
