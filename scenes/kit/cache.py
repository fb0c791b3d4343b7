"""manim's cache finds an unchanged animation again, so re-rendering an unchanged scene reuses it.

manim names each animation's partial movie by a hash of everything it could draw: the camera,
the animation and every mobject on screen, down to the bytes of their points. A second render of
an unchanged scene missed most animations, because that state was not the same from run to run:

* **A reused animation jumped further than a played one.** manim plays an animation at the frame
  times 0, 1/fps, … below its run time, and skips one (reused from the cache, or before ``-n``,
  or all of them for ``-s``) by a single step to the run time itself. Updaters that read the
  frame's time step (the 3D camera's turn) then moved one frame further, and copies that
  animations update each frame (a ``Transform``'s start and target) were left at another time.
  :func:`skipped_progression` steps a skipped animation to its last frame's time instead, so it
  leaves the state that playing it leaves; ``NarratedScene.play`` then runs the final update
  that manim runs only after a played animation.
* **Float noise.** A dot moved to a new place every frame (``move_to``) carries rounding error in
  its last bits that depends on how many frames moved it. :func:`hash_ndarray` hashes float
  arrays rounded to 1e-9 (a 4K pixel is 3.7e-3 frame units), so states that draw the same
  pixels hash the same.

**The hash itself is cheaper** (:func:`play_hash`). manim turns every object on screen into JSON
for every animation and hashes the text: 72% of an unchanged descent's second ``-ql`` render under
the profiler. :class:`StateHash` walks the same objects with the same rules — the camera, then the
animations sorted by name, then the mobjects on screen, each object's ``__dict__`` without
:data:`manim.utils.hashing.KEYS_TO_FILTER_OUT`, a function's source and the current values of the
names it reads, float arrays rounded as below, an object met before by where it was first met —
and feeds them straight to one digest. Its keys are not manim's, so the first render after this
change renders every animation once.

Importing :mod:`scenes.kit` applies the hashing once; ``tests/scenes/test_cache.py`` renders a
scene twice and reads from manim's log that the second render reused every animation.
"""

from __future__ import annotations

import hashlib
import inspect
from types import FunctionType, MethodType, ModuleType
from typing import Any

import numpy as np
from manim.renderer import cairo_renderer
from manim.utils import hashing

#: Decimals kept when hashing float arrays: far below what a pixel can show.
HASH_DECIMALS = 9

_hash_ndarray = hashing._hash_ndarray


def hash_ndarray(array: np.ndarray) -> str:
    """manim's hash of ``array``, with floats rounded to :data:`HASH_DECIMALS` (and −0 read as 0).

    >>> hash_ndarray(np.array([0.1 + 0.2])) == hash_ndarray(np.array([0.3]))
    True
    >>> hash_ndarray(np.array([-1e-12])) == hash_ndarray(np.array([0.0]))
    True
    >>> hash_ndarray(np.array([0.3])) == hash_ndarray(np.array([0.3 + 1e-6]))
    False
    """
    return _hash_ndarray(rounded(array))


def rounded(array: np.ndarray) -> np.ndarray:
    """``array`` with floats rounded to :data:`HASH_DECIMALS` and −0 read as 0: what both hashes read."""
    if array.dtype.kind in "fc" and array.dtype.names is None:
        return array.round(HASH_DECIMALS) + 0.0  # + 0.0 turns −0.0 into 0.0: the same pixels
    return array


def skipped_progression(run_time: float, frame_rate: float) -> list[float]:
    """The times a skipped animation is stepped to: its last frame's, as a played one ends.

    >>> skipped_progression(1.0, 15)  # played: 0, 1/15, …, 14/15
    [0.9333333333333333]
    >>> skipped_progression(0, 15)
    [0]
    """
    times = np.arange(0, run_time, 1 / frame_rate)
    return [float(times[-1])] if len(times) else [run_time]


_PRIMITIVES = (str, int, float, bool, complex, type(None))
_SOURCES: dict[Any, str] = {}


def _source(function) -> str:
    """A function's source (read once per code object), as manim's hash reads it."""
    code = function.__code__
    try:
        return _SOURCES[code]
    except KeyError:
        try:
            source = inspect.getsource(function)
        except (OSError, TypeError):
            source = ""
        _SOURCES[code] = source
        return source


