"""`python -m reader` runs the same command line as the `reader` script."""

import sys

from reader.cli import main

if __name__ == "__main__":  # a spawned worker process imports this module too
    sys.exit(main())
