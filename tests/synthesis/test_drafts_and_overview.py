"""District report drafts: autosaved (optimistic lock, the duty follows, audited), completed in
the same step that saves the page (nothing typed is emptied, no conflict with one's own save),
read by leadership; and the leadership overview page."""
import pytest

from webapp.audit.models import AuditEntry
from webapp.core.errors import DomainError, NotAllowed, StaleEdit
from webapp.duties.models import Status
from webapp.extensions import db
from webapp.notifications.models import Notification
from webapp.plan.loader import current_plan
from webapp.plan.models import Unit
from webapp.synthesis import service
from webapp.synthesis.models import SynthesisDraft

from ..conftest import htmx, user_for
from .factories import assignment, commune_raw, report


def mid_term_form(version=0, **sections):
    data = {"version": version, "number": ""}
    for s in service.MID_TERM.sections:
        data[s.code] = sections.get(s.code, f"Nội dung {s.code} (thử).")
    return data


def _draft(kind="mid_term") -> SynthesisDraft:
    db.session.rollback()
    return db.session.query(SynthesisDraft).filter_by(kind=kind).one()


def test_an_autosave_answers_the_status_and_the_next_version(client, login_as):
    login_as("coordinator")
    response = client.post("/tong-hop/so-ket/luu", data=mid_term_form(), headers=htmx())
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="draft-status"' in body and "Đã lưu lúc" in body
    assert 'id="draft-version" value="1" hx-swap-oob="true"' in body
    assert "<textarea" not in body, "an autosave never replaces what is being typed"
    draft = _draft()
    assert draft.version == 1 and draft.sections["tinh_hinh"] == "Nội dung tinh_hinh (thử)."
    assert assignment("ldtbxh", "bao-cao-so-ket").status == Status.DRAFTING
    entry = db.session.query(AuditEntry).filter_by(action="synthesis.save").one()
    assert set(entry.after) == {s.code for s in service.MID_TERM.sections}
    # the same text again (a late autosave) is no new version
    assert client.post("/tong-hop/so-ket/luu", data=mid_term_form(1), headers=htmx()).status_code == 200
    assert _draft().version == 1
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Soạn báo cáo sơ kết" in page and "/tong-hop/so-ket" in page


def test_a_stale_save_answers_409_names_who_and_keeps_what_was_saved(client, login_as, make_user):
    colleague = make_user("ldtbxh")
    login_as(colleague)
    assert client.post("/tong-hop/so-ket/luu", data=mid_term_form(tinh_hinh="Bản A")).status_code == 302
    login_as("coordinator")
    stale = client.post("/tong-hop/so-ket/luu", data=mid_term_form(tinh_hinh="Bản B"), headers=htmx())
    body = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "Người dùng thử đã lưu dự thảo này" in body and "CHƯA được lưu" in body
    assert "Bản A" in body and "hx-swap-oob" not in body.split("toasts")[0], "no new version"
    assert _draft().sections["tinh_hinh"] == "Bản A"
    # without htmx: the page again, with what the user typed in the field
    page = client.post("/tong-hop/so-ket/luu", data=mid_term_form(tinh_hinh="Bản B"))
    assert page.status_code == 409 and ">Bản B</textarea>" in page.get_data(as_text=True)


def test_one_own_earlier_save_in_another_tab_is_named_as_such(app, login_as):
    plan = current_plan()
    me = user_for("coordinator")
    service.save_draft(plan, service.MID_TERM, {"tinh_hinh": "A"}, "", actor=me, expected_version=0)
    with pytest.raises(StaleEdit, match="Bạn đã lưu dự thảo này ở một cửa sổ"):
        service.save_draft(plan, service.MID_TERM, {"tinh_hinh": "B"}, "", actor=me,
                           expected_version=0)


def test_completing_before_saving_keeps_and_saves_what_was_typed(client, login_as):
    """Issue 10: "Hoàn tất dự thảo" before "Lưu dự thảo" emptied what was typed."""
    login_as("coordinator")
    response = client.post("/tong-hop/so-ket/hoan-tat", data=mid_term_form(0), headers=htmx())
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/tong-hop/so-ket"
    draft = _draft()
    assert draft.sections["han_che"] == "Nội dung han_che (thử)."
    assert assignment("ldtbxh", "bao-cao-so-ket").status == Status.SUBMITTED
    leadership = db.session.query(Unit).filter_by(kind="leadership").all()
    notes = db.session.query(Notification).filter_by(kind="district_report_ready").all()
    assert {n.unit_id for n in notes} == {u.id for u in leadership}
    assert "Báo cáo sơ kết giữa kỳ Chương trình" in notes[0].message


def test_completing_after_an_autosave_is_no_conflict(client, login_as):
    """Issue 10: after a save "Hoàn tất" refused with a conflict caused by the user's own save:
    the completion carries the version the autosave answered."""
    login_as("coordinator")
    saved = client.post("/tong-hop/so-ket/luu", data=mid_term_form(0), headers=htmx())
    assert 'value="1" hx-swap-oob="true"' in saved.get_data(as_text=True)
    done = client.post("/tong-hop/so-ket/hoan-tat", data=mid_term_form(1, kien_nghi="Thêm."),
                       headers=htmx())
    assert done.status_code == 204 and "HX-Redirect" in done.headers
    assert _draft().sections["kien_nghi"] == "Thêm."


