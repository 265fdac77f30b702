"""The production settings, unchanged but for where collectstatic writes: the bench's own
temporary folder, so that a run never touches the project's `staticfiles/`."""

import os

from strategy.settings import *

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
