# Two commands do everything on a fresh Debian machine:
#   make video   set up if needed, then render every lecture scene at high quality
#   make test    set up if needed, then run the whole test suite
.PHONY: setup video site test benchmark clean

VENV    := .venv/bin
MANIM   := $(VENV)/manim
QUALITY ?= h

setup:
	@scripts/setup.sh

# The scenes scenes/registry.py lists, one scene class per file.
video: setup
	@set -e; scenes=$$($(VENV)/python -m scenes.registry); for scene in $$scenes; do \
		echo "== rendering $$scene (-q$(QUALITY))"; \
		$(MANIM) render -q$(QUALITY) $$scene; \
	done
	@echo "Videos are under media/videos/<scene>/"

# Every variant in variants.toml (or VARIANTS="a b"), published as a course page in media/site/.
site: setup
	$(VENV)/python -m publishing -q $(QUALITY) $(VARIANTS)

test: setup
	$(VENV)/python -m pytest

benchmark: setup
	$(VENV)/python scripts/benchmark.py

clean:
	rm -rf media/videos media/images media/Tex media/texts media/partial_movie_files
