"""``python -m jiexiang_policy`` runs the ``jiexiang`` command."""

import sys

from .cli import main

sys.exit(main())
