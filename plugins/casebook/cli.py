"""The `casebook` command: the same core the site build uses, for contributors and curators."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .collection import Collection, load_folder, load_paths
from .vocabulary import load_vocabulary
from .words import counted


def check(paths: list[str], cases_dir: str) -> int:
    """Report every problem in every file; exit 1 on any error, 0 when clean."""
    vocabulary = load_vocabulary()
    collection: Collection
    if paths:
        collection = load_paths([Path(p) for p in paths], vocabulary)
    else:
        collection = load_folder(Path(cases_dir), vocabulary)
    for problem in collection.problems:
        print(problem)
    errors, warnings = len(collection.errors), len(collection.warnings)
    summary = f"{counted(len(collection.cases), 'case')} valid"
    if errors or warnings:
        summary += f"; {counted(errors, 'error')}, {counted(warnings, 'warning')}"
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casebook",
        description="Check and create Casebook case studies.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check_parser = commands.add_parser(
        "check", help="check case files: one line per problem, as path:line: field: message"
    )
    check_parser.add_argument("paths", nargs="*", help="files to check (default: every file in cases/)")
    check_parser.add_argument("--cases-dir", default="cases", help="the cases folder (default: cases)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return check(args.paths, args.cases_dir)
    except KeyboardInterrupt:
        return 130
    return 2


if __name__ == "__main__":
    sys.exit(main())
