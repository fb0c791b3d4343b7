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
change renders every animation once. What it meets most is held short: primitive values as they
are (one ``repr`` of them all, in C), and 16-byte tokens for an array's contents, a colour's
value, a type's name, the names of an object's attributes and a function's source, each made
once per run. On the descent's 92 play calls, timed in one render against the walk that wrote
every value as text: 2.4 s against 4.1 s.

**A skipped animation paints nothing** (:func:`paint_only_what_is_seen`): manim drew its static
mobjects and its last frame and wrote neither.

Importing :mod:`scenes.kit` applies the hashing once; ``tests/scenes/test_cache.py`` renders a
scene twice and reads from manim's log that the second render reused every animation.
"""

from __future__ import annotations

import enum
import hashlib
import inspect
from types import FunctionType, MethodType, ModuleType
from typing import Any

import numpy as np
from manim import ManimColor, Mobject
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


def paint_only_what_is_seen(renderer, playing) -> None:
    """Make ``renderer`` paint no frame of a skipped animation, while ``playing()`` says one is under way.

    manim draws a skipped animation's static mobjects and its last frame, and writes neither: 2.8 s
    of the descent's unchanged ``-ql`` re-render under the profiler, one 1080p frame per animation at
    ``-qh``. Painting changes two things besides pixels, and the next key reads both: the 3D
    camera's rotation matrix, which is still set, and the table of drawing methods the camera makes
    the first time it paints, which it makes here, before the first animation, so that it is the
    same whichever animation paints first. A frame painted outside a play call (``-s`` saves the
    last one) is painted as before.
    """
    renderer.camera.type_or_raise(Mobject())  # sets camera.display_funcs
    update_frame = renderer.update_frame

    def update_frame_if_seen(scene, *arguments, **options):
        if renderer.skip_animations and playing():
            reset_rotation = getattr(renderer.camera, "reset_rotation_matrix", None)
            if reset_rotation is not None:
                reset_rotation()
            return
        update_frame(scene, *arguments, **options)

    renderer.update_frame = update_frame_if_seen


_PRIMITIVES = frozenset({str, int, float, bool, complex, type(None)})
_SOURCES: dict[Any, bytes] = {}


def _source(function) -> bytes:
    """A digest of a function's source (made once per code object): manim's hash reads the source."""
    code = function.__code__
    try:
        return _SOURCES[code]
    except KeyError:
        try:
            source = inspect.getsource(function)
        except (OSError, TypeError):
            source = ""
        digest = _SOURCES[code] = _token(source)
        return digest


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
        # What was walked, in order, in two streams. Parts: primitive values as they are, and
        # short bytes (which no primitive value is) for where an object starts and ends, a
        # reference back, and a token; they are digested as one repr at each flush, in C. Tokens:
        # 16-byte digests of what is long and met again and again (an array's contents, a type's
        # name, the names of an object's attributes, a function's source), one per b"#" part.
        self._parts: list[Any] = []
        self._tokens: list[bytes] = []
        self._seen: dict[tuple, int] = {}  # _memo_key → where first met
        self._alive: list[Any] = []  # what was seen stays alive, so no id is reused meanwhile
        self.include_pixel_array = include_pixel_array

    @property
    def include_pixel_array(self) -> bool:
        return self._skip is _SKIP_BUT_PIXELS

    @include_pixel_array.setter
    def include_pixel_array(self, include: bool) -> None:
        self._skip = _SKIP_BUT_PIXELS if include else _SKIP

    def mark(self, obj: Any) -> None:
        """Treat ``obj`` as met already (manim does so for the scene)."""
        self._seen[_memo_key(obj)] = len(self._alive)
        self._alive.append(obj)

    def add(self, obj: Any) -> None:
        self._walk(obj)
        self._flush()

    def feed(self, text: str) -> None:
        self._parts.append(text.encode("utf-8", "surrogatepass"))

    def hexdigest(self) -> str:
        self._flush()
        return self._digest.hexdigest()

    def _flush(self) -> None:
        if self._parts:
            self._digest.update(repr(self._parts).encode("utf-8", "surrogatepass"))
            self._digest.update(b"".join(self._tokens))
            self._parts.clear()
            self._tokens.clear()

    def _walk(self, obj: Any) -> None:
        parts = self._parts
        kind = type(obj)
        category = _CATEGORIES.get(kind)
        if category is None:
            category = _CATEGORIES[kind] = _category(kind)
        if category is _PRIMITIVE:
            parts.append(obj)  # its repr tells its type: 1, 1.0, True, '1', np.float64(1.0)
            return
        if category is _ARRAY and not obj.dtype.hasobject:
            parts.append(b"#")  # by its contents, shared or not: no cycle runs through it
            self._tokens.append(_array_digest(obj))
            return
        if category is _COLOUR:  # by its value, as an array: thousands a frame, one glyph each
            parts.append(b"c#")
            self._tokens.append(_array_digest(obj._internal_value))
            return
        if category is _ENUM:  # a line's joints and caps: one of a few names
            parts.append(b"e#")
            self._tokens.append(_enum_token(obj))
            return
        # Met before: as manim's hash does, an object that hashes is met again when an equal one is
        # (two equal colours, whether one object or two), any other when the same object is.
        key = _memo_key(obj, kind)
        seen = self._seen.get(key)
        if seen is not None:
            if _same(self._alive[seen], obj):
                parts.append(b"@%d" % seen)
                return
            key = ("i", id(obj))  # another object of the same hash value: met by itself
            seen = self._seen.get(key)
            if seen is not None:
                parts.append(b"@%d" % seen)
                return
        self._seen[key] = len(self._alive)
        self._alive.append(obj)
        if category is _OBJECT:
            attributes = getattr(obj, "__dict__", None)
            if isinstance(attributes, dict):
                self._walk_dict(attributes, _name(kind), self._skip)
            else:
                parts.append(b"o#")
                self._tokens.append(_name(kind))
        elif category is _SEQUENCE:
            parts.append(b"[#")
            self._tokens.append(_name(kind))
            parts.append(len(obj))
            walk = self._walk
            for element in obj:
                walk(element)
            parts.append(b"]")
        elif category is _DICT:
            self._walk_dict(obj, _name(kind))
        elif category is _ARRAY:  # a subclass, or of objects: as manim, its text
            text = f"array:{obj!r}" if obj.size <= 1000 else f"array:{kind.__name__}:{obj.shape}"
            parts.append(text.encode("utf-8", "surrogatepass"))
        elif category is _FUNCTION:
            self._walk_function(obj)
        elif category is _MODULE:
            parts.append(b"module")
            parts.append(obj.__name__)
        elif category is _CLASS:
            parts.append(b"class")
            parts.append(f"{obj.__module__}.{obj.__qualname__}")
        elif category is _NUMPY_SCALAR:
            parts.append(b"n#")
            self._tokens.append(_name(kind))
            parts.append(obj.item())
        elif category is _BYTES:
            parts.append(b"bytes:" + hashlib.blake2b(obj, digest_size=16).hexdigest().encode())
        elif all(type(element) in _PRIMITIVES for element in obj):  # a set
            parts.append(b"set")
            parts.append(sorted(map(repr, obj)))
        else:
            parts.append(b"set:%d" % len(obj))

    def _walk_dict(self, mapping: dict, name: bytes, skip: frozenset = frozenset()) -> None:
        parts, tokens, walk, primitives = self._parts, self._tokens, self._walk, _PRIMITIVES
        if skip and not skip.isdisjoint(mapping):
            mapping = {key: value for key, value in mapping.items() if key not in skip}
        keys = _keys_token(tuple(mapping))
        if keys is None:  # not all names: each key walked
            parts.append(b"{#")
            tokens.append(name)
            parts.append(len(mapping))
            for key, value in mapping.items():
                walk(key)
                walk(value)
            parts.append(b"}")
            return
        parts.append(b"{##")  # the type's name, then the attributes' names
        tokens.append(name)
        tokens.append(keys)
        for value in mapping.values():
            kind = type(value)  # the commonest two inline: most of what a mobject holds
            if kind in primitives:
                parts.append(value)
            elif kind is np.ndarray and not value.dtype.hasobject:
                parts.append(b"#")
                tokens.append(_array_digest(value))
            else:
                walk(value)
        parts.append(b"}")

    def _walk_function(self, function) -> None:
        bound = function.__func__ if isinstance(function, MethodType) else function
        self._parts.append(b"f#")
        self._parts.append(bound.__qualname__)
        self._tokens.append(_source(bound))
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
        self._walk_dict(names, _NAMES_TOKEN)


_PRIMITIVE, _ARRAY, _COLOUR, _ENUM, _SEQUENCE, _DICT, _FUNCTION, _MODULE, _CLASS, _NUMPY_SCALAR, _BYTES, _SET, \
    _OBJECT = ("primitive", "array", "colour", "enum", "sequence", "dict", "function", "module", "class",
               "numpy scalar", "bytes", "set", "object")
#: How :meth:`StateHash._walk` treats each type met, decided once per type.
_CATEGORIES: dict[type, str] = {}


def _category(kind: type) -> str:
    """How objects of ``kind`` are walked: the first of these that ``kind`` is a subclass of."""
    if kind is ManimColor:
        return _COLOUR
    for bases, category in (((str, int, float, complex, bool, type(None)), _PRIMITIVE), (np.ndarray, _ARRAY),
                            (enum.Enum, _ENUM),
                            ((list, tuple), _SEQUENCE), (dict, _DICT), ((MethodType, FunctionType), _FUNCTION),
                            (ModuleType, _MODULE), (type, _CLASS), (np.generic, _NUMPY_SCALAR),
                            ((bytes, bytearray), _BYTES), ((set, frozenset), _SET)):
        if issubclass(kind, bases):
            return category
    return _OBJECT


#: Per type, whether its objects hash by identity (object's own hash, or none at all).
_BY_IDENTITY: dict[type, bool] = {}


#: A type's name, as the stream holds it.
_NAMES: dict[type, bytes] = {}


def _token(text: str) -> bytes:
    """A 16-byte digest of ``text``: what the token stream holds."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _name(kind: type) -> bytes:
    """The token of a type's name."""
    name = _NAMES.get(kind)
    if name is None:
        name = _NAMES[kind] = _token(f"{kind.__module__}.{kind.__qualname__}")
    return name