def test_completing_needs_the_required_sections_and_changes_nothing_when_refused(client, login_as):
    login_as("coordinator")
    client.post("/tong-hop/so-ket/luu", data=mid_term_form(tinh_hinh="Đã lưu"))
    refused = client.post("/tong-hop/so-ket/hoan-tat", data=mid_term_form(1, han_che=""),
                          headers=htmx())
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "IV. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN" in body
    assert "toast" in body
    assert _draft().sections["han_che"] == "Nội dung han_che (thử).", "nothing changed"
    assert assignment("ldtbxh", "bao-cao-so-ket").status == Status.DRAFTING
    page = client.post("/tong-hop/so-ket/hoan-tat", data=mid_term_form(1, han_che="", tinh_hinh="Mới"))
    assert page.status_code == 422 and ">Mới</textarea>" in page.get_data(as_text=True)


def test_a_number_too_long_is_refused_beside_its_field_and_the_text_is_kept(client, login_as):
    login_as("coordinator")
    data = {**mid_term_form(0, tinh_hinh="Đoạn vừa viết"), "number": "1" * 40}
    page = client.post("/tong-hop/so-ket/luu", data=data)
    body = page.get_data(as_text=True)
    assert page.status_code == 422 and ">Đoạn vừa viết</textarea>" in body
    # beside the field, and in the save status ("Chưa lưu. …"), not a third time above the form
    assert 'id="number-error">Số văn bản tối đa 32 ký tự.<' in body
    assert body.count("Số văn bản tối đa 32 ký tự.") == 2
    db.session.rollback()
    assert db.session.query(SynthesisDraft).count() == 0, "nothing saved"


def test_services_refuse_exactly(app):
    plan = current_plan()
    with pytest.raises(NotAllowed, match="Bạn không soạn báo cáo này"):
        service.save_draft(plan, service.MID_TERM, {}, "", actor=user_for("home_affairs"),
                           expected_version=0)
    with pytest.raises(DomainError, match="Số văn bản tối đa 32 ký tự"):
        service.save_draft(plan, service.MID_TERM, {}, "1" * 33, actor=user_for("coordinator"),
                           expected_version=0)
    with pytest.raises(DomainError, match="Còn mục chưa viết: I. ĐẶC ĐIỂM TÌNH HÌNH"):
        service.complete(plan, service.MID_TERM, {"chi_dao": "x"}, "",
                         actor=user_for("coordinator"), expected_version=0)


def test_home_affairs_cannot_touch_the_mid_term_report(client, login_as):
    login_as("home_affairs")
    assert client.post("/tong-hop/so-ket/luu", data=mid_term_form()).status_code == 403
    assert client.get("/tong-hop/thi-dua").status_code == 200


def test_leadership_reads_both_reports_without_a_form(client, login_as):
    """Issue 10: leadership got 403 on /tong-hop/so-ket and /tong-hop/thi-dua."""
    login_as("coordinator")
    client.post("/tong-hop/so-ket/luu", data=mid_term_form(tinh_hinh="Đặc điểm của huyện."))
    login_as("leadership")
    page = client.get("/tong-hop/so-ket")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "Đặc điểm của huyện." in body
    assert "<textarea" not in body and "Hoàn tất dự thảo" not in body
    assert 'href="/tong-hop/so-ket"' in body and 'href="/tong-hop/thi-dua"' in body, "in the menu"
    assert client.get("/tong-hop/thi-dua").status_code == 200
    assert client.get("/tong-hop/so-ket/tai-ve").status_code == 200
    assert client.post("/tong-hop/so-ket/luu", data=mid_term_form(1)).status_code == 403


def test_overview_for_leadership_shows_progress_charts_and_missing_units(app, client, login_as,
                                                                      make_user):
    from . import factories
    factories._users.clear()
    report("binh-chanh", commune_raw([1000, 1000, 1000], [100, 80, 60], [50, 50, 40]),
           make_user, user_for("coordinator"))
    login_as("leadership")
    page = client.get("/tong-quan").get_data(as_text=True)
    assert "Báo cáo kết quả theo đề cương" in page
    assert page.count('<svg class="chart"') == 2
    assert "chưa có báo cáo được tiếp nhận" in page
    assert "Bình Chánh – Cuối năm 2021: 10,00%" in page
    assert 'id="nominations"' in page and 'id="delegates"' in page
    assert "<script" not in page.split("</head>")[1], "no inline script (CSP)"
    assert 'style="' not in page


def test_a_duty_sent_to_no_unit_counts_as_done_once_its_unit_has_finished_it(app):
    """Văn phòng's invitations, the script…: nobody receives them, so "Đã nộp" is their last
    step and the overview counts them with the received ones, not as waiting."""
    from webapp.duties.models import Assignment, Duty
    from webapp.synthesis.overview import duty_progress
    plan = current_plan()
    duty = (db.session.query(Duty).filter_by(plan_id=plan.id, receiver_unit_id=None)
            .join(Assignment).first())
    received = (db.session.query(Duty).filter(Duty.plan_id == plan.id,
                                              Duty.receiver_unit_id.isnot(None))
                .join(Assignment).first())
    for d in (duty, received):
        for a in d.assignments:
            a.status = Status.SUBMITTED
    db.session.flush()
    progress = {p.duty.id: p for p in duty_progress(plan)}
    assert progress[duty.id].counts["accepted"] == len(duty.assignments)
    assert progress[duty.id].counts.get("submitted", 0) == 0
    assert progress[received.id].counts["submitted"] == len(received.assignments), \
        "a duty someone receives still waits for them"
    assert progress[received.id].counts.get("accepted", 0) == 0
