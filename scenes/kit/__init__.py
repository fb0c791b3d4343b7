"""What every scene shares: colours, captions, narration."""

from . import cache, svg_paths  # noqa: F401  (manim's cache finds the same state; SVG copies drop their path)
