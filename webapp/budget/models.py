"""Conference cost lines (plan §V), each charged to one of the plan's funding sources, with its
quantity and unit price; and who signs the budget's Tờ trình."""
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..plan.models import FundingSource, Plan

CATEGORIES = {
    "hall": "Hội trường",
    "documents": "Tài liệu hội nghị",
    "banners": "Pa nô, khẩu hiệu, băng rôn",
    "refreshments": "Nước uống, giải khát",
    "printing": "In ấn giấy mời, giấy khen",
    "other": "Chi khác",
}


class BudgetLine(db.Model):
    __tablename__ = "budget_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    amount: Mapped[int] = mapped_column(BigInteger)          # đồng = quantity x unit_price
    quantity: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    unit: Mapped[str] = mapped_column(String(32), default="", server_default="")  # "bộ", "người"
    unit_price: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")  # đồng
    funding_source_id: Mapped[int] = mapped_column(ForeignKey("funding_source.id"))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    plan: Mapped[Plan] = relationship()
    funding_source: Mapped[FundingSource] = relationship()

    @property
    def category_label(self) -> str:
        return CATEGORIES.get(self.category, self.category)

    @property
    def label(self) -> str:
        return self.description or self.category_label


class BudgetSigner(db.Model):
    """Who signs Phòng LĐTB&XH's Tờ trình of the budget (its head, or a deputy "KT.")."""

    __tablename__ = "budget_signer"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), unique=True)
    authority: Mapped[str] = mapped_column(String(64), default="", server_default="")
    title: Mapped[str] = mapped_column(String(120), default="TRƯỞNG PHÒNG",
                                       server_default="TRƯỞNG PHÒNG")
    name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
