"""Web app under load: 50 concurrent clients on the story page for 60 s, on loopback.

Starts the app (uvicorn, its own process) on a free 127.0.0.1 port over a fresh
store, uploads a story through `POST /api/articles`, opens the story once (the
briefing is computed and cached), then runs two bounded phases with the same
number of closed-loop clients (threads, each with its own keep-alive
connection, sending its next request when the last one answered): the story
page, then the trivial `/healthz` endpoint as a same-run baseline of what the
server and this client cost without any page work. The load average is
recorded: these machines are shared, and other work skews absolute times.
Writes benchmarks/results/web_load.md.

    .venv/bin/python benchmarks/web_load.py [--story DIR] [--clients 50] [--seconds 60]
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import httpx

PROJECT = Path(__file__).resolve().parents[1]
RESULTS = PROJECT / "benchmarks" / "results"
DEFAULT_STORY = PROJECT / "samples" / "harbour-bridge-collapse"
MAX_REQUESTS = 500_000  # per phase: a hard bound besides the time limit
REQUEST_TIMEOUT = 30.0
GOAL_P95_MS = 300.0


@dataclass
class Phase:
    name: str
    path: str
    seconds: float
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    failures: int = 0

    def percentile(self, q: float) -> float:
        """The q-th percentile latency in ms (nearest rank)."""
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))] if ordered else 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.failures


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "NEWSFUSE_DB": str(db), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "TOKENIZERS_PARALLELISM": "false"}
    return subprocess.Popen([sys.executable, "-m", "uvicorn", "newsfuse.web.app:create_app", "--factory",
                             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env)


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with code {server.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    raise SystemExit("the server did not answer /healthz in time")


def upload_story(base: str, story: Path) -> tuple[str, int]:
    """Upload every article file of `story`; the story the first one was placed in, and its size."""
    files = [("files", (path.name, path.read_bytes())) for path in sorted(story.iterdir()) if path.is_file()]
    answer = httpx.post(f"{base}/api/articles", files=files, timeout=600)
    answer.raise_for_status()
    result = answer.json() if answer.status_code == 200 else finished_job(base, answer.headers["location"])["result"]
    placed = result["placed"]
    if not placed:
        raise SystemExit(f"no article of {story} was added: {result['problems']}")
    story_id = placed[0]["story_id"]
    return story_id, sum(item["story_id"] == story_id for item in placed)


def finished_job(base: str, location: str, timeout: float = 900) -> dict:
    """Poll a background job of the app (202 answers name it) until it is done; its JSON."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = httpx.get(f"{base}{location}", timeout=30).json()
        if job["state"] == "done":
            return job
        if job["state"] == "failed":
            raise SystemExit(f"the app's job failed: {job['error']}")
        time.sleep(0.5)
    raise SystemExit("the app's job did not finish in time")


def run_phase(port: int, phase: Phase, clients: int) -> None:
    """`clients` threads request `phase.path` back to back until the phase's time is up."""
    deadline = time.monotonic() + phase.seconds
    lock = threading.Lock()

    def one_client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        while time.monotonic() < deadline and phase.requests < MAX_REQUESTS:
            started = time.perf_counter()
            try:
                connection.request("GET", phase.path)
                answer = connection.getresponse()
                answer.read()
                ok = answer.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()  # reconnects on the next request
            with lock:
                if ok:
                    phase.latencies.append(time.perf_counter() - started)
                else:
                    phase.failures += 1
        connection.close()

    threads = [threading.Thread(target=one_client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def report(phases: list[Phase], clients: int, story: Path, size: int, page_bytes: int,
           load: tuple[float, float]) -> str:
    page, base = phases
    lines = [
        "## Web app under load",
        "",
        f"`benchmarks/web_load.py`: {clients} concurrent closed-loop clients (threads, keep-alive) on loopback against "
        f"one uvicorn worker, {page.seconds:.0f} s per phase. Story page of the story that "
        f"`{story.relative_to(PROJECT) if story.is_relative_to(PROJECT) else story.name}` was uploaded into "
        f"({size} articles, {page_bytes / 1024:.0f} KiB of HTML, briefing cached in the store after the first view). "
        "Baseline: the trivial `/healthz` endpoint under the same load, same run.",
        "",
        "| endpoint | requests | failed | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for phase in phases:
        lines.append(f"| `{phase.path}` | {phase.requests} | {phase.failures} | {phase.requests / phase.seconds:.0f} | "
                     f"{phase.percentile(50):.1f} | {phase.percentile(95):.1f} | {phase.percentile(99):.1f} |")
    ratio = page.percentile(95) / base.percentile(95) if base.percentile(95) else float("nan")
    verdict = "met" if page.percentile(95) < GOAL_P95_MS and page.failures == 0 else "NOT met"
    lines += [
        "",
        f"Story page p95 / baseline p95: {ratio:.2f}x. Goal (p95 under {GOAL_P95_MS:.0f} ms, no failed request): "
        f"**{verdict}**. Mean story-page latency {1000 * statistics.fmean(page.latencies or [0]):.1f} ms.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; the load generator shares the cores with the server. "
        f"Load average before / after: {load[0]:.1f} / {load[1]:.1f} (other work on the machine). "
        f"Date: {date.today().isoformat()}.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", type=Path, default=DEFAULT_STORY, help="folder of one story's article files")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each phase")
    parser.add_argument("--out", type=Path, default=RESULTS / "web_load.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsfuse-load-") as work:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(Path(work) / "load.db", port)
        try:
            wait_until_up(base, server)
            story_id, size = upload_story(base, args.story.resolve())
            path = f"/stories/{story_id}"
            briefed = httpx.get(f"{base}/api/stories/{story_id}/briefing", timeout=600)
            briefed.raise_for_status()
            if briefed.status_code == 202:  # briefed in the background: wait, so the phases time a cached page
                finished_job(base, briefed.headers["location"])
            first = httpx.get(f"{base}{path}", timeout=600)
            first.raise_for_status()
            phases = [Phase("story page", path, args.seconds), Phase("baseline", "/healthz", args.seconds)]
            load_before = os.getloadavg()[0]
            for phase in phases:
                run_phase(port, phase, args.clients)
                print(f"{phase.path}: {phase.requests} requests, {phase.failures} failed, "
                      f"p95 {phase.percentile(95):.1f} ms", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    load = (load_before, os.getloadavg()[0])
    args.out.write_text(report(phases, args.clients, args.story.resolve(), size, len(first.content), load), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
