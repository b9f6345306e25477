"""Per-message latency and throughput through the REST channel, beside the stock `rasa init` assistant.

Usage: .venv/app/bin/python benchmarks/latency.py   (or: make bench-latency)
Starts our assistant (Rasa + app server, SQLite) and the stock assistant that
`rasa init` creates (trained in a temporary folder), both on free loopback ports,
then plays the same conversations against each: one at a time, then 20 at once.
With PostgreSQL and Redis on 127.0.0.1 it also runs the production set-up: two Rasa
servers sharing a Redis lock store and a PostgreSQL tracker store (fresh databases,
dropped afterwards), and checks that no turn was lost or stored twice.
Also reports each server's time to ready, resident memory and CPU time per message, and
the Rasa server's top-10 functions from a py-spy sampling profile under the same load
(py-spy is installed into the app environment by this script when it is missing).
Writes docs/benchmarks/latency.md and exits 1 when a target is missed. Only 127.0.0.1
is contacted.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.ops.assistant import Assistant  # noqa: E402
from bot.ops.environments import quiet_rasa_env, rasa_executable  # noqa: E402
from bot.ops.processes import ManagedProcess  # noqa: E402
from bot.ops.training import ensure_model  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.support import free_port, reachable, settings_for  # noqa: E402

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
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/0"
#: The issue's targets, as ratios ours / stock measured in the same run.
TARGETS = {
    "throughput at 20, one Rasa process": ("≥", 1.5),
    "p95 at 20, one Rasa process": ("≤", 1.0),
    "p50 at 1": ("≤", 1.0),
    "throughput at 20, two Rasa processes + Redis + PostgreSQL": ("≥", 2.5),
}
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
         "--rate", "100", "--format", "raw", "--native", "--output", str(out)],
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


#: The steps of a turn in Rasa's MessageProcessor, by the function that runs each.
TURN_STEPS = {
    "loading the tracker from the store": "fetch_tracker_and_update_session (rasa/core/processor.py)",
    "NLU (our intent classifier and the fallback)": "parse_message (rasa/core/processor.py)",
    "predicting the next action (the policy)": "_predict_next_with_tracker (rasa/core/processor.py)",
    "running actions (the action server call)": "_run_action (rasa/core/processor.py)",
    "saving the tracker": "save_tracker (rasa/core/processor.py)",
    "garbage collection": "gc_collect_main (libpython3.10.so.1.0)",
}


def turn_steps(collapsed: Path) -> list[tuple[str, float]]:
    """The share of all samples spent in each of TURN_STEPS (including what they call)."""
    inclusive = {name: 0 for name in TURN_STEPS}
    samples = 0
    for line in collapsed.read_text().splitlines():
        stack, _, number = line.rpartition(" ")
        if not stack or not number.isdigit():
            continue
        samples += int(number)
        frames = {_function(frame) for frame in stack.split(";")}
        for name, function in TURN_STEPS.items():
            if function in frames:
                inclusive[name] += int(number)
    return [(name, 100 * n / samples) for name, n in inclusive.items()] if samples else []


@dataclass
class Load:
    """What one load run measured."""

    latencies: list[float] = field(default_factory=list)
    unanswered: int = 0  # turns whose reply had no text
    wall_s: float = 0.0
    cpu_s: dict[str, float] = field(default_factory=dict)  # process name → CPU seconds used

    def figures(self) -> dict[str, float]:
        ordered = sorted(self.latencies)
        figures = {
            "messages": len(ordered),
            "p50_ms": statistics.median(ordered) * 1000,
            "p95_ms": ordered[int(0.95 * (len(ordered) - 1))] * 1000,
            "throughput": len(ordered) / self.wall_s,
            "unanswered": self.unanswered,
        }
        for name, seconds in self.cpu_s.items():
            figures[f"cpu_ms:{name}"] = 1000 * seconds / len(ordered)
        return figures


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def conversation(
    session: aiohttp.ClientSession, urls: list[str], sender: str, rounds: int, load: Load
) -> None:
    """Play SCRIPT ``rounds`` times as ``sender``; message k goes to ``urls[k % len(urls)]``."""
    turn = 0
    for _ in range(rounds):
        for text in SCRIPT:
            url = f"{urls[turn % len(urls)]}/webhooks/rest/webhook"
            turn += 1
            started = time.perf_counter()
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                replies = await response.json()
                response.raise_for_status()
            load.latencies.append(time.perf_counter() - started)
            if not any(isinstance(r, dict) and r.get("text") for r in replies):
                load.unanswered += 1


async def measure(
    urls: list[str],
    concurrency: int,
    prefix: str,
    *,
    cpu_of: dict[str, int] | None = None,
) -> Load:
    """``concurrency`` conversations at once against ``urls``; senders are ``prefix-<n>``."""
    load = Load()
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for url in urls:
            await conversation(session, [url], f"warm-up-{url}", 1, Load())
        cpu_before = {name: cpu_seconds(pid) for name, pid in (cpu_of or {}).items()}
        started = time.perf_counter()
        await asyncio.gather(
            *(
                conversation(session, urls, f"{prefix}-{n}", ROUNDS[concurrency], load)
                for n in range(concurrency)
            )
        )
        load.wall_s = time.perf_counter() - started
        load.cpu_s = {
            name: cpu_seconds(pid) - cpu_before[name] for name, pid in (cpu_of or {}).items()
        }
    return load


async def profile_under_load(url: str, pid: int, out: Path) -> None:
    """Sample ``pid`` with py-spy into ``out`` while 20 conversations keep it busy."""
    profiler = start_profile(pid, out)
    round_ = 0
    while profiler.poll() is None:
        await measure([url], 20, f"profiled-{round_}")
        round_ += 1
    if profiler.returncode:
        print(f"py-spy failed (exit {profiler.returncode}): no profile", flush=True)


def stored_turns(tracker_db_url: str, senders: list[str], rounds: int) -> dict[str, int]:
    """Compare the user turns PostgreSQL holds for ``senders`` with what was sent.

    Returns counts of turns lost (sent, not stored), duplicated (stored more often than
    sent) and conversations whose stored turns are out of order.
    """
    import psycopg

    expected = SCRIPT * rounds
    lost = duplicated = out_of_order = 0
    with psycopg.connect(tracker_db_url) as connection:
        for sender in senders:
            rows = connection.execute(
                "SELECT data FROM events WHERE sender_id = %s AND type_name = 'user' ORDER BY id",
                (sender,),
            ).fetchall()
            stored = [json.loads(data).get("text") for (data,) in rows]
            for text in set(expected) | set(stored):
                difference = stored.count(text) - expected.count(text)
                lost += max(0, -difference)
                duplicated += max(0, difference)
            out_of_order += stored != expected and sorted(map(str, stored)) == sorted(expected)
    return {"lost": lost, "duplicated": duplicated, "out_of_order": out_of_order}


def new_database(purpose: str) -> str:
    """A new, empty PostgreSQL database on 127.0.0.1 (trust auth); returns its URL."""
    import psycopg

    name = f"ems_bench_{purpose}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


def drop_database(url: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def production_run(state_dir: Path, model: Path) -> tuple[Load, dict[str, int]]:
    """Two Rasa servers sharing a Redis lock store and a PostgreSQL tracker store, one app
    server on PostgreSQL; 20 conversations whose messages alternate between the servers."""
    databases = [new_database("app"), new_database("tracker")]
    try:
        first = settings_for(
            state_dir,
            EMS_DATABASE_URL=databases[0],
            EMS_TRACKER_DB_URL=databases[1],
            EMS_REDIS_URL=REDIS_URL,
            EMS_ACTION_TOKEN=secrets.token_hex(16),
        )
        second = replace(first, rasa_port=free_port())
        with Assistant(first, model) as one, Assistant(second, model, with_app=False) as other:
            assert one.app is not None
            cpu_of = {
                "Rasa server 1": one.rasa.pid,
                "Rasa server 2": other.rasa.pid,
                "app server": one.app.pid,
            }
            prefix = f"production-{uuid.uuid4().hex[:6]}"
            load = asyncio.run(
                measure([first.rasa_url, second.rasa_url], 20, prefix, cpu_of=cpu_of)
            )
            check = stored_turns(databases[1], [f"{prefix}-{n}" for n in range(20)], ROUNDS[20])
        return load, check
    finally:
        for url in databases:
            drop_database(url)


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
    runs: dict[tuple[str, int], dict[str, float]] = {}  # (assistant, concurrency) → figures
    # name, seconds to ready (None: not timed on its own), RSS MB after the runs
    servers: list[tuple[str, float | None, float]] = []
    profile: list[tuple[str, float, float]] = []
    steps: list[tuple[str, float]] = []
    production: dict[str, float] | None = None
    check: dict[str, int] | None = None
    with tempfile.TemporaryDirectory(prefix="ems-latency-") as tmp:
        ours = settings_for(Path(tmp) / "ours")
        print("starting our assistant (SQLite, one Rasa process) …", flush=True)
        py_spy()  # installed before anything is timed
        began = time.perf_counter()
        with Assistant(ours, model) as running:
            ready = time.perf_counter() - began
            assert running.app is not None
            cpu_of = {"Rasa server": running.rasa.pid, "app server": running.app.pid}
            for concurrency in ROUNDS:
                runs[OURS, concurrency] = asyncio.run(
                    measure([ours.rasa_url], concurrency, f"ours-{concurrency}", cpu_of=cpu_of)
                ).figures()
            # py-spy --native stops the process for each sample, so it samples a run of its own
            asyncio.run(
                profile_under_load(ours.rasa_url, running.rasa.pid, Path(tmp) / "profile.txt")
            )
            servers.append(
                (
                    "our Rasa server (with the app server starting beside it)",
                    ready,
                    rss_mb(running.rasa.pid),
                )
            )
            servers.append(("our app server", None, rss_mb(running.app.pid)))
        if (Path(tmp) / "profile.txt").exists():
            profile = top_functions(Path(tmp) / "profile.txt")
            steps = turn_steps(Path(tmp) / "profile.txt")
        if reachable("127.0.0.1", 5432) and reachable("127.0.0.1", 6379):
            print("two Rasa servers, Redis lock store, PostgreSQL tracker store …", flush=True)
            load, check = production_run(Path(tmp) / "production", model)
            production = load.figures()
        else:
            print("PostgreSQL or Redis not reachable on 127.0.0.1: no production run", flush=True)
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
            for concurrency in ROUNDS:
                runs[STOCK, concurrency] = asyncio.run(
                    measure(
                        [stock_url],
                        concurrency,
                        f"stock-{concurrency}",
                        cpu_of={"Rasa server": stock.pid},
                    )
                ).figures()
            servers.append(("stock Rasa server", stock_ready, rss_mb(stock.pid)))
        finally:
            stock.stop()
    ratios = {
        "throughput at 20, one Rasa process": runs[OURS, 20]["throughput"]
        / runs[STOCK, 20]["throughput"],
        "p95 at 20, one Rasa process": runs[OURS, 20]["p95_ms"] / runs[STOCK, 20]["p95_ms"],
        "p50 at 1": runs[OURS, 1]["p50_ms"] / runs[STOCK, 1]["p50_ms"],
    }
    if production is not None:
        ratios["throughput at 20, two Rasa processes + Redis + PostgreSQL"] = (
            production["throughput"] / runs[STOCK, 20]["throughput"]
        )
    met = {name: _meets(ratios.get(name), *TARGETS[name]) for name in TARGETS}
    if check is not None:
        met["0 lost or duplicated turns"] = check["lost"] == check["duplicated"] == 0
    report = render(runs, production, check, ratios, met, servers, profile, steps)
    path = ROOT / "docs" / "benchmarks" / "latency.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report)
    print(report)
    return 0 if all(met.values()) else 1


OURS, STOCK = "Ems-Achse assistant (SQLite)", "stock rasa init"


def _meets(value: float | None, relation: str, target: float) -> bool:
    if value is None:
        return False
    return value >= target if relation == "≥" else value <= target


def _cpu(figures: dict[str, float]) -> str:
    parts = [
        f"{name.split(':', 1)[1]} {ms:.1f}"
        for name, ms in figures.items()
        if name.startswith("cpu_ms:")
    ]
    return ", ".join(parts)


def render(
    runs: dict[tuple[str, int], dict[str, float]],
    production: dict[str, float] | None,
    check: dict[str, int] | None,
    ratios: dict[str, float],
    met: dict[str, bool],
    servers: list[tuple[str, float | None, float]],
    profile: list[tuple[str, float, float]],
    steps: list[tuple[str, float]],
) -> str:
    """The Markdown report."""
    rows = [(name, c, r) for (name, c), r in runs.items()]
    if production is not None:
        rows.insert(
            2, ("Ems-Achse assistant (2 Rasa processes, Redis, PostgreSQL)", 20, production)
        )
    table = "\n".join(
        f"| {name} | {c} | {r['messages']:.0f} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['throughput']:.1f} | "
        f"{r['unanswered']:.0f} | {_cpu(r)} |"
        for name, c, r in rows
    )
    targets = "\n".join(
        f"| {name} | {ratios[name]:.2f} | {TARGETS[name][0]} {TARGETS[name][1]} | {'yes' if met[name] else 'no'} |"
        if name in ratios
        else f"| {name} | not measured (PostgreSQL or Redis unreachable) | {TARGETS[name][0]} {TARGETS[name][1]} | no |"
        for name in TARGETS
    )
    if check is not None:
        targets += (
            f"\n| turns lost / duplicated / conversations out of order, two Rasa processes | "
            f"{check['lost']} / {check['duplicated']} / {check['out_of_order']} | 0 / 0 | "
            f"{'yes' if met['0 lost or duplicated turns'] else 'no'} |"
        )
    return f"""# Latency benchmark

