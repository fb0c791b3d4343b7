"""The recording sheet: every take a video speaks, the file to record it in, and its exact sentence.

::

    python -m scenes.kit.sheet descent --language ko                 # the lecture's descent video
    python -m scenes.kit.sheet descent --variant descent-en --format html -o sheet.html
    python -m scenes.kit.sheet learning_rate --format csv            # for a spreadsheet

The sentences are the ones a render says: the sheet rehearses the scene (``manim --dry_run``,
silent, one frame a second) and reads them from its record, numbers and all. Printing the sheet
also writes them to ``sentences.json`` in the video's recordings folder, so a recording made from
this sheet is bound to the sentence it says (see :mod:`scenes.kit.voice`). Each take is marked
``to record``, ``new`` (recorded, checked at the next render), ``recorded``, ``empty`` or
``stale`` (recorded for another sentence: record it again).
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from scenes.registry import SCENES

from .narration import LANGUAGE_VARIABLE, RECORD_VARIABLE, SCRIPT_DIR
from .variants import LANGUAGES, VARIANT_VARIABLE
from .voice import (AUDIO_EXTENSIONS, VOICE_VARIABLE, VoiceError, bind_recordings, narration_fingerprint,
                    read_manifest, recording_of, recording_status, recordings_folder, sentence_fingerprint,
                    write_manifest)

__all__ = ["rehearse", "sheet", "main"]

ROOT = Path(__file__).resolve().parents[2]
#: manim's caches for rehearsals (LaTeX, text): kept between sheets, so a second one is quicker.
REHEARSAL_MEDIA = ROOT / "media" / "rehearsal"


def rehearse(scene: str, variant: str | None, language: str | None) -> dict:
    """Run the scene silently without a video; return its record (the beats it says, in order)."""
    with tempfile.TemporaryDirectory() as work:
        record_path = Path(work) / "record.json"
        env = {**os.environ, RECORD_VARIABLE: str(record_path), VOICE_VARIABLE: "none"}
        env.pop(VARIANT_VARIABLE, None)
        env.pop(LANGUAGE_VARIABLE, None)
        if variant:
            env[VARIANT_VARIABLE] = variant
        if language:
            env[LANGUAGE_VARIABLE] = language
        manim = Path(sys.executable).with_name("manim")
        command = [str(manim), "render", "-ql", "--fps", "1", "--dry_run", "--disable_caching", "--progress_bar",
                   "none", "--media_dir", str(REHEARSAL_MEDIA), SCENES[scene].file]
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0 or not record_path.is_file():
            errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
            raise VoiceError(errors[-1].removeprefix("error: ") if errors else
                             f"the rehearsal of {scene} failed: {(result.stderr.strip().splitlines() or ['?'])[-1]}")
        return json.loads(record_path.read_text(encoding="utf-8"))


def sheet(scene: str, variant: str | None = None, language: str | None = None) -> dict:
    """The sheet of a video, as data; the video's manifest is brought up to date with it."""
    record = rehearse(scene, variant, language)
    language = record["language"]
    video = variant or scene
    folder = recordings_folder(language, video)
    old = read_manifest(folder)
    if old.get("takes"):
        bind_recordings(folder, old)  # what was recorded from the last sheet says the last sheet's sentences
    manifest = {
        "scene": scene, "video": video, "language": language,
        "fingerprint": narration_fingerprint((SCRIPT_DIR / f"{SCENES[scene].script}.toml").read_bytes(),
                                             record["parameters"], language),
        "takes": {beat["take"]: {"order": order + 1, "beat": beat["beat"], "sentence": beat["text"],
                                 "spoken": beat["spoken"],
                                 "fingerprint": sentence_fingerprint(language, beat["text"])}
                  for order, beat in enumerate(record["beats"])},
        "recordings": old.get("recordings", {}),
    }
    write_manifest(folder, manifest)
    rows = []
    for take, entry in manifest["takes"].items():
        status, was = recording_status(folder, manifest, take)
        path = recording_of(folder, take)
        rows.append({"order": entry["order"], "take": take, "file": path.name if path else f"{take}.wav",
                     "status": status, "sentence": entry["sentence"], "spoken": entry["spoken"],
                     "recorded_for": was or ""})
    return {"scene": scene, "video": video, "language": language, "folder": folder, "rows": rows}


