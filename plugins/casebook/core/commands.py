"""How a message names the casebook command so that it works as printed: `casebook` where it
is on the PATH (an installed package, an activated .venv), else this checkout's wrapper
(`scripts/casebook`, which sets up .venv first) as a path from the current folder."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

# plugins/casebook/core/commands.py -> the checkout's root, where it is one.
_WRAPPER = Path(__file__).resolve().parents[3] / "scripts" / "casebook"


def casebook_command(arguments: str = "") -> str:
    """'casebook check cases/x.md' where `casebook` is on the PATH; in a checkout whose .venv
    is not, 'scripts/casebook check cases/x.md' (from the folder the person is in); elsewhere
    the installed command's full path."""
    here = Path.cwd()
    installed = Path(sys.executable).parent / "casebook"
    if shutil.which("casebook") is not None:
        name = "casebook"
    elif _WRAPPER.is_file() and here.is_relative_to(_WRAPPER.parents[1]):
        name = os.path.relpath(_WRAPPER, here)
    elif installed.is_file():
        name = str(installed)
    else:
        name = "casebook"
    return f"{name} {arguments}".rstrip()
