"""How the conference's audited objects read in histories (webapp.audit.labels)."""
from ..audit.labels import register_actions, register_object
from ..core.people import ADDRESS_LABELS

HISTORY_TYPES = ("agenda_item", "speech_slot", "script_version", "readiness_tick",
                 "conference_setting")
ADDRESSES = dict(ADDRESS_LABELS)

register_object("agenda_item", "Mục chương trình", fields={
    "position": "Thứ tự", "title": "Nội dung", "lead": "Người thực hiện",
    "duration_minutes": "Thời lượng (phút)", "mc_text": "Lời dẫn"})
register_object("speech_slot", "Tham luận", fields={
    "position": "Thứ tự phát biểu", "topic": "Chủ đề", "speaker_name": "Người trình bày",
    "speaker_title": "Chức vụ người trình bày", "speaker_address": "Xưng hô"},
    values={"speaker_address": ADDRESSES})
register_object("script_version", "Kịch bản điều hành", fields={
    "number": "Phiên bản", "present_only": "Giới thiệu đại biểu", "changes": "Số thay đổi"},
    values={"present_only": {"True": "Theo danh sách có mặt",
                             "False": "Theo danh sách xác nhận dự"}})
register_object("readiness_tick", "Công tác chuẩn bị", fields={
    "done": "Đã xong", "note": "Ghi chú"})
register_object("conference_setting", "Hội nghị", fields={"start_time": "Giờ bắt đầu"})
register_actions({
    "conference.start_time": "Đặt giờ bắt đầu", "agenda.move": "Đổi thứ tự mục chương trình",
    "agenda.update": "Sửa mục chương trình", "script.mc_text": "Sửa lời dẫn",
    "script.version": "Tải kịch bản điều hành", "speech.speaker": "Nêu người trình bày",
    "speech.move": "Đổi thứ tự tham luận", "readiness.tick": "Cập nhật công tác chuẩn bị",
})
