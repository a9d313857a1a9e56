"""Demo drafts of the two district reports (INVENTED text, for demonstration only): every
section written; the emulation report completed and before leadership, the mid-term report
still being drafted (the units' reports are due on 22/11/2023)."""
from ..auth.models import User
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import Unit
from . import service

NOTE = "(Nội dung minh họa.)"
MID_TERM = {
    "tinh_hinh": f"{NOTE} Huyện có 22 xã, thị trấn, trong đó nhiều xã vùng bãi ngang, ven biển; "
                 "đời sống một bộ phận người dân còn khó khăn, thu nhập chưa ổn định, thiên tai "
                 "thường xuyên ảnh hưởng đến sản xuất.",
    "chi_dao": "UBND huyện ban hành Kế hoạch thực hiện Chương trình giai đoạn 2021-2025, kiện "
               "toàn Ban chỉ đạo các Chương trình mục tiêu quốc gia huyện; phân công các phòng, "
               "ban chủ trì từng dự án; tổ chức kiểm tra, giám sát định kỳ tại các xã, thị trấn.\n"
               "Công tác tuyên truyền được đẩy mạnh trên Đài Truyền thanh huyện và hệ thống loa "
               "truyền thanh cơ sở.",
    "ket_qua": "Các chính sách giảm nghèo được triển khai kịp thời, đúng đối tượng; các dự án "
               "hỗ trợ sinh kế, việc làm, nhà ở phát huy hiệu quả, góp phần giảm tỷ lệ hộ nghèo "
               "qua từng năm.",
    "han_che": "Tiến độ giải ngân một số dự án còn chậm; mô hình sinh kế quy mô nhỏ, thiếu liên "
               "kết tiêu thụ sản phẩm.\nNguyên nhân: văn bản hướng dẫn một số dự án ban hành "
               "chậm; nguồn lực đối ứng của người dân còn hạn chế.",
    "bai_hoc": "Phát huy vai trò chủ thể của người dân; lồng ghép các chương trình, dự án trên "
               "địa bàn; thường xuyên kiểm tra, đôn đốc.",
    "phuong_huong": "Phấn đấu giảm tỷ lệ hộ nghèo bình quân mỗi năm theo chỉ tiêu được giao; "
                    "đẩy nhanh tiến độ giải ngân; nhân rộng các mô hình sinh kế hiệu quả.",
    "kien_nghi": "Đề nghị UBND tỉnh sớm phân bổ vốn năm 2024 để địa phương chủ động triển khai.",
}
EMULATION = {
    "to_chuc": f"{NOTE} UBND huyện ban hành Kế hoạch tổ chức thực hiện phong trào thi đua; các "
               "cơ quan, đơn vị, địa phương tổ chức phát động, đăng ký thi đua và lồng ghép với "
               "các phong trào thi đua yêu nước khác.",
    "ket_qua": "Phong trào được các tầng lớp nhân dân hưởng ứng; nhiều mô hình giúp người nghèo "
               "phát triển sinh kế được xây dựng và nhân rộng.",
    "han_che": "Một số đơn vị chưa thường xuyên sơ kết, nhân rộng điển hình; công tác phát hiện "
               "gương người tốt, việc tốt có lúc chưa kịp thời.",
    "phuong_huong": "Tiếp tục đẩy mạnh phong trào giai đoạn 2024-2025; kịp thời khen thưởng các "
                    "tập thể, cá nhân có thành tích xuất sắc.",
    "kien_nghi": "Đề nghị các cấp quan tâm bố trí kinh phí khen thưởng cho phong trào.",
}


def _author(unit_code: str):
    return db.session.query(User).join(User.unit).filter(Unit.code == unit_code).first()


def build_scenario() -> None:
    plan = current_plan()
    if plan is None:
        return
    coordinator, home_affairs = _author("ldtbxh"), _author("noivu")
    if coordinator is not None and service.get_draft(plan, service.MID_TERM) is None:
        service.save_draft(plan, service.MID_TERM, MID_TERM, "", actor=coordinator,
                           expected_version=0)
    if home_affairs is not None and service.get_draft(plan, service.EMULATION) is None:
        service.complete(plan, service.EMULATION, EMULATION, "", actor=home_affairs,
                         expected_version=0)
