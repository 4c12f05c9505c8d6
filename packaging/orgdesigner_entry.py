"""Entry point for the frozen (PyInstaller) build: the same as the ``orgdesigner`` command."""

import sys

from orgdesigner.cli import main

if __name__ == "__main__":
    sys.exit(main())
