"""gdmath is pure Python: importing it loads neither manim nor numpy."""

import subprocess
import sys


def test_import_loads_neither_manim_nor_numpy():
    code = ("import sys, gdmath, gdmath.__main__; "
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'manim', 'numpy'}); "
            "print(heavy); sys.exit(1 if heavy else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
