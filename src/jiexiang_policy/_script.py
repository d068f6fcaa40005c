"""The ``jiexiang`` console script: ``--version`` is answered before the command line is built.

Building it imports argparse, typing and the message catalogue, about twice Python's own
start; ``jiexiang --version`` is asked for by scripts and CI steps that want it instant.
"""

import sys

from ._version import __version__


def main() -> int:
    """Run ``jiexiang`` with ``sys.argv``; return the exit code."""
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"jiexiang {__version__}\n")  # what the full parser prints
        return 0
    from .cli import main as run

    return run()