Measured by `make bench-latency` on {dt.date.today()} ({os.cpu_count()} cores), every assistant on this machine,
one after the other, through Rasa's REST channel on 127.0.0.1. Each conversation plays the same {len(SCRIPT)}
messages (greeting, recognition question, place, follow-up, service question, topic question, "more", goodbye);
our assistant calls its action server for every answer, the stock `rasa init` assistant answers from its domain.
In the production run each conversation's messages alternate between the two Rasa servers, so consecutive
turns of one conversation are handled by different processes; afterwards the stored user turns of every
conversation are compared with what was sent.

| assistant | concurrent conversations | messages | p50 ms | p95 ms | messages/s | unanswered | CPU ms per message |
|---|---|---|---|---|---|---|---|
{table}

Targets (ratios ours / stock from this run; latency lower is better, throughput higher):

| target | measured | wanted | met |
|---|---|---|---|
{targets}

Start-up (from starting the process until it answers) and resident memory after the runs:

| server | ready in s | RSS MB |
|---|---|---|
{chr(10).join(f"| {name} | {'–' if ready is None else f'{ready:.0f}'} | {rss:.0f} |" for name, ready, rss in servers)}

Our Rasa server's top functions by own time, sampled with `py-spy --native` ({PROFILE_SECONDS} s at 100 Hz)
under 20 concurrent conversations on SQLite, in a run of its own after the measured ones (native frames show time spent in C: the JSON codec, the garbage
collector, SQLite):

| function (file) | % own | % with callees |
|---|---|---|
{chr(10).join(f"| `{name}` | {own:.1f} | {total:.1f} |" for name, own, total in profile) or "| (no profile) | | |"}

The same samples by step of a turn (a step includes what it calls; the rest is Sanic, the REST channel and
the event loop):

| step | % of samples |
|---|---|
{chr(10).join(f"| {name} | {share:.1f} |" for name, share in steps) or "| (no profile) | |"}
"""


if __name__ == "__main__":
    sys.exit(main())
