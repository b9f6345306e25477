"""Per-message latency and throughput through the REST channel, beside the stock `rasa init` assistant.

Usage: .venv/app/bin/python benchmarks/latency.py   (or: make bench-latency)
Starts our assistant (Rasa + app server, SQLite) and the stock assistant that
`rasa init` creates (trained in a temporary folder), both on free loopback ports,
then plays the same conversations against each: one at a time, then 20 at once.
Also reports each server's time to ready and resident memory, and the Rasa server's
top-10 functions from a py-spy sampling profile taken during our 20-conversation run
(py-spy is installed into the app environment by this script when it is missing).
Writes docs/benchmarks/latency.md. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.ops.assistant import Assistant  # noqa: E402
from bot.ops.environments import quiet_rasa_env, rasa_executable  # noqa: E402
from bot.ops.processes import ManagedProcess  # noqa: E402
from bot.ops.training import ensure_model  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.support import free_port, settings_for  # noqa: E402

SCRIPT = [
    "Hallo",
    "I'm a nurse from the Philippines, how do I get recognised?",
    "Leer",
    "and for Wittmund?",
    "Where is the immigration office in Norden?",
    "Was ist die Blaue Karte?",
    "more",
    "danke, tschüss",
]
ROUNDS = {1: 12, 20: 2}  # concurrency → scripts per conversation (bounded load)
PY_SPY = "py-spy==0.4.3"
PROFILE_SECONDS = 15


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0
        )
        pids += [int(c) for c in children]
    return total / 1024


def py_spy() -> Path:
    """The py-spy executable of the app environment, installed first if needed."""
    executable = Path(sys.executable).parent / "py-spy"
    if not executable.exists():
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", PY_SPY], check=True)
    return executable


def start_profile(pid: int, out: Path) -> subprocess.Popen[bytes]:
    """Sample the process ``pid`` for PROFILE_SECONDS into ``out`` (collapsed stacks)."""
    return subprocess.Popen(
        [str(py_spy()), "record", "--pid", str(pid), "--duration", str(PROFILE_SECONDS),
         "--rate", "100", "--format", "raw", "--output", str(out), "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _function(frame: str) -> str:
    """'validate (jsonschema/validators.py:312)' without the line and the path to site-packages."""
    frame = re.sub(r":\d+\)$", ")", frame)
    return re.sub(r"\(.*/(site-packages|lib/python3\.\d+)/", "(", frame)


def top_functions(collapsed: Path, count: int = 10) -> list[tuple[str, float, float]]:
    """The functions with the most samples: (function, % own time, % including callees)."""
    own: dict[str, int] = {}
    inclusive: dict[str, int] = {}
    samples = 0
    for line in collapsed.read_text().splitlines():
        stack, _, number = line.rpartition(" ")
        if not stack or not number.isdigit():
            continue
        n = int(number)
        samples += n
        frames = [_function(frame) for frame in stack.split(";")]
        own[frames[-1]] = own.get(frames[-1], 0) + n
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + n
    ranked = sorted(inclusive, key=lambda f: -own.get(f, 0))[:count]
    return (
        [(f, 100 * own.get(f, 0) / samples, 100 * inclusive[f] / samples) for f in ranked]
        if samples
        else []
    )


async def conversation(
    session: aiohttp.ClientSession, url: str, sender: str, rounds: int, latencies: list[float]
) -> None:
    for _ in range(rounds):
        for text in SCRIPT:
            started = time.perf_counter()
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                await response.read()
                response.raise_for_status()
            latencies.append(time.perf_counter() - started)


async def measure(
    rasa_url: str, concurrency: int, profile_pid: int | None = None, profile_out: Path | None = None
) -> dict[str, float]:
    url = f"{rasa_url}/webhooks/rest/webhook"
    latencies: list[float] = []
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await conversation(session, url, "warm-up", 1, [])
        profiler = start_profile(profile_pid, profile_out) if profile_pid and profile_out else None
        started = time.perf_counter()
        await asyncio.gather(
            *(
                conversation(
                    session, url, f"bench-{concurrency}-{n}", ROUNDS[concurrency], latencies
                )
                for n in range(concurrency)
            )
        )
        wall = time.perf_counter() - started
    if profiler is not None:
        profiler.wait(timeout=PROFILE_SECONDS + 30)
    latencies.sort()
    return {
        "messages": len(latencies),
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
        "throughput": len(latencies) / wall,
    }


def stock_assistant(folder: Path, settings: Settings) -> ManagedProcess:
    """Create and train the `rasa init` assistant in ``folder``; return its server, not started."""
    rasa = str(rasa_executable(settings))
    env = {**os.environ, **quiet_rasa_env()}
    subprocess.run(
        [rasa, "init", "--no-prompt", "--init-dir", str(folder)],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    process = ManagedProcess(
        "stock Rasa server",
        [rasa, "run", "--port", str(port), "--interface", "127.0.0.1"],
        folder / "rasa.log",
        folder,
        env,
    )
    process.port = port  # type: ignore[attr-defined]
    return process


def main() -> int:
    settings = Settings.from_env()
    model, _ = ensure_model(settings)
    results: dict[str, dict[int, dict[str, float]]] = {}
    # name, seconds to ready (None: not timed on its own), RSS MB after the runs
    servers: list[tuple[str, float | None, float]] = []
    profile: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="ems-latency-") as tmp:
        ours = settings_for(Path(tmp) / "ours")
        print("starting our assistant …", flush=True)
        py_spy()  # installed before anything is timed
        began = time.perf_counter()
        with Assistant(ours, model) as running:
            ready = time.perf_counter() - began
            rasa_pid = running.rasa.pid
            results["Ems-Achse assistant"] = {
                1: asyncio.run(measure(ours.rasa_url, 1)),
                20: asyncio.run(measure(ours.rasa_url, 20, rasa_pid, Path(tmp) / "profile.txt")),
            }
            servers.append(
                (
                    "our Rasa server (with the app server starting beside it)",
                    ready,
                    rss_mb(rasa_pid),
                )
            )
            assert running.app is not None
            servers.append(("our app server", None, rss_mb(running.app.pid)))
        if (Path(tmp) / "profile.txt").exists():
            profile = top_functions(Path(tmp) / "profile.txt")
        print("training and starting the stock `rasa init` assistant …", flush=True)
        stock_dir = Path(tmp) / "stock"
        stock_dir.mkdir()
        stock = stock_assistant(stock_dir, settings)
        began = time.perf_counter()
        stock.start()
        try:
            stock_url = f"http://127.0.0.1:{stock.port}"  # type: ignore[attr-defined]
            stock.wait_ready(f"{stock_url}/", 240)
            stock_ready = time.perf_counter() - began
            results["stock rasa init"] = {c: asyncio.run(measure(stock_url, c)) for c in ROUNDS}
            servers.append(("stock Rasa server", stock_ready, rss_mb(stock.pid)))
        finally:
            stock.stop()
    ours_r, stock_r = results["Ems-Achse assistant"], results["stock rasa init"]
    rows = [
        f"| {name} | {c} | {r[c]['messages']:.0f} | {r[c]['p50_ms']:.0f} | {r[c]['p95_ms']:.0f} | {r[c]['throughput']:.1f} |"
        for name, r in results.items()
        for c in ROUNDS
    ]
    ratios = [
        f"| {c} | {ours_r[c]['p50_ms'] / stock_r[c]['p50_ms']:.2f} | {ours_r[c]['p95_ms'] / stock_r[c]['p95_ms']:.2f} | "
        f"{ours_r[c]['throughput'] / stock_r[c]['throughput']:.2f} |"
        for c in ROUNDS
    ]
    report = f"""# Latency benchmark

