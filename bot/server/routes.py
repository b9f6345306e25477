"""The single routing table of the app server."""

from __future__ import annotations

from aiohttp import web

from bot.server.handlers import actions, admin, cases, demo, health, widget


def add_routes(app: web.Application) -> None:
    """Register every route of the app server."""
    app.router.add_post("/webhook", actions.webhook)
    app.router.add_get("/actions", actions.list_actions)
    app.router.add_get("/health", health.health)
    app.router.add_get("/", demo.demo_page)
    app.router.add_get("/widget/config.json", widget.config)
    app.router.add_get("/widget/v/{version}/{name:.+}", widget.versioned_asset)
    app.router.add_get("/widget/{name:.+}", widget.asset)
    app.router.add_get("/admin/knowledge", admin.knowledge_status)
    app.router.add_post("/admin/knowledge/reload", admin.reload)
    app.router.add_get("/admin/feedback", admin.feedback)
    app.router.add_get("/admin/cases", cases.cases_page)
    app.router.add_post("/admin/cases/{reference}/retry", cases.retry)
    app.router.add_post("/admin/cases/{reference}/close", cases.close)
