"""The machine line that closes every benchmark report: what ran it, and when."""

from __future__ import annotations

import os
import platform
from datetime import date


def machine_line(*, note: str = "") -> str:
    """`Machine: x86_64, 2 cores, Python 3.11.9, Linux 6.1{note}. Date: 2026-12-05.`; `note` tells the load or sharing."""
    return (f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}{note}. Date: {date.today().isoformat()}.")
