"""The words of the budget in histories and the audit log (as its pages name them)."""
from ..audit.labels import register_actions, register_object
from ..core.formatting import money
from ..extensions import db
from ..plan.models import FundingSource
from .models import CATEGORIES
from .service import AUTHORITIES


def _source(source_id) -> str:
    source = db.session.get(FundingSource, int(source_id))
    return source.label.split(":")[0] if source else ""


register_object("budget_line", "Khoản chi hội nghị", fields={
    "category": "Khoản chi", "description": "Nội dung", "quantity": "Số lượng",
    "unit": "Đơn vị tính", "unit_price": "Đơn giá (đồng)", "amount": "Thành tiền (đồng)",
    "funding_source_id": "Nguồn kinh phí", "note": "Ghi chú",
}, values={"category": CATEGORIES},
   refs={"funding_source_id": _source, "unit_price": money, "amount": money})
register_object("budget_signer", "Người ký tờ trình kinh phí", fields={
    "authority": "Cách ký", "title": "Chức vụ", "name": "Họ và tên",
}, values={"authority": {k: v for k, v in AUTHORITIES.items() if k}})
register_actions({"budget.add": "Thêm khoản chi", "budget.update": "Sửa khoản chi",
                  "budget.delete": "Xóa khoản chi", "budget.signer": "Đặt người ký tờ trình"})
