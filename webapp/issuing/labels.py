"""The words of issued papers in histories and the audit log."""
from ..audit.labels import name_of, register_actions, register_object
from .models import STATE_LABELS

_PAPER_FIELDS = {
    "state": "Trạng thái văn bản", "summary": "Trích yếu", "signer_authority": "Thẩm quyền ký",
    "signer_title": "Chức vụ người ký", "signer_name": "Người ký",
    "external_recipients": "Nơi nhận ngoài hệ thống", "comment": "Ý kiến lãnh đạo",
    "route": "Cách phát hành", "withdraw_reason": "Lý do thu hồi",
    "recipient_units": "Đơn vị nhận", "number_text": "Số, ký hiệu",
    "issued_on": "Ngày ban hành", "pdf": "Tệp PDF",
}

register_object("paper", "Văn bản phát hành", fields=_PAPER_FIELDS, values={
    # the history stores the state by its label already (see papers._snap); older entries
    # may hold the code
    "state": {s.value: label for s, label in STATE_LABELS.items()},
    "route": {"digital": "Điện tử, ký số", "paper": "Bản giấy"},
})
register_object("register_entry", "Sổ văn bản đi", fields={
    "number_text": "Số, ký hiệu", "issued_on": "Ngày ban hành", "paper_id": "Văn bản",
    "withdraw_reason": "Lý do thu hồi"}, refs={"paper_id": name_of("webapp.issuing.models.Paper", "summary")})
register_object("signing_key", "Khóa ký số", fields={
    "label": "Tên khóa", "holder_name": "Chủ khóa", "backend": "Loại khóa"},
    values={"backend": {"pkcs12": "Tệp PKCS#12", "pkcs11": "Thiết bị PKCS#11"}})
register_actions({
    "paper.create": "Tạo văn bản", "paper.edit": "Sửa dự thảo", "paper.submit": "Trình ký",
    "paper.approve": "Lãnh đạo duyệt", "paper.return": "Lãnh đạo trả lại",
    "paper.number": "Cấp số", "paper.render": "Tạo bản phát hành", "paper.sign": "Ký số",
    "paper.issue": "Phát hành", "paper.route": "Chọn cách phát hành",
    "paper.withdraw": "Thu hồi", "register.entry": "Vào sổ văn bản đi",
    "signing_key.add": "Khai báo khóa ký số",
})
