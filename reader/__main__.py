"""`python -m reader` runs the same command line as the `reader` script."""

import sys

from reader.cli import main

sys.exit(main())
