"""The build time of each way to build the site, at N synthetic cases (README: "Stack and
exit paths"). The fastest of --repeat runs counts; each runs in its own process.

    .venv/bin/python benchmarks/exit_paths.py               # N = 1000
    .venv/bin/python benchmarks/exit_paths.py --cases 200   # a quick look

Paths: MkDocs with the plugin, its speed layer on and off; ProperDocs (a maintained fork of
MkDocs 1.x) with the plugin; `casebook render` and the source it writes built by plain
MkDocs with Material, and by Zensical.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import casebook_project, measure


def fastest(command: list[str], cwd: Path, repeat: int, before=None) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        if before:
            before()
        times.append(measure(command, cwd)[0])
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        casebook_project(root, args.cases)
        serial = root / "serial.yml"
        config = (root / "mkdocs.yml").read_text()
        serial.write_text(
            config.replace("      cases_dir: cases\n", "      cases_dir: cases\n      parallel: false\n")
        )
        source = root / "source"
        zensical_site = source / "site"
        rows = [
            ("MkDocs 1.6 + Material, the plugin (speed layer on)",
             ["mkdocs", "build", "-q", "-d", "s1"], root),
            ("MkDocs 1.6 + Material, the plugin with parallel: false",
             ["mkdocs", "build", "-q", "-f", str(serial), "-d", "s2"], root),
            ("ProperDocs 1.6.7 + Material, the plugin", ["properdocs", "build", "-q", "-d", "s3"], root),
        ]  # fmt: skip
        print(f"{args.cases} cases, fastest of {args.repeat}")
        for name, command, cwd in rows:
            print(f"| {name} | {fastest(command, cwd, args.repeat):.1f} s |", flush=True)
        render = ["casebook.authoring.cli", "render", str(source)]
        print(
            f"| casebook render (writes the source) | {fastest(render, root, args.repeat):.1f} s |",
            flush=True,
        )
        plain = ["mkdocs", "build", "-q", "-f", str(source / "mkdocs.yml"), "-d", str(root / "s4")]
        print(f"| the source built by MkDocs 1.6 + Material | {fastest(plain, source, args.repeat):.1f} s |")
        zensical = ["zensical", "build", "-f", str(source / "mkdocs.yml")]
        seconds = fastest(
            zensical, source, args.repeat, lambda: shutil.rmtree(zensical_site, ignore_errors=True)
        )
        print(f"| the source built by Zensical 0.0.73 | {seconds:.1f} s |")


if __name__ == "__main__":
    main()
