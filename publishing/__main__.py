"""``python -m publishing``: see :mod:`publishing.publish`."""

import sys

from .publish import main

sys.exit(main())
