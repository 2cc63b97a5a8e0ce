"""The machine line that closes every benchmark report: what ran it, how busy it was, and when."""

from __future__ import annotations

import os
import platform
from datetime import date
from pathlib import Path


def machine_line(*, note: str = "") -> str:
    """`Machine: x86_64 (Intel(R) Xeon(R) Processor), 2 cores, Python 3.11.7, Linux 6.1{note}. Date: 2026-12-05.`

    `note` tells what else the reader should know of the machine (its load, who shares it).
    """
    return (f"Machine: {platform.machine()}{_cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}{note}. Date: {date.today().isoformat()}.")


def load_average() -> str:
    """The load averages over 1, 5 and 15 minutes (`2.9 / 6.4 / 11.6 (1/5/15 min)`), or `unknown`."""
    try:
        return " / ".join(f"{value:.1f}" for value in os.getloadavg()) + " (1/5/15 min)"
    except OSError:
        return "unknown"


def _cpu_model() -> str:
    """` (Intel(R) Xeon(R) Processor)` from /proc/cpuinfo; nothing where it does not say."""
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    model = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "")
    return f" ({model})" if model else ""
