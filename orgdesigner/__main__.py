"""``python -m orgdesigner``: the same as the ``orgdesigner`` command."""

import sys

from orgdesigner.cli import main

sys.exit(main())
