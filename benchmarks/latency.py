"""Per-message latency and throughput through the REST channel, beside the stock `rasa init` assistant.

Usage: .venv/app/bin/python benchmarks/latency.py   (or: make bench-latency)
Starts our assistant (Rasa + app server, SQLite) and the stock assistant that
`rasa init` creates (trained in a temporary folder), both on free loopback ports,
then plays the same conversations against each: one at a time, then 20 at once.
Writes docs/benchmarks/latency.md. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
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


async def measure(rasa_url: str, concurrency: int) -> dict[str, float]:
    url = f"{rasa_url}/webhooks/rest/webhook"
    latencies: list[float] = []
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await conversation(session, url, "warm-up", 1, [])
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
    with tempfile.TemporaryDirectory(prefix="ems-latency-") as tmp:
        ours = settings_for(Path(tmp) / "ours")
        print("starting our assistant …", flush=True)
        with Assistant(ours, model):
            results["Ems-Achse assistant"] = {
                c: asyncio.run(measure(ours.rasa_url, c)) for c in ROUNDS
            }
        print("training and starting the stock `rasa init` assistant …", flush=True)
        stock_dir = Path(tmp) / "stock"
        stock_dir.mkdir()
        stock = stock_assistant(stock_dir, settings)
        stock.start()
        try:
            stock_url = f"http://127.0.0.1:{stock.port}"  # type: ignore[attr-defined]
            stock.wait_ready(f"{stock_url}/", 240)
            results["stock rasa init"] = {c: asyncio.run(measure(stock_url, c)) for c in ROUNDS}
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
"""
    path = ROOT / "docs" / "benchmarks" / "latency.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