def as_text(data: dict) -> str:
    lines = [f"Recording sheet: {data['video']} ({data['language']})",
             f"Record each take into {data['folder']}/ as <take>.{'|'.join(AUDIO_EXTENSIONS)}.", ""]
    for row in data["rows"]:
        lines.append(f"{row['order']:>3}. {row['file']:<24} {row['status']}")
        lines.append(f"     {row['sentence']}")
        if row["spoken"] != row["sentence"]:
            lines.append(f"     read: {row['spoken']}")
        if row["recorded_for"]:
            lines.append(f"     (recorded for: {row['recorded_for']})")
    return "\n".join(lines) + "\n"


def as_csv(data: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["order", "take", "file", "status", "sentence", "spoken", "recorded_for"],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(data["rows"])
    return out.getvalue()


def as_html(data: dict) -> str:
    e = html.escape
    rows = "\n".join(
        f"<tr class=\"{e(row['status'].replace(' ', '-'))}\"><td>{row['order']}</td><td><code>{e(row['file'])}</code></td>"
        f"<td>{e(row['status'])}</td><td><p class=sentence>{e(row['sentence'])}</p>"
        + (f"<p class=spoken>{e(row['spoken'])}</p>" if row["spoken"] != row["sentence"] else "")
        + (f"<p class=was>recorded for: {e(row['recorded_for'])}</p>" if row["recorded_for"] else "")
        + "</td></tr>" for row in data["rows"])
    return f"""<!doctype html>
<html lang="{e(data['language'])}"><head><meta charset="utf-8">
<title>Recording sheet: {e(data['video'])} ({e(data['language'])})</title>
<style>
body {{ font-family: "NanumGothic", "DejaVu Sans", sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border-bottom: 1px solid #ccc; padding: .5em; vertical-align: top; text-align: left; }}
.sentence {{ font-size: 1.2em; margin: 0; }} .spoken, .was {{ color: #555; margin: .3em 0 0; }}
.stale td, .empty td {{ background: #fee; }} .recorded td {{ color: #777; }}
@media print {{ tr {{ break-inside: avoid; }} }}
</style></head><body>
<h1>Recording sheet: {e(data['video'])} ({e(data['language'])})</h1>
<p>Record each take into <code>{e(str(data['folder']))}/</code> as <code>&lt;take&gt;.wav</code>
(or {', '.join(AUDIO_EXTENSIONS[1:])}).</p>
<table><thead><tr><th>#</th><th>file</th><th>status</th><th>sentence</th></tr></thead>
<tbody>
{rows}
</tbody></table></body></html>
"""


FORMATS = {"text": as_text, "csv": as_csv, "html": as_html}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenes.kit.sheet", description=__doc__.split("\n")[0])
    parser.add_argument("scene", help=f"one of {', '.join(SCENES)}")
    parser.add_argument("--variant", help="a variant in variants.toml ($LECTURE_VARIANTS_FILE for another file)")
    parser.add_argument("--language", choices=LANGUAGES, help="default: the scene's or the variant's")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("-o", "--output", type=Path, help="write the sheet here (default: standard output)")
    args = parser.parse_args(argv)
    if args.scene not in SCENES:
        print(f"error: no scene {args.scene!r}; the scenes are {', '.join(SCENES)}", file=sys.stderr)
        return 2
    try:
        data = sheet(args.scene, args.variant, args.language)
    except VoiceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    text = FORMATS[args.format](data)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}: {len(data['rows'])} takes", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
