"""Papers the app drafts and issues, the outgoing register (sổ đăng ký văn bản đi) and its
counters, the recipients' copies, and the keys that sign them."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..plan.models import Plan, Unit
from ..uploads.models import StoredFile


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    NUMBERED = "numbered"
    SIGNED = "signed"
    ISSUED = "issued"
    WITHDRAWN = "withdrawn"


STATE_LABELS = {
    State.DRAFT: "Dự thảo",
    State.SUBMITTED: "Trình ký, chờ lãnh đạo duyệt",
    State.RETURNED: "Lãnh đạo trả lại",
    State.APPROVED: "Lãnh đạo đã duyệt",
    State.NUMBERED: "Đã cấp số",
    State.SIGNED: "Đã ký số",
    State.ISSUED: "Đã phát hành",
    State.WITHDRAWN: "Đã thu hồi",
}

# The drafting unit edits a paper while it is in these states; afterwards it is frozen.
EDITABLE = {State.DRAFT, State.RETURNED}
# A paper in these states is "the" paper of its kind (a withdrawn one makes room for a new one).
LIVE = set(State) - {State.WITHDRAWN}


class Paper(db.Model):
    """One document (văn bản) drafted in the app, from draft to issue."""

    __tablename__ = "paper"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    drafting_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    issuer: Mapped[str] = mapped_column(String(32))          # issuing body code (registers.toml)
    doc_type: Mapped[str] = mapped_column(String(16))         # QĐ, KH, GM, CV... ("" = no number)
    summary: Mapped[str] = mapped_column(Text)                # trích yếu
    signer_authority: Mapped[str] = mapped_column(String(64), default="", server_default="")
    signer_title: Mapped[str] = mapped_column(String(120), default="", server_default="")
    signer_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # Nơi nhận outside the app (one line each); units with accounts are PaperRecipient rows.
    external_recipients: Mapped[list] = mapped_column(JSON, default=list)
    # What the feature's page showed when the paper was put up for sign-off: the final
    # document is rendered from it, so the approved text is the issued text.
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    context: Mapped[dict | None] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), default=State.DRAFT,
                                       server_default=State.DRAFT.value, index=True)
    route: Mapped[str] = mapped_column(String(16), default="digital", server_default="digital")
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")  # leadership's
    withdraw_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    draft_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    final_docx_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    pdf_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    signed_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    issued_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    render_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    issued_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    plan: Mapped[Plan] = relationship()
    drafting_unit: Mapped[Unit] = relationship(lazy="joined")
    draft_file: Mapped[StoredFile | None] = relationship(foreign_keys=[draft_file_id])
    final_docx: Mapped[StoredFile | None] = relationship(foreign_keys=[final_docx_id])
    pdf_file: Mapped[StoredFile | None] = relationship(foreign_keys=[pdf_file_id])
    signed_file: Mapped[StoredFile | None] = relationship(foreign_keys=[signed_file_id])
    issued_file: Mapped[StoredFile | None] = relationship(foreign_keys=[issued_file_id])
    recipients: Mapped[list["PaperRecipient"]] = relationship(
        back_populates="paper", cascade="all, delete-orphan", order_by="PaperRecipient.id")
    entry: Mapped["RegisterEntry | None"] = relationship(back_populates="paper", uselist=False)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]

    @property
    def number_text(self) -> str:
        return self.entry.number_text if self.entry else ""

    @property
    def signer_line(self) -> str:
        title = " ".join(p for p in (self.signer_authority, self.signer_title) if p)
        return f"{title.capitalize()} {self.signer_name}".strip() if title else self.signer_name

    def __repr__(self) -> str:
        return f"<Paper {self.id} {self.kind} {self.state}>"


class PaperRecipient(db.Model):
    """A unit with accounts that receives the issued paper in its Văn bản đến."""

    __tablename__ = "paper_recipient"
    __table_args__ = (UniqueConstraint("paper_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime)

    paper: Mapped[Paper] = relationship(back_populates="recipients")
    unit: Mapped[Unit] = relationship(lazy="joined")


class RegisterCounter(db.Model):
    """The last number given in one register of one issuing body in one year (locked FOR
    UPDATE while a number is taken)."""

    __tablename__ = "register_counter"
    __table_args__ = (UniqueConstraint("issuer", "register", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer: Mapped[str] = mapped_column(String(32))
    register: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class RegisterEntry(db.Model):
    """A line of the sổ đăng ký văn bản đi: never deleted, never renumbered."""

    __tablename__ = "register_entry"
    __table_args__ = (UniqueConstraint("issuer", "register", "year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id"), unique=True)
    issuer: Mapped[str] = mapped_column(String(32), index=True)
    register: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(40))           # "QĐ-UBND"
    number_text: Mapped[str] = mapped_column(String(64))      # "05/QĐ-UBND"
    issued_on: Mapped[date] = mapped_column(Date)
    registered_at: Mapped[datetime] = mapped_column(DateTime)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    withdraw_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    paper: Mapped[Paper] = relationship(back_populates="entry")


class SigningKey(db.Model):
    """Where a signer's or a body's key lives: a PKCS#12 file (path on the server, outside
    static/) or a PKCS#11 token. The passphrase or PIN is never stored."""

    __tablename__ = "signing_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    holder: Mapped[str] = mapped_column(String(16))           # "person" / "body"
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    issuer: Mapped[str] = mapped_column(String(32), default="", server_default="")
    label: Mapped[str] = mapped_column(String(255))
    # The holder as the certificate names it (read once when the key is registered).
    holder_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    certificate_subject: Mapped[str] = mapped_column(Text, default="", server_default="")
    backend: Mapped[str] = mapped_column(String(16))          # "pkcs12" / "pkcs11"
    pkcs12_path: Mapped[str] = mapped_column(String(500), default="", server_default="")
    pkcs11_module: Mapped[str] = mapped_column(String(500), default="", server_default="")
    pkcs11_token: Mapped[str] = mapped_column(String(120), default="", server_default="")
    pkcs11_key_label: Mapped[str] = mapped_column(String(120), default="", server_default="")
    pkcs11_cert_label: Mapped[str] = mapped_column(String(120), default="", server_default="")
    image_path: Mapped[str] = mapped_column(String(500), default="", server_default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime)

    user = relationship("User")
