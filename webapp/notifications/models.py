from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class Notification(db.Model):
    """An in-app notice for a unit (every account of it sees it), kept in the database."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))   # returned, shortlisted, approved, due_soon...
    message: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(255), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Set when the daily job has e-mailed it to the unit's accounts (None: not yet, retried).
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Reminders are sent once per duty/day: the key makes a re-run of the daily job harmless.
    dedupe_key: Mapped[str | None] = mapped_column(String(160), unique=True)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, "Thông báo")

    @property
    def safe_link(self) -> str:
        """Only a path inside the app (never an open redirect)."""
        link = self.link or ""
        return link if link.startswith("/") and not link.startswith("//") else ""


KIND_LABELS = {
    "returned": "Yêu cầu bổ sung",
    "accepted": "Đã tiếp nhận",
    "shortlisted": "Vào danh sách đề nghị",
    "approved": "Được phê duyệt",
    "rejected": "Không được phê duyệt",
    "due_soon": "Sắp đến hạn",
    "overdue": "Quá hạn",
    "overdue_summary": "Tổng hợp quá hạn",
    "deadline": "Hạn làm việc",
    "to_screen": "Chờ xét chọn",
    "to_approve": "Chờ phê duyệt",
    "reward_list": "Danh sách khen thưởng",
}
