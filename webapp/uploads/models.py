from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class StoredFile(db.Model):
    """An uploaded file: kept under UPLOAD_FOLDER with a generated name, never under static/."""

    __tablename__ = "stored_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)  # "2023/11/<uuid hex>"
    kind: Mapped[str] = mapped_column(String(16))  # pdf / docx / xlsx
    mimetype: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)
