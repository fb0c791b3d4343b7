#!/usr/bin/env bash
# Idempotent set-up on Debian: system packages manim needs, a .venv, and this project in it.
# Runs in seconds when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
    pkg-config libcairo2-dev libpango1.0-dev          # to build pycairo and manimpango
    texlive-latex-base texlive-latex-recommended      # MathTex
    texlive-latex-extra dvisvgm
    fonts-nanum                                       # Hangul in Text (else empty boxes)
    fonts-dejavu-core                                 # ², ∂ in captions (Nanum's are tiny)
    ffmpeg                                            # faststart MP4s, posters; ffprobe in the tests
    chromium                                          # the course page, opened in a real browser by the tests
    nginx-light                                       # the course page, served by the tests as user nobody
    espeak-ng                                         # the draft voice (LECTURE_VOICE=espeak), offline
)

missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "setup: installing Debian packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv"
    "$PYTHON" -m venv .venv
fi

# Reinstall only when pyproject.toml changed since the last successful install.
stamp=.venv/.installed-pyproject
if [ ! -f "$stamp" ] || ! cmp -s pyproject.toml "$stamp"; then
    echo "setup: installing the project and its Python dependencies into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[test]'
    cp pyproject.toml "$stamp"
fi
