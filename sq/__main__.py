"""Entry point for `python -m sq`."""

import sys

from sq.cli import main

sys.exit(main())
