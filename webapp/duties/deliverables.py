"""Which capability of the product handles each kind of deliverable.

A feature registers its kinds when its blueprint is imported; a duty whose deliverable no
feature handles (or that has none) is moved by hand on the unit's dashboard.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class DeliverableHandler:
    endpoint: str          # the page where the unit works on it, called with assignment_id
    action_label: str      # the button on the dashboard: "Soạn báo cáo"


_HANDLERS: dict[str, DeliverableHandler] = {}


def register(kind: str, endpoint: str, action_label: str) -> None:
    _HANDLERS[kind] = DeliverableHandler(endpoint, action_label)


def handler_for(kind: str) -> DeliverableHandler | None:
    return _HANDLERS.get(kind) if kind else None


def is_manual(kind: str) -> bool:
    return handler_for(kind) is None
