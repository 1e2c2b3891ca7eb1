"""Command line: ``python -m widgets validate [PACK_DIR]``.

Prints every problem in a content pack as ``file:line: field: what is wrong``
and exits with status 1 when there is any, 0 when the pack is clean.
"""

from __future__ import annotations

import argparse
import sys

from .config import get_config
from .content import load_pack
from .stories import example_errors


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="python -m widgets", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a content pack and list every problem")
    validate.add_argument(
        "pack_dir",
        nargs="?",
        help="folder of the pack (default: the configured pack, usually data/)",
    )
    args = parser.parse_args(argv)
    pack_dir = args.pack_dir or get_config().pack_dir
    pack = load_pack(pack_dir)
    # Worked examples are checked against their exercise's own widget, which the
    # loader alone cannot do (it knows no widgets).
    errors = sorted(set(pack.errors) | set(example_errors(pack)))
    if errors:
        print("\n".join(str(error) for error in errors))
        count = len(errors)
        print(f"{count} problem{'s' if count != 1 else ''} in {pack_dir}", file=sys.stderr)
        return 1
    exercises = len(pack.exercises)
    examples = sum(len(story.examples) for story in pack.stories)
    print(
        f"{pack_dir}: OK ({len(pack.steps)} steps, {exercises} exercises, "
        f"{len(pack.stories)} stories, {examples} worked examples)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
