"""Settings for every test process (the suite under tests/ and the doctests in the packages)."""

import shutil
import tempfile

_media = None


def pytest_configure(config):
    """Give this test process a manim media folder of its own.

    Parts and doctests build MathTex in the test process, and manim compiles each formula into
    ``media/Tex`` of the current folder by default: two pytest-xdist workers compiling the same new
    formula there at once read each other's half-written files ("can't open file ….dvi"). And
    manim says nothing below a warning: its "Writing … to media/Tex" would be a doctest's output.
    """
    global _media
    from manim import config as manim_config
    from manim import logger

    _media = tempfile.mkdtemp(prefix="manim-test-media-")
    manim_config.media_dir = _media
    logger.setLevel("WARNING")


def pytest_unconfigure(config):
    if _media is not None:
        shutil.rmtree(_media, ignore_errors=True)
