"""What every scene shares: colours, captions, narration."""

from . import svg_paths  # noqa: F401  (SVG-built mobjects copy without their parsed path)
