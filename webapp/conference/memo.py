"""Reads a page makes several times (the setting, the script's duty, the kept versions, the
officials, the reward decision): read once per GET request. A write request reads afresh each
time, so a page rendered after a change never shows what was there before it."""
from flask import g, has_request_context, request


def once_per_request(key, build):
    if not has_request_context() or request.method != "GET":
        return build()
    cache = g.setdefault("conference_reads", {})
    if key not in cache:
        cache[key] = build()
    return cache[key]