class StateHash:
    """One digest of everything an animation could draw, walked as manim's hash walks it.

    >>> from manim import BLUE, Circle, Square
    >>> def digest(*objects):
    ...     state = StateHash()
    ...     for obj in objects:
    ...         state.add(obj)
    ...     return state.hexdigest()
    >>> digest(Circle()) == digest(Circle()), digest(Circle()) == digest(Circle().shift([1e-3, 0, 0]))
    (True, False)
    >>> digest(Square()) == digest(Circle()), digest(Circle(color=BLUE)) == digest(Circle())
    (False, False)
    >>> digest([(-1,), (-2,)]) == digest([(-1,), (-1,)])  # the same hash value, not the same
    False
    """

    def __init__(self, include_pixel_array: bool = True):
        self._digest = hashlib.blake2b(digest_size=32)
        self._parts: list[str] = []
        self._seen: dict[tuple, int] = {}  # _memo_key → where first met
        self._alive: list[Any] = []  # what was seen stays alive, so no id is reused meanwhile
        self.include_pixel_array = include_pixel_array

    def mark(self, obj: Any) -> None:
        """Treat ``obj`` as met already (manim does so for the scene)."""
        self._seen[_memo_key(obj)] = len(self._alive)
        self._alive.append(obj)

    def add(self, obj: Any) -> None:
        self._walk(obj)
        self._flush()

    def feed(self, text: str) -> None:
        self._parts.append(text)

    def hexdigest(self) -> str:
        self._flush()
        return self._digest.hexdigest()

    def _flush(self) -> None:
        if self._parts:
            self._digest.update("\x1f".join(self._parts).encode("utf-8", "surrogatepass"))
            self._digest.update(b"\x1e")
            self._parts.clear()

    def _walk(self, obj: Any) -> None:
        parts = self._parts
        kind = type(obj)
        if kind in _PRIMITIVES or isinstance(obj, (str, int, float, complex)):
            parts.append(f"{kind.__name__}:{obj!r}")
            return
        if kind is np.ndarray and not obj.dtype.hasobject:
            parts.append(_array_digest(obj))  # by its contents, shared or not: no cycle runs through it
            return
        # Met before: as manim's hash does, an object that hashes is met again when an equal one is
        # (two equal colours, whether one object or two), any other when the same object is.
        key = _memo_key(obj)
        seen = self._seen.get(key)
        if seen is not None:
            if _same(self._alive[seen], obj):
                parts.append(f"@{seen}")
                return
            key = ("i", id(obj))  # another object of the same hash value: met by itself
            seen = self._seen.get(key)
            if seen is not None:
                parts.append(f"@{seen}")
                return
        self._seen[key] = len(self._alive)
        self._alive.append(obj)
        if kind is list or kind is tuple or isinstance(obj, (list, tuple)):
            parts.append(f"{kind.__name__}[{len(obj)}")
            for element in obj:
                self._walk(element)
            parts.append("]")
        elif isinstance(obj, dict):
            self._walk_dict(obj, kind.__name__)
        elif isinstance(obj, np.ndarray):  # a subclass, or of objects: as manim, its text
            parts.append(f"array:{obj!r}" if obj.size <= 1000 else f"array:{kind.__name__}:{obj.shape}")
        elif isinstance(obj, (MethodType, FunctionType)):
            self._walk_function(obj)
        elif isinstance(obj, ModuleType):
            parts.append(f"module:{obj.__name__}")
        elif isinstance(obj, type):
            parts.append(f"class:{obj.__module__}.{obj.__qualname__}")
        elif isinstance(obj, np.generic):
            parts.append(f"{kind.__name__}:{obj.item()!r}")
        elif isinstance(obj, (bytes, bytearray)):
            parts.append(f"bytes:{hashlib.blake2b(obj, digest_size=16).hexdigest()}")
        elif isinstance(obj, (set, frozenset)):
            if all(type(element) in _PRIMITIVES for element in obj):
                parts.append(f"set:{sorted(map(repr, obj))!r}")
            else:
                parts.append(f"set:{len(obj)}")
        else:
            attributes = getattr(obj, "__dict__", None)
            if isinstance(attributes, dict):
                self._walk_dict(attributes, f"{kind.__module__}.{kind.__qualname__}", filtered=True)
            else:
                parts.append(f"object:{kind.__module__}.{kind.__qualname__}")

    def _walk_dict(self, mapping: dict, name: str, filtered: bool = False) -> None:
        parts, walk, primitives = self._parts, self._walk, _PRIMITIVES
        parts.append(f"{name}{{{len(mapping)}")
        skip = hashing.KEYS_TO_FILTER_OUT if filtered else ()
        for key, value in mapping.items():
            if key in skip and not (self.include_pixel_array and key == "pixel_array"):
                continue
            if type(key) is str:
                parts.append(key)
            else:
                walk(key)
            kind = type(value)  # the commonest two inline: most of what a mobject holds
            if kind in primitives:
                parts.append(f"{kind.__name__}:{value!r}")
            elif kind is np.ndarray and not value.dtype.hasobject:
                parts.append(_array_digest(value))
            else:
                walk(value)
        parts.append("}")

    def _walk_function(self, function) -> None:
        bound = function.__func__ if isinstance(function, MethodType) else function
        self._parts.append(f"function:{bound.__qualname__}")
        self._parts.append(_source(bound))
        code = bound.__code__
        names: dict[str, Any] = {}
        namespace = bound.__globals__
        for name in code.co_names:
            if name in namespace:
                value = namespace[name]
                if not isinstance(value, ModuleType):
                    names[name] = value
        for name, cell in zip(code.co_freevars, bound.__closure__ or ()):
            try:
                value = cell.cell_contents
            except ValueError:  # a cell not yet filled
                continue
            if not isinstance(value, ModuleType):
                names[name] = value
        self._walk_dict(names, "names")


