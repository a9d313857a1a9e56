"""Domain errors raised by services. Each one knows its answer: the HTTP status and the message.

One handler per class (webapp.core.web) answers them: a full page for a plain request, an
out-of-band toast for htmx. A view catches one only to put its message on a form field
(`webapp.core.htmx.form_error`) and re-render that form in place.
"""


class DomainError(Exception):
    """A rule of the plan refuses the input (422). `field` names the form field it belongs to."""

    status = 422
    title = "Không thực hiện được"

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class StaleEdit(DomainError):
    """Somebody saved the same object since this form was opened (optimistic lock): 409."""

    status = 409
    title = "Nội dung vừa được người khác thay đổi"

    def __init__(self, message: str, current=None, changes: dict | None = None,
                 field: str | None = None):
        super().__init__(message, field=field)
        self.current = current
        self.changes = changes or {}


class NotAllowed(DomainError):
    """The user may see the object but not do this to it: 403."""

    status = 403
    title = "Không có quyền thực hiện"


class NotFound(DomainError):
    """The object does not exist, or belongs to a unit the user may not see: 404."""

    status = 404
    title = "Không tìm thấy"

    def __init__(self, message: str = "Trang hoặc hồ sơ bạn tìm không tồn tại.",
                 field: str | None = None):
        super().__init__(message, field=field)
