"""Which capability of the product handles each kind of deliverable.

A feature registers its kinds when its blueprint is imported; a duty whose deliverable no
feature handles (or that has none) is moved by hand on the unit's dashboard.
"""
from dataclasses import dataclass

from .models import HANDED_IN, Status

VIEW_LABEL = "Xem"


@dataclass(frozen=True)
class DeliverableHandler:
    endpoint: str          # the page where the unit works on it, called with assignment_id
    action_label: str      # the button on the dashboard while the work is open: "Soạn báo cáo"
    view_label: str = VIEW_LABEL   # the same button once the work is handed in

    def label_for(self, status: str) -> str:
        """"Soạn báo cáo" while the unit still writes; "Xem" once submitted or accepted."""
        return self.view_label if Status(status) in HANDED_IN else self.action_label


_HANDLERS: dict[str, DeliverableHandler] = {}


def register(kind: str, endpoint: str, action_label: str, view_label: str = VIEW_LABEL) -> None:
    _HANDLERS[kind] = DeliverableHandler(endpoint, action_label, view_label)


def handler_for(kind: str) -> DeliverableHandler | None:
    return _HANDLERS.get(kind) if kind else None


def is_manual(kind: str) -> bool:
    return handler_for(kind) is None