def _memo_key(obj: Any) -> tuple:
    try:
        return ("h", type(obj), hash(obj))
    except Exception:  # unhashable, or a hash that fails
        return ("i", id(obj))


def _same(a: Any, b: Any) -> bool:
    """Whether ``b``, met under ``a``'s hash value, counts as ``a`` met again.

    Built-in tuples and frozensets must be equal, not merely of one hash value (``hash((-1,)) ==
    hash((-2,))``); other types are taken at their hash's word, as manim's hash takes them (a
    ``ManimColor`` hashes its 8-bit hex, and its equality runs ``np.allclose``: 3 s a render).
    """
    if a is b:
        return True
    if type(a) in (tuple, frozenset):
        try:
            return (a == b) is True
        except Exception:
            return False
    return True


#: Digests of arrays met this run, by their bytes: most are met again at every animation.
_DIGESTS: dict[tuple, str] = {}
_DIGESTS_LIMIT = 64 * 2**20  # bytes of arrays kept as keys
_digests_size = 0


def _array_digest(array: np.ndarray) -> str:
    global _digests_size
    raw = array.tobytes()
    key = (array.dtype.str, array.shape, raw)
    digest = _DIGESTS.get(key)
    if digest is None:
        array = np.ascontiguousarray(rounded(array))
        digest = f"nd:{array.dtype.str}:{array.shape}:{hashlib.blake2b(array.data, digest_size=16).hexdigest()}"
        if _digests_size + len(raw) > _DIGESTS_LIMIT:
            _DIGESTS.clear()
            _digests_size = 0
        _DIGESTS[key] = digest
        _digests_size += len(raw)
    return digest


def play_hash(scene_object, camera_object, animations_list, current_mobjects_list, *, backend: str,
              encoder_fingerprint: str, renderer_state: Any) -> str:
    """The cache key of one play call: :func:`manim.utils.hashing.get_hash_from_play_call`'s inputs,
    walked by :class:`StateHash` instead of turned into JSON."""
    if backend not in {"cairo", "opengl"}:
        raise ValueError(f"Unsupported cache backend: {backend}")
    if not encoder_fingerprint:
        raise ValueError("An encoder fingerprint is required for cache identity.")
    state = StateHash(include_pixel_array=False)
    state.mark(scene_object)
    state.feed(f"lecture-state-1:{backend}:{encoder_fingerprint}")
    state.feed("camera")
    state.add(camera_object)
    state.include_pixel_array = True
    animations = sorted(animations_list, key=str)
    state.feed(f"animations:{len(animations)}")
    for animation in animations:
        state.add(animation)
    mobjects = list(current_mobjects_list)
    state.feed(f"mobjects:{len(mobjects)}")
    for mobject in mobjects:
        state.add(mobject)
    state.feed("renderer")
    state.add(renderer_state)
    return state.hexdigest()


hashing._hash_ndarray = hash_ndarray  # _CustomEncoder.default looks it up in the module each time
cairo_renderer.get_hash_from_play_call = play_hash  # the name the Cairo renderer calls
