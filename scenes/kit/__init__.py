"""What every scene shares: colours, captions, narration."""

# manim's cache finds the same state; SVG copies drop their path; parsed SVGs are kept on disk.
from . import cache, svg_cache, svg_paths  # noqa: F401
