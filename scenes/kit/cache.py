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

Importing :mod:`scenes.kit` applies the hashing once; ``tests/scenes/test_cache.py`` renders a
scene twice and reads from manim's log that the second render reused every animation.
"""

from __future__ import annotations

import numpy as np
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
    if array.dtype.kind in "fc" and array.dtype.names is None:
        array = np.round(array, HASH_DECIMALS) + 0.0  # + 0.0 turns −0.0 into 0.0: the same pixels
    return _hash_ndarray(array)


def skipped_progression(run_time: float, frame_rate: float) -> list[float]:
    """The times a skipped animation is stepped to: its last frame's, as a played one ends.

    >>> skipped_progression(1.0, 15)  # played: 0, 1/15, …, 14/15
    [0.9333333333333333]
    >>> skipped_progression(0, 15)
    [0]
    """
    times = np.arange(0, run_time, 1 / frame_rate)
    return [float(times[-1])] if len(times) else [run_time]


hashing._hash_ndarray = hash_ndarray  # _CustomEncoder.default looks it up in the module each time
