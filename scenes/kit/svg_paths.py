"""Mobjects built from SVG (every Text, MarkupText and MathTex) stop carrying their parsed SVG path.

manim's ``VMobjectFromSVGPath`` keeps the ``svgelements.Path`` it was built from (``path_obj``),
and reads it only once, when its points are generated. Every copy of the mobject deep-copies
that tree anyway: a caption of 60 Hangul syllables holds some 6 000 ``svgelements.Point``
objects. manim copies mobjects all the time (its SVG cache hands out a copy per Text, ``FadeIn``
and ``Transform`` copy what they animate), and in a dry run of the descent those copies were a
third of the time. With the path dropped once the points exist, that dry run took 10.7 s
instead of 15.7 s. The frames are the same: all 1018 of the derivative's, rendered losslessly
(``-t --format mov``, qtrle) with and without this, have the same checksums. The points are the
same too (``tests/scenes/test_svg_paths.py``).

Importing :mod:`scenes.kit` applies this once.
"""

from manim.mobject.svg import svg_mobject

_generate_points = svg_mobject.VMobjectFromSVGPath.generate_points


def _generate_points_and_drop_the_path(self):
    result = _generate_points(self)
    self.path_obj = None  # read only above; a copy no longer deep-copies the svgelements tree
    return result


svg_mobject.VMobjectFromSVGPath.generate_points = _generate_points_and_drop_the_path  # init_points calls it
