"""Delivered webhook ids in Redis are shared by every Rasa server of a deployment."""

from __future__ import annotations

import uuid

import redis

from bot.channels.redelivery import REDIS_PREFIX, RETENTION_S, RedisDeliveries
from tests.production.conftest import REDIS_URL


async def test_only_the_first_server_to_see_an_id_answers_it() -> None:
    key = f"telegram:{uuid.uuid4().hex}"
    one, other = RedisDeliveries(REDIS_URL), RedisDeliveries(REDIS_URL)
    assert await one.first_time(key) is True
    assert await other.first_time(key) is False
    ttl = redis.Redis.from_url(REDIS_URL).ttl(REDIS_PREFIX + key)
    assert 0 < ttl <= RETENTION_S  # bounded retention
    redis.Redis.from_url(REDIS_URL).delete(REDIS_PREFIX + key)
