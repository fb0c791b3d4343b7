# Two commands do everything on a fresh Debian machine:
#   make video   set up if needed, then render every lecture scene at high quality
#   make test    set up if needed, then run the whole test suite
.PHONY: setup video site test benchmark clean

VENV    := .venv/bin
MANIM   := $(VENV)/manim
QUALITY ?= h

setup:
	@scripts/setup.sh

# The scenes scenes/registry.py lists, one scene class per file; a scene whose video is up to date
# (the publisher's fingerprint, kept beside the video) is skipped. At -qh and above one scene
# renders at a time (its encoders already use the second core: 320 s against 369 s, and 350 s
# against 374 s, for two at a time); at -ql and -qm two at once (58 s against 107 s). JOBS=N overrides.
JOBS    ?= $(if $(filter l m,$(QUALITY)),2,1)
video: setup
	@$(VENV)/python -m scenes.kit.videos -q $(QUALITY) --jobs $(JOBS) $(SCENES)

# Every variant in variants.toml (or VARIANTS="a b"), published as a course page in media/site/;
# SCHEDULER=tcp://host:8786 renders them on that Dask cluster's workers.
site: setup
	$(VENV)/python -m publishing -q $(QUALITY) $(if $(SCHEDULER),--scheduler $(SCHEDULER)) $(VARIANTS)

test: setup
	$(VENV)/python -m pytest

benchmark: setup
	$(VENV)/python scripts/benchmark.py

clean:
	rm -rf media/videos media/images media/Tex media/texts media/partial_movie_files
