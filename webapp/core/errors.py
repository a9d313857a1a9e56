"""Domain errors raised by services; views turn them into messages next to the field."""


class DomainError(Exception):
    """A rule of the plan refuses the action. `field` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class StaleEdit(DomainError):
    """Somebody saved the same object since this form was opened (optimistic lock)."""

    def __init__(self, message: str, current=None, changes: dict | None = None):
        super().__init__(message)
        self.current = current
        self.changes = changes or {}


class NotAllowed(DomainError):
    """The user may see the object but not do this to it (answered with 403)."""
