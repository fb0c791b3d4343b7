# Two commands do everything on a fresh Debian machine:
#   make video   set up if needed, then render every lecture scene at high quality
#   make test    set up if needed, then run the whole test suite
.PHONY: setup video site test benchmark clean

VENV    := .venv/bin
MANIM   := $(VENV)/manim
QUALITY ?= h
# One scene class per file; shared code lives in scenes/kit/.
SCENES  := $(filter-out scenes/__init__.py,$(sort $(wildcard scenes/*.py)))

setup:
	@scripts/setup.sh

video: setup
	@set -e; for scene in $(SCENES); do \
		echo "== rendering $$scene (-q$(QUALITY))"; \
		$(MANIM) render -q$(QUALITY) $$scene; \
	done
	@echo "Videos are under media/videos/<scene>/"

# Every variant in variants.toml (or VARIANTS="a b"), published as a course page in media/site/.
site: setup
	$(VENV)/python -m scenes.kit.publish -q $(QUALITY) $(VARIANTS)

test: setup
	$(VENV)/python -m pytest

benchmark: setup
	$(VENV)/python scripts/benchmark.py

clean:
	rm -rf media/videos media/images media/Tex media/texts media/partial_movie_files
