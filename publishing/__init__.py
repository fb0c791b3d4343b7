"""Publishing: render variants and write them out as a course page (``python -m publishing``).

``publish.py`` is the pipeline (renders in parallel, files written atomically, the page);
``sources.py`` says what a published video depends on (its fingerprint). Scenes are found through
``scenes/registry.py``, and the tables come from each scene's plan, written by ``gdmath.export``.
"""
