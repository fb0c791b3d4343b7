"""Frames of a video side by side in one PNG, to look at a render at a glance.

    python scripts/contact_sheet.py media/videos/descent/480p15/GradientDescentIn2DAnd3D.mp4 -n 12
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw


def duration(video: Path) -> float:
    result = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", str(video)],
                            capture_output=True, text=True, check=True)
    return float(json.loads(result.stdout)["format"]["duration"])


def contact_sheet(video: Path, times: list[float], output: Path, columns: int = 2) -> Path:
    with tempfile.TemporaryDirectory() as scratch:
        frames = []
        for index, seconds in enumerate(times):
            path = Path(scratch) / f"{index}.png"
            subprocess.run(["ffmpeg", "-v", "error", "-y", "-ss", f"{seconds:.3f}", "-i", str(video),
                            "-frames:v", "1", str(path)], check=True)
            frame = Image.open(path).convert("RGB")
            ImageDraw.Draw(frame).text((6, 4), f"{seconds:.1f}s", fill=(255, 80, 80))
            frames.append(frame)
    width, height = frames[0].size
    rows = -(-len(frames) // columns)
    sheet = Image.new("RGB", (width * columns, height * rows), "white")
    for index, frame in enumerate(frames):
        sheet.paste(frame, ((index % columns) * width, (index // columns) * height))
    sheet.save(output)
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video", type=Path)
    parser.add_argument("-n", "--frames", type=int, default=10, help="how many frames, evenly spaced")
    parser.add_argument("-t", "--times", type=float, nargs="*", help="exact times in seconds instead")
    parser.add_argument("-o", "--output", type=Path, default=Path("contact_sheet.png"))
    arguments = parser.parse_args()
    length = duration(arguments.video)
    times = arguments.times or [length * (i + 0.5) / arguments.frames for i in range(arguments.frames)]
    times = [min(t, length - 0.1) for t in times]
    print(contact_sheet(arguments.video, times, arguments.output))


if __name__ == "__main__":
    main()
