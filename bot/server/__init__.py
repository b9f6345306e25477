"""The app server: action webhook, demo chat page and health, in one aiohttp app."""
