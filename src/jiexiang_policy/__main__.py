"""``python -m jiexiang_policy`` runs the ``jiexiang`` command."""

import sys

from ._script import main

sys.exit(main())