Measured by `make bench-latency` on {dt.date.today()} ({os.cpu_count()} cores), both assistants on this machine,
one after the other, through Rasa's REST channel on 127.0.0.1. Each conversation plays the same {len(SCRIPT)}
messages (greeting, recognition question, place, follow-up, service question, topic question, "more", goodbye);
our assistant calls its action server for every answer, the stock `rasa init` assistant answers from its domain.

| assistant | concurrent conversations | messages | p50 ms | p95 ms | messages/s |
|---|---|---|---|---|---|
{chr(10).join(rows)}

Ratio ours / stock (latency: lower is better for both; throughput: higher is better for ours):

| concurrent conversations | p50 ratio | p95 ratio | throughput ratio |
|---|---|---|---|
{chr(10).join(ratios)}

Start-up (from starting the process until it answers) and resident memory after the runs:

| server | ready in s | RSS MB |
|---|---|---|
{chr(10).join(f"| {name} | {'–' if ready is None else f'{ready:.0f}'} | {rss:.0f} |" for name, ready, rss in servers)}

Our Rasa server's top functions by own time, sampled with py-spy ({PROFILE_SECONDS} s at 100 Hz) during the
20-conversation run:

| function (file) | % own | % with callees |
|---|---|---|
{chr(10).join(f"| `{name}` | {own:.1f} | {total:.1f} |" for name, own, total in profile) or "| (no profile) | | |"}
"""
    path = ROOT / "docs" / "benchmarks" / "latency.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
