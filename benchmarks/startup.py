#!/usr/bin/env python3
"""Measure the newcomer's first run and a warm restart on a fresh clone.

Clones the repository (HEAD) into a temporary folder, runs ``make run`` there
as a newcomer would, waits for the assistant to answer "Hallo", reads the
memory of every server process, stops it with Ctrl-C (SIGINT to the process
group), then does it again (warm restart). Writes docs/benchmarks/startup.md.

Usage: python3 benchmarks/startup.py [--cold]   (--cold: no pip cache, as on a new machine)
Needs only the standard library; ports 5005 and 5055 must be free.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY = "The Ems-Achse welcome assistant is running."


def rss_mib(pid: int) -> float:
    """Resident memory of one process, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    """Every descendant of ``pid``."""
    out = subprocess.run(["ps", "-eo", "pid=,ppid="], capture_output=True, text=True).stdout
    parent = {int(a): int(b) for a, b in (line.split() for line in out.splitlines())}
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        kids = [p for p, pp in parent.items() if pp == current]
        found += kids
        frontier += kids
    return found


def command_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def one_run(clone: Path, env: dict[str, str]) -> dict[str, object]:
    """Start `make run`, wait until ready, measure, stop; return the figures."""
    started = time.monotonic()
    proc = subprocess.Popen(
        ["make", "run"],
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        output.append(line)
        if READY in line:
            break
    else:
        raise SystemExit("make run ended before the assistant was ready:\n" + "".join(output))
    ready_s = time.monotonic() - started
    # Read the rest of the banner.
    for line in proc.stdout:
        output.append(line)
        if "Press Ctrl-C" in line:
            break
    request = urllib.request.Request(
        "http://127.0.0.1:5005/webhooks/rest/webhook",
        data=json.dumps({"sender": "bench", "message": "Hallo"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    t0 = time.monotonic()
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
    first_answer_s = time.monotonic() - t0
    memory = {}
    for pid in children(proc.pid):
        cmd = command_of(pid)
        if "rasa run" in cmd or "bot.rasa_side run" in cmd:  # launched through bot/rasa_side
            memory["Rasa server"] = rss_mib(pid)
        elif "bot serve" in cmd:
            memory["app server"] = rss_mib(pid)
        elif "bot run" in cmd:
            memory["launcher"] = rss_mib(pid)
    t0 = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    rest, _ = proc.communicate(timeout=120)
    stop_s = time.monotonic() - t0
    text = "".join(output) + rest
    setup = re.search(r"Environments ready in (\d+) s", text)
    training = re.search(r"\((\d+) s\); servers ready in (\d+) s", text)
    return {
        "ready_s": round(ready_s, 1),
        "setup_s": int(setup.group(1)) if setup else 0,
        "training_s": int(training.group(1)) if training else None,
        "servers_s": int(training.group(2)) if training else None,
        "trained": "Trained the model" in text,
        "first_answer_s": round(first_answer_s, 2),
        "answer": answer[0]["text"][:60] if answer else None,
        "memory_mib": {k: round(v) for k, v in memory.items()},
        "stop_s": round(stop_s, 1),
        "exit_code": proc.returncode,
        "stopped_cleanly": "Stopped." in rest,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", action="store_true", help="install without pip's cache")
    args = parser.parse_args()
    env = {**os.environ, "PIP_NO_CACHE_DIR": "1"} if args.cold else dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="ems-fresh-") as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        first = one_run(clone, env)
        warm = one_run(clone, env)
    report = ROOT / "docs" / "benchmarks" / "startup.md"
    report.parent.mkdir(parents=True, exist_ok=True)
    rows = "\n".join(
        f"| {name} | {r['ready_s']} | {r['setup_s']} | {r['training_s']} | {r['servers_s']} "
        f"| {r['first_answer_s']} | {r['memory_mib'].get('Rasa server')} | "
        f"{r['memory_mib'].get('app server')} | {r['memory_mib'].get('launcher')} | {r['stop_s']} |"
        for name, r in (("first run, fresh clone", first), ("warm restart", warm))
    )
    report.write_text(
        f"""# Start-up benchmark

Measured by `python3 benchmarks/startup.py{" --cold" if args.cold else ""}` on {dt.date.today()}
({os.cpu_count()} cores; pip cache {"disabled" if args.cold else "as found"}). Seconds and MiB (RSS).

| run | `make run` until ready | set-up | training | servers start | first answer | Rasa MiB | app MiB | launcher MiB | stop on Ctrl-C |
|---|---|---|---|---|---|---|---|---|---|
{rows}

Raw figures: `{json.dumps({"first": first, "warm": warm})}`
"""
    )
    print(report.read_text())
    # make itself ends by the SIGINT that Ctrl-C sends the whole group; the launcher reports "Stopped."
    ok = all(
        r["stopped_cleanly"] and r["exit_code"] in (0, -signal.SIGINT) and r["answer"]
        for r in (first, warm)
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
