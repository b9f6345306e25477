"""``python -m bot …``: run, serve, train, db upgrade, knowledge, cases, privacy, endpoints."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from sqlalchemy.exc import SQLAlchemyError

from bot.db.engine import UnsupportedDatabase, masked
from bot.knowledge.errors import KnowledgeInvalid
from bot.ops.environments import EnvironmentMissing
from bot.ops.processes import StartFailed
from bot.ops.training import TrainingFailed
from bot.settings import Settings, SettingsError
from bot.staff_cli import StaffCommandFailed, cases_command, privacy_command

# Failures that deserve one clear line, not a stack trace.
_EXPECTED = (
    SettingsError, UnsupportedDatabase, EnvironmentMissing, StartFailed, TrainingFailed,
    KnowledgeInvalid, StaffCommandFailed,
)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        settings = Settings.from_env()
        return int(args.handler(settings, args))
    except KnowledgeInvalid as exc:
        _print_knowledge_errors(exc, settings)
        return 1
    except _EXPECTED as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(
            f"error: the database is not usable: {type(exc).__name__}: {exc.args[0] if exc.args else ''}",
            file=sys.stderr,
        )
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def add(name: str, handler: Callable[..., int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.set_defaults(handler=handler)
        return sub

    add("run", _run, "migrate, train if needed, start both servers until Ctrl-C")
    add("serve", _serve, "start the app server only (action webhook, demo page, health)")
    add("train", _train, "train the Rasa model if its inputs changed")
    add("endpoints", _endpoints, "print Rasa's endpoints for the current settings")
    db = add("db", _db, "database commands")
    db.add_argument("action", choices=["upgrade"])
    knowledge = add(
        "knowledge", _knowledge, "check, sync, report on or confirm the knowledge files"
    )
    knowledge.add_argument("action", choices=["check", "sync", "report", "confirm"])
    knowledge.add_argument("record", nargs="?", help="confirm: the id of the record you checked")
    knowledge.add_argument("--by", help="confirm: your name (recorded in the file)")
    knowledge.add_argument("--output", help="report: also write the report to this file")
    cases = add("cases", cases_command, "staff: list referral cases, retry or close one")
    cases.add_argument("action", choices=["list", "retry", "close"])
    cases.add_argument("reference", nargs="?", help="the case number, e.g. EA-7K3F-9QXM")
    cases.add_argument("--all", action="store_true", help="list: also closed cases")
    privacy = add("privacy", privacy_command, "erase idle conversations and long-closed cases now")
    privacy.add_argument("action", choices=["retention"])
    return parser


def _run(settings: Settings, _args: argparse.Namespace) -> int:
    from bot.ops.assistant import Assistant
    from bot.ops.credentials import render_credentials
    from bot.ops.supervisor import Supervisor

    render_credentials(settings)  # a half-configured messenger fails now, not after training
    began = time.monotonic()
    model, trained = _model(settings)
    trained_at = time.monotonic()
    assistant = Assistant(settings, model)
    assistant.check_ports()
    print("Starting the app server and the Rasa server …", flush=True)
    stop = _stop_on_signals()
    with assistant:
        ready = time.monotonic()
        _print_ready(settings, trained, trained_at - began, ready - trained_at)
        # A server that stops on its own is started again (bot/ops/supervisor.py).
        servers = [p for p in (assistant.app, assistant.rasa) if p is not None]
        supervisor = Supervisor(servers, say=lambda line: print(line, flush=True))
        while not stop():
            supervisor.tick()
            time.sleep(0.5)
        print("\nStopping …", flush=True)
    print("Stopped.")
    return 0


def _model(settings: Settings) -> tuple[Path, bool]:
    from bot.ops.training import ensure_model, model_path

    if not model_path(settings).exists():
        print(
            "Training the model (data, domain or config changed; about three minutes on two cores) …",
            flush=True,
        )
    model, trained = ensure_model(settings, progress=_progress_printer())
    if trained and sys.stdout.isatty():
        print()  # end the live progress line
    return model, trained


def _progress_printer() -> Callable[[str], None]:
    """Show training progress: one live line on a terminal, a line every 15 s in a log (CI)."""
    terminal = sys.stdout.isatty()
    last_printed = 0.0

    def show(line: str) -> None:
        nonlocal last_printed
        if terminal:
            print(f"\r\033[K{line}", end="", flush=True)
        elif time.monotonic() - last_printed >= 15:
            print(line, flush=True)
            last_printed = time.monotonic()

    return show


def _stop_on_signals() -> Callable[[], bool]:
    stopping = False

    def handle(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, handle)
    signal.signal(signal.SIGTERM, handle)
    return lambda: stopping


def _print_ready(settings: Settings, trained: bool, training_s: float, start_s: float) -> None:
    rasa, app = settings.rasa_url, settings.app_url
    print(
        f"""
