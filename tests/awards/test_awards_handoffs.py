"""Whoever acts next is told at once and finds it waiting: Phòng LĐTB&XH when a unit sends,
Phòng Nội vụ when a nomination is shortlisted, the unit on every outcome (with the reason),
leadership when the list is complete. And the history reads as Vietnamese prose."""
import pytest

from webapp.audit.labels import changes
from webapp.audit.models import AuditEntry
from webapp.awards import flow
from webapp.core.errors import NotFound
from webapp.core.inbox import waiting_for
from webapp.awards.policy import get_nomination_or_404
from webapp.extensions import db
from webapp.notifications.models import Notification

from .helpers import collective, individual, nominate


def _notes(user, kind):
    return [n.message for n in db.session.query(Notification).filter_by(unit_id=user.unit_id, kind=kind)]


def _waiting(user):
    from flask import current_app
    with current_app.test_request_context():  # the list links each item to its screen
        return {w.label: w.count for w in waiting_for(user)}


def test_each_step_tells_the_next_person_and_waits_on_their_list(users):
    n = nominate(users.commune, collective("Tổ hợp tác Tin Báo"))
    assert "Đề nghị khen thưởng chờ xét chọn" not in _waiting(users.coordinator)
    assert _waiting(users.commune)["Đề nghị khen thưởng đã lưu, chưa gửi"] == 1, \
        "a saved nomination waits on its unit's list until it is sent"
    flow.submit(n, actor=users.commune)
    assert "Đề nghị khen thưởng đã lưu, chưa gửi" not in _waiting(users.commune)
    assert _notes(users.coordinator, "to_screen") == [
        "Xã Bình Chánh gửi đề nghị khen thưởng tập thể “Tổ hợp tác Tin Báo”, chờ Phòng LĐTB&XH xét chọn."]
    assert _waiting(users.coordinator)["Đề nghị khen thưởng chờ xét chọn"] == 1
    assert _waiting(users.home_affairs).get("Đề nghị khen thưởng chờ Phòng Nội vụ duyệt", 0) == 0

    flow.shortlist(n, actor=users.coordinator)
    assert _notes(users.home_affairs, "to_approve") == [
        "Phòng LĐTB&XH chọn “Tổ hợp tác Tin Báo” (xã Bình Chánh) trình duyệt, chờ Phòng Nội vụ duyệt."]
    assert _waiting(users.home_affairs)["Đề nghị khen thưởng chờ Phòng Nội vụ duyệt"] == 1
    assert _waiting(users.coordinator).get("Đề nghị khen thưởng chờ xét chọn", 0) == 0

    flow.approve(n, "Mô hình tiêu biểu", actor=users.home_affairs)
    assert _notes(users.commune, "approved") == [
        "Đề nghị khen thưởng “Tổ hợp tác Tin Báo” đã được Phòng Nội vụ duyệt: Mô hình tiêu biểu"]

    m = nominate(users.commune, individual("Người Bổ Sung"), stage="submitted")
    flow.return_nomination(m, "Bổ sung xác nhận của xã.", actor=users.coordinator)
    assert _notes(users.commune, "returned") == [
        "Đề nghị khen thưởng “Người Bổ Sung” bị trả lại: Bổ sung xác nhận của xã."]
    assert _waiting(users.commune)["Đề nghị khen thưởng bị trả lại, cần bổ sung"] == 1


def test_leadership_is_told_once_when_the_list_is_complete(users):
    kw = {"stage": "approved", "coordinator": users.coordinator, "home_affairs": users.home_affairs}
    for i in range(12):
        nominate(users.commune, collective(f"Tập thể {i}"), **kw)
    for i in range(11):
        nominate(users.department, individual(f"Người Số {i}", 1960 + i), **kw)
    assert _notes(users.leadership, "reward_list") == []
    nominate(users.department, individual("Người Cuối", 1990), **kw)
    assert _notes(users.leadership, "reward_list") == [
        "Danh sách khen thưởng đã đủ chỉ tiêu của kế hoạch (12 tập thể, 12 cá nhân), Phòng Nội "
        "vụ soạn Quyết định khen thưởng."]


def test_a_draft_is_not_found_by_others_and_the_history_reads_vietnamese(users):
    n = nominate(users.commune, collective("Tổ hợp tác Riêng"))
    with pytest.raises(NotFound, match="Đề nghị khen thưởng này không tồn tại hoặc đơn vị chưa gửi."):
        get_nomination_or_404(n.id, users.coordinator)
    flow.submit(n, actor=users.commune)
    flow.shortlist(n, actor=users.coordinator, note="Đủ hồ sơ")
    entries = db.session.query(AuditEntry).filter_by(object_type="nomination", object_id=n.id).all()
    rows = [row for e in entries for row in changes(e)]
    labels = {label for label, _b, _a in rows}
    assert {"Trạng thái", "Ý kiến Phòng LĐTB&XH", "Báo cáo thành tích"} <= labels
    assert ("Trạng thái", "Đã gửi, chờ xét", "Đã chọn, chờ Nội vụ duyệt") in rows
    assert ("Báo cáo thành tích", "", "bao-cao-thanh-tich.pdf") in rows
    assert all(e.username == "t-binhchanh" for e in entries if e.action == "nomination.submit")
