"""The staff view of referral cases: a page per partner with retry and close, plus JSON."""

from __future__ import annotations

import html
import json
from dataclasses import asdict
from itertools import groupby

from aiohttp import web

from bot.db.engine import create_sessionmaker
from bot.referrals.clock import utc_now
from bot.referrals.outbox import close_case, retry_case
from bot.referrals.staff import CaseRow, list_cases
from bot.server import keys
from bot.server.handlers.admin import guard, same_origin

_HEADER = "".join(
    f"<th>{label}</th>"
    for label in ("Fall", "Status", "Weg", "Eingang (UTC)", "Person", "Anliegen", "Zustellung", "")
)
_STYLE = """body{font:15px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{border:1px solid #bbb;padding:.35rem .5rem;
text-align:left;vertical-align:top}th{background:#eef}.failed{background:#fde2e2}.open{background:#fff6d6}
form{display:inline}button{font:inherit}"""


async def cases_page(request: web.Request) -> web.Response:
    """Open, failed and delivered cases per partner (``?format=json`` for scripts)."""
    guard(request)
    statuses: tuple[str, ...] = ("failed", "open", "delivered")
    if request.query.get("closed") == "1":
        statuses += ("closed",)
    async with create_sessionmaker(request.app[keys.ENGINE])() as session:
        rows = await list_cases(session, statuses)
    if request.query.get("format") == "json":
        return web.json_response([asdict(r) for r in rows], dumps=_dumps)
    return web.Response(text=_page(rows), content_type="text/html")


def _dumps(value: object) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


def _page(rows: list[CaseRow]) -> str:
    parts = [
        "<!doctype html><html lang='de'><head><meta charset='utf-8'><title>Fälle – Willkommens-Assistent</title>",
        f"<style>{_STYLE}</style></head><body><h1>Weitergeleitete Anfragen</h1>",
        f"<p>{len(rows)} Fälle: fehlgeschlagene zuerst, dann offene (noch nicht zugestellt oder von Hand "
        "weiterzugeben), dann zugestellte. <a href='?closed=1'>Auch abgeschlossene zeigen</a></p>",
    ]
    if not rows:
        parts.append("<p>Keine Fälle.</p>")
    for partner, group in groupby(
        sorted(rows, key=lambda r: r.partner_name), key=lambda r: r.partner_name
    ):
        parts.append(f"<h2>{html.escape(partner)}</h2><table><tr>{_HEADER}</tr>")
        for row in group:
            parts.append(_row(row))
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def _row(row: CaseRow) -> str:
    e = html.escape
    delivery = f"{row.attempts} Versuch(e)"
    if row.last_error:
        delivery += f"<br>{e(row.last_error)}"
    channel = {"manual": "von Hand weitergeben", "email": "E-Mail", "webhook": "Webhook"}[
        row.channel
    ]
    actions = ""
    if row.status in ("failed", "open") and row.channel != "manual":
        actions += _button(row.reference, "retry", "Erneut senden")
    if row.status != "closed":
        actions += _button(row.reference, "close", "Abschließen")
    return (
        f"<tr class='{e(row.status)}'><td>{e(row.reference)}</td><td>{e(row.status)}</td><td>{channel}</td>"
        f"<td>{row.created_at:%Y-%m-%d %H:%M}</td><td>{e(row.name)}<br>{e(row.contact)}</td>"
        f"<td>{e(row.need)}, {e(row.place_id or '–')}, {e(row.language)}<br>{e(row.description)}</td>"
        f"<td>{delivery}</td><td>{actions}</td></tr>"
    )


def _button(reference: str, action: str, label: str) -> str:
    return (
        f"<form method='post' action='/admin/cases/{html.escape(reference)}/{action}'>"
        f"<button type='submit'>{label}</button></form>"
    )


async def retry(request: web.Request) -> web.Response:
    """Queue a case's undelivered messages again, due now."""
    return await _change(request, "retry")


async def close(request: web.Request) -> web.Response:
    """Mark a case as dealt with; its retention period starts."""
    return await _change(request, "close")


async def _change(request: web.Request, action: str) -> web.Response:
    guard(request)
    same_origin(request)
    reference = request.match_info["reference"]
    async with create_sessionmaker(request.app[keys.ENGINE])() as session, session.begin():
        try:
            if action == "retry":
                await retry_case(session, reference, utc_now())
            else:
                await close_case(session, reference, utc_now())
        except LookupError:
            raise web.HTTPNotFound(text=f"no case {reference}") from None
    if "application/json" in request.headers.get("Accept", ""):
        return web.json_response({"reference": reference, "done": action})
    raise web.HTTPSeeOther("/admin/cases")