_NAMES_TOKEN = _token("the names a function reads")
_ENUMS: dict[Any, bytes] = {}


def _enum_token(member: enum.Enum) -> bytes:
    """The token of an enumeration's member: its type's name and its own."""
    token = _ENUMS.get(member)
    if token is None:
        kind = type(member)
        token = _ENUMS[member] = _token(f"{kind.__module__}.{kind.__qualname__}.{member.name}")
    return token
#: The token of an object's attribute names, in order, by those names (None: not all text).
_KEYS: dict[tuple, bytes | None] = {}


def _keys_token(keys: tuple) -> bytes | None:
    token = _KEYS.get(keys, False)
    if token is False:
        if len(_KEYS) > 100_000:
            _KEYS.clear()
        token = _KEYS[keys] = _token(repr(keys)) if all(type(key) is str for key in keys) else None
    return token


#: What is left out of an object's attributes (manim's rule): with, and without, an image's pixels.
_SKIP = frozenset(hashing.KEYS_TO_FILTER_OUT)
_SKIP_BUT_PIXELS = _SKIP - {"pixel_array"}


def _memo_key(obj: Any, kind: type | None = None) -> tuple:
    """Where ``obj`` is filed among the objects met: by identity, or by type and hash value."""
    kind = type(obj) if kind is None else kind
    by_identity = _BY_IDENTITY.get(kind)
    if by_identity is None:
        by_identity = _BY_IDENTITY[kind] = kind.__hash__ in (object.__hash__, None)
    if by_identity:  # an identity hash is unique among live objects: filed by identity, the same
        return ("i", id(obj))
    try:
        return ("h", kind, hash(obj))
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
_DIGESTS: dict[tuple, bytes] = {}
_DIGESTS_LIMIT = 64 * 2**20  # bytes of arrays kept as keys
_digests_size = 0


def _array_digest(array: np.ndarray) -> bytes:
    global _digests_size
    raw = array.tobytes()
    key = (array.dtype.str, array.shape, raw)
    digest = _DIGESTS.get(key)
    if digest is None:
        array = np.ascontiguousarray(rounded(array))
        digest = hashlib.blake2b(f"{array.dtype.str}{array.shape}".encode(), digest_size=16)
        digest.update(array.data)
        digest = digest.digest()
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
    state.feed(f"lecture-state-2:{backend}:{encoder_fingerprint}")
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