The Ems-Achse welcome assistant is running.
  Chat (REST):          {rasa}/webhooks/rest/webhook
  Website (socket.io):  {rasa}/socket.io
  Demo chat page:       {app}/
  Action webhook:       {app}/webhook
  Health:               {app}/health
  Database:             {masked(settings.database_url)}
{"Trained the model" if trained else "Model unchanged, not trained"} ({training_s:.0f} s); servers ready in {start_s:.0f} s.
Logs in {settings.state_dir / "log"}. Press Ctrl-C to stop.""",
        flush=True,
    )


def _serve(settings: Settings, _args: argparse.Namespace) -> int:
    from aiohttp import web

    from bot.server.access_log import PathOnlyAccessLogger
    from bot.server.app import create_app

    logging.getLogger().setLevel(logging.INFO)
    web.run_app(
        create_app(settings),
        host=settings.app_host,
        port=settings.app_port,
        print=None,
        access_log_class=PathOnlyAccessLogger,
    )
    return 0


def _train(settings: Settings, _args: argparse.Namespace) -> int:
    model, trained = _model(settings)
    print(f"{'Trained' if trained else 'Up to date'}: {model.relative_to(settings.project_root)}")
    return 0


def _endpoints(settings: Settings, _args: argparse.Namespace) -> int:
    from ruamel.yaml import YAML

    from bot.ops.endpoints import render_endpoints

    YAML().dump(render_endpoints(settings), sys.stdout)
    return 0


def _db(settings: Settings, _args: argparse.Namespace) -> int:
    from bot.db.migrate import upgrade

    upgrade(settings.database_url)
    print(f"Database is up to date: {masked(settings.database_url)}")
    return 0


def _knowledge(settings: Settings, args: argparse.Namespace) -> int:
    from bot.knowledge.loader import load_knowledge

    if args.action == "confirm":
        return _confirm(settings, args)
    knowledge = load_knowledge(settings.knowledge_dir)
    if args.action == "check":
        counts = ", ".join(f"{len(v)} {k}" for k, v in knowledge.kinds().items())
        print(f"The knowledge files are valid: {counts}; {knowledge.drafts} drafts.")
    elif args.action == "sync":
        import asyncio

        from bot.db.engine import create_app_engine, create_sessionmaker
        from bot.db.migrate import upgrade
        from bot.db.snapshots import sync_snapshot

        upgrade(settings.database_url)

        async def sync() -> int:
            engine = create_app_engine(settings.database_url)
            try:
                snapshot = await sync_snapshot(create_sessionmaker(engine), knowledge)
            finally:
                await engine.dispose()
            return snapshot.id

        snapshot_id = asyncio.run(sync())
        print(
            f"Knowledge {knowledge.content_hash[:12]} is snapshot {snapshot_id} in {masked(settings.database_url)}."
        )
    else:
        import datetime as dt

        from bot.knowledge.report import build_report, format_report

        today = dt.date.today()
        text = format_report(build_report(knowledge, today), today)
        print(text, end="")
        if args.output:
            Path(args.output).write_text(text)
    return 0


def _confirm(settings: Settings, args: argparse.Namespace) -> int:
    """Record that a person compared a record with its live source (bot/knowledge/confirm.py)."""
    from bot.knowledge.confirm import NoSuchRecord, confirm

    if not args.record or not args.by:
        print(
            'Usage: python -m bot knowledge confirm <record-id> --by "<your name>"', file=sys.stderr
        )
        return 2
    try:
        path = confirm(settings.knowledge_dir, args.record, args.by)
    except (NoSuchRecord, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2
    print(
        f"{path.relative_to(settings.knowledge_dir.parent)}: confirmed by {args.by.strip()} today."
    )
    return 0


def _print_knowledge_errors(exc: KnowledgeInvalid, settings: Settings) -> None:
    print(f"The knowledge files have {len(exc.errors)} error(s):", file=sys.stderr)
    for error in exc.errors:
        print(f"  {error.format(settings.knowledge_dir.parent)}", file=sys.stderr)
