"""The loop of a result report, as each role sees it: draft (autosave), draft .docx, submit with
the signed file, return with a comment, resubmit, accept; and every refusal of the issue."""
from pathlib import Path

import pytest

from webapp.audit.models import AuditEntry
from webapp.duties.models import Assignment, Status
from webapp.extensions import db
from webapp.notifications.models import Notification
from webapp.plan.loader import current_plan
from webapp.reports import queries, service
from webapp.reports.models import Report, ReportVersion
from webapp.uploads.models import StoredFile

from .helpers import COMMUNE_DRAFT, PDF, assignment, docx_bytes, save, submit, zip_bomb_docx


def _fresh(a) -> Assignment:
    db.session.rollback()
    return db.session.get(Assignment, a.id)


def test_commune_report_loop_draft_submit_return_resubmit_accept(app, client, login_as):
    a = assignment("binh-chanh")
    login_as("commune")
    page = client.get(f"/bao-cao/phan-cong/{a.id}").get_data(as_text=True)
    assert "Tình hình hộ nghèo, hộ cận nghèo" in page and 'hx-trigger="input changed delay:800ms' in page

    # autosave: a fragment saying when, the new version out of band, the computed rate
    saved = save(client, a, {**COMMUNE_DRAFT, "pov.poor.2021": "2.100"}, 0)
    body = saved.get_data(as_text=True)
    assert saved.status_code == 200
    assert "Đã lưu lúc" in body and "1 ô cần xem lại" in body
    assert 'id="draft-version" value="1" hx-swap-oob="true"' in body
    assert "không được lớn hơn tổng số hộ dân cư" in body
    assert _fresh(a).status == Status.DRAFTING
    # what the user typed is kept, even invalid; the page shows the message beside the field
    page = client.get(f"/bao-cao/phan-cong/{a.id}").get_data(as_text=True)
    assert 'value="2.100"' in page and "không được lớn hơn" in page

    # submitting with an invalid figure is refused, nothing stored
    refused = submit(client, a, 1)
    assert refused.status_code == 422 and "ô cần sửa" in refused.get_data(as_text=True)
    assert db.session.query(StoredFile).count() == 0

    assert save(client, a, COMMUNE_DRAFT, 1).status_code == 200
    draft = client.get(f"/bao-cao/phan-cong/{a.id}/du-thao.docx")
    assert draft.status_code == 200 and draft.data.startswith(b"PK")
    done = submit(client, a, 2)
    assert done.status_code == 302
    a = _fresh(a)
    assert a.status == Status.SUBMITTED
    report = queries.report_of(a)
    assert [v.number for v in report.versions] == [1]
    assert report.versions[0].data["figures"]["poverty"]["2021"]["poor_rate"] == 5.0
    stored = report.versions[0].file
    assert "static" not in str(Path(app.config["UPLOAD_FOLDER"]))
    assert (Path(app.config["UPLOAD_FOLDER"]) / stored.stored_name).read_bytes() == PDF
    # submitted: the draft is read-only until the coordinator decides (refused, with its reason)
    refused = save(client, a, COMMUNE_DRAFT, 2)
    assert refused.status_code == 403 and "đang chờ Phòng LĐTB&amp;XH xem xét" in refused.get_data(as_text=True)

    # the coordinator returns it with a comment
    login_as("coordinator")
    review = client.get(f"/bao-cao/phan-cong/{a.id}/xem-xet").get_data(as_text=True)
    assert "Tiếp nhận" in review and "2.000" in review
    no_comment = client.post(f"/bao-cao/phan-cong/{a.id}/xem-xet",
                             data={"decision": "return", "comment": "", "version": a.version})
    assert no_comment.status_code == 422 and "Ghi rõ nội dung" in no_comment.get_data(as_text=True)
    returned = client.post(f"/bao-cao/phan-cong/{a.id}/xem-xet", data={
        "decision": "return", "comment": "Bổ sung số hộ cận nghèo năm 2023", "version": a.version})
    assert returned.status_code == 302
    assert "Đã trả lại xã Bình Chánh, yêu cầu bổ sung." in client.get(
        returned.headers["Location"]).get_data(as_text=True)
    a = _fresh(a)
    assert a.status == Status.RETURNED and a.review_comment == "Bổ sung số hộ cận nghèo năm 2023"
    assert queries.accepted_figures(narratives=False).accepted == [], "a returned version counts nowhere"
    note = db.session.query(Notification).filter_by(unit_id=a.unit_id, kind="returned").one()
    assert "Bổ sung số hộ cận nghèo năm 2023" in note.message

    # the commune sees it on its dashboard, edits and resubmits
    login_as("commune")
    dashboard = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Bổ sung số hộ cận nghèo năm 2023" in dashboard
    assert save(client, a, {**COMMUNE_DRAFT, "pov.near_poor.2023": "128"}, 2).status_code == 200
    assert submit(client, a, 3, docx_bytes(), "Báo cáo bổ sung.docx").status_code == 302
    a = _fresh(a)
    assert a.status == Status.SUBMITTED
    compare = client.get(f"/bao-cao/phan-cong/{a.id}/so-sanh").get_data(as_text=True)
    assert "Số hộ cận nghèo – Ước năm 2023" in compare and "130" in compare and "128" in compare
    assert "Tổng số hộ dân cư – Cuối năm 2021" not in compare, "only changed figures by default"
    first = client.get(f"/bao-cao/phan-cong/{a.id}/lan/1")
    assert first.status_code == 200 and "Yêu cầu bổ sung" in first.get_data(as_text=True)
    file = client.get(f"/bao-cao/phan-cong/{a.id}/lan/2/tep")
    assert "B%C3%A1o%20c%C3%A1o%20b%E1%BB%95%20sung.docx" in file.headers["Content-Disposition"]
    assert file.get_data().startswith(b"PK")
    file.close()

    # the coordinator accepts; the figures count in the district totals
    login_as("coordinator")
    accepted = client.post(f"/bao-cao/phan-cong/{a.id}/xem-xet",
                           data={"decision": "accept", "version": a.version})
    assert accepted.status_code == 302
    assert "Đã tiếp nhận báo cáo của xã Bình Chánh." in client.get(
        accepted.headers["Location"]).get_data(as_text=True)
    a = _fresh(a)
    assert a.status == Status.ACCEPTED
    totals = queries.accepted_figures()
    assert [u.unit.code for u in totals.accepted] == ["binh-chanh"]
    assert totals.poverty["2023"]["near_poor"] == 128
    # the totals page reads the accepted version's figures kept on the report: the same sums
    kept = queries.accepted_figures(narratives=False)
    assert (kept.poverty, kept.poverty_units, kept.projects, kept.movement) == (
        totals.poverty, totals.poverty_units, totals.projects, totals.movement)
    assert [(u.version.number, u.version.id) for u in kept.accepted] == [
        (2, totals.accepted[0].version.id)]
    line = next(x for x in queries.overview_page(current_plan()).lines if x.assignment.id == a.id)
    assert (line.versions, line.state) == (2, "accepted")
    overview = client.get("/bao-cao/").get_data(as_text=True)
    assert "Đã tiếp nhận" in overview
    actions = {e.action for e in db.session.query(AuditEntry).filter(
        AuditEntry.action.like("report.%"))}
    assert actions == {"report.save", "report.submit", "report.review"}

    # after acceptance: no edit, no new submission, nothing stored
    login_as("commune")
    files_before = db.session.query(StoredFile).count()
    assert save(client, a, COMMUNE_DRAFT, 3).status_code == 403
    late = submit(client, a, 3)
    assert late.status_code == 403 and "đã được Phòng LĐTB&amp;XH tiếp nhận" in late.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(StoredFile).count() == files_before
    assert db.session.query(ReportVersion).count() == 2


def test_another_commune_neither_reads_nor_changes_the_report(client, login_as):
    other = assignment("binh-long")
    login_as("commune")
    for url in (f"/bao-cao/phan-cong/{other.id}", f"/bao-cao/phan-cong/{other.id}/du-thao.docx",
                f"/bao-cao/phan-cong/{other.id}/lan/1", f"/bao-cao/phan-cong/{other.id}/so-sanh"):
        assert client.get(url).status_code == 404, url
    assert save(client, other, COMMUNE_DRAFT, 0).status_code == 404
    assert submit(client, other, 0).status_code == 404
    db.session.rollback()
    assert db.session.query(Report).count() == 0 and db.session.query(StoredFile).count() == 0


def _ready_commune(client, login_as):
    a = assignment("binh-chanh")
    login_as("commune")
    assert save(client, a, COMMUNE_DRAFT, 0).status_code == 200
    return a


@pytest.mark.parametrize("content, filename, message", [
    (b"MZ\x90\x00" + b"\0" * 200, "Báo cáo.pdf", "nội dung tệp này không đúng loại"),
    (PDF, "../../etc/Báo cáo.pdf", "có chứa đường dẫn"),
    (zip_bomb_docx(), "Báo cáo.docx", "giải nén bất thường"),
    (PDF, "Báo cáo.docx", "không khớp nội dung"),
])
def test_bad_files_are_refused_and_nothing_is_stored(app, client, login_as, content, filename,
                                                      message):
    a = _ready_commune(client, login_as)
    response = submit(client, a, 1, content, filename)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(StoredFile).count() == 0
    assert db.session.query(ReportVersion).count() == 0
    assert _fresh(a).status == Status.DRAFTING
    upload_dir = Path(app.config["UPLOAD_FOLDER"])
    assert not upload_dir.exists() or not any(p.is_file() for p in upload_dir.rglob("*"))


def test_an_oversized_file_is_refused(app, client, login_as):
    app.config["MAX_UPLOAD_BYTES"] = 1024
    a = _ready_commune(client, login_as)
    response = submit(client, a, 1, PDF + b"%" * 2000)
    assert response.status_code == 422 and "vượt quá dung lượng" in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(StoredFile).count() == 0


def test_no_submission_without_the_signed_file(client, login_as):
    a = _ready_commune(client, login_as)
    response = client.post(f"/bao-cao/phan-cong/{a.id}/nop", data={"draft_version": 1})
    assert response.status_code == 422 and "Chưa chọn tệp" in response.get_data(as_text=True)


def test_two_people_editing_one_draft_the_second_is_told(client, login_as, make_user):
    a = assignment("binh-chanh")
    colleague = make_user("binh-chanh")
    login_as("commune")
    assert save(client, a, {"pov.households.2021": "2.000"}, 0).status_code == 200
    # both opened the page at version 1; the colleague saves first
    login_as(colleague)
    assert save(client, a, {"pov.households.2021": "2.000", "pov.poor.2021": "90"}, 1).status_code == 200
    login_as("commune")
    stale = save(client, a, {"pov.households.2021": "2.000", "pov.poor.2021": "95"}, 1)
    body = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "Người dùng thử đã lưu báo cáo này lúc" in body and "CHƯA được lưu" in body
    assert "Số hộ nghèo – Cuối năm 2021" in body and "90" in body and "95" in body
    db.session.rollback()
    assert queries.report_of(a).data["pov.poor.2021"] == "90", "the first save is kept"
    # without htmx: the page again, with the list and the user's input kept
    page = save(client, a, {"pov.poor.2021": "95"}, 1, htmx=False)
    assert page.status_code == 409 and 'value="95"' in page.get_data(as_text=True)


def test_department_reports_on_the_projects_it_leads(client, login_as):
    a = assignment("nnptnt")
    login_as("department")
    page = client.get(f"/bao-cao/phan-cong/{a.id}").get_data(as_text=True)
    assert "Tình hình hộ nghèo" not in page
    assert 'name="prj.DA2.selected" value="1" id="f-prj-DA2-selected" checked' in page
    assert 'name="prj.DA3.TDA2.selected" value="1" id="f-prj-DA3-TDA2-selected">' in page
    data = {"prj.DA2.selected": "1", "prj.DA2.result": "03 mô hình sinh kế",
            "prj.DA2.fund.2022.central.allocated": "500.000.000",
            "prj.DA2.fund.2022.central.disbursed": "480.000.000", "nar.results": "Số liệu minh họa"}
    assert save(client, a, data, 0).status_code == 200
    assert submit(client, a, 1).status_code == 302
    db.session.rollback()
    version = queries.report_of(a).latest
    assert list(version.data["figures"]["projects"]) == ["DA2"]
    assert version.data["figures"]["poverty"] == {}


def test_discussion_paper_same_loop_free_form(client, login_as):
    a = assignment("mttq", "tham-luan")
    login_as("mass_org")
    page = client.get(f"/bao-cao/phan-cong/{a.id}").get_data(as_text=True)
    assert "Báo cáo tham luận" in page and "Quỹ vì người nghèo" in page
    incomplete = save(client, a, {"paper.title": "Chăm lo cho người nghèo"}, 0)
    assert incomplete.status_code == 200
    refused = submit(client, a, 1)
    assert refused.status_code == 422 and "bắt buộc" in refused.get_data(as_text=True)
    assert save(client, a, {"paper.title": "Chăm lo cho người nghèo", "paper.speaker": "Ngô Thị Xuân",
                            "paper.position": "Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện"}, 1).status_code == 200
    assert submit(client, a, 2, docx_bytes("Tham luận"), "Tham luận MTTQ.docx").status_code == 302
    login_as("coordinator")
    assert client.post(f"/bao-cao/phan-cong/{a.id}/xem-xet",
                       data={"decision": "accept", "version": _fresh(a).version}).status_code == 302
    db.session.rollback()
    papers = queries.accepted_papers()
    assert [(p[0].unit.code, p[1].data["figures"]["paper"]["speaker"]) for p in papers] == [
        ("mttq", "Ngô Thị Xuân")]
    overview = client.get("/bao-cao/?loai=tham-luan").get_data(as_text=True)
    assert "Ủy ban MTTQ" in overview and "Đã tiếp nhận" in overview


def test_leadership_reads_but_does_not_review(client, login_as):
    a = assignment("binh-chanh")
    login_as("leadership")
    assert client.get("/bao-cao/").status_code == 200
    page = client.get(f"/bao-cao/phan-cong/{a.id}/xem-xet").get_data(as_text=True)
    assert "Trả lại, yêu cầu bổ sung" not in page
    assert client.post(f"/bao-cao/phan-cong/{a.id}/xem-xet",
                       data={"decision": "accept", "version": 1}).status_code == 403


def test_a_repeated_autosave_of_the_same_content_is_not_a_new_version(client, login_as):
    a = assignment("binh-chanh")
    login_as("commune")
    data = {"pov.households.2021": "2.000", "pov.poor.2021": "90"}
    assert save(client, a, data, 0).status_code == 200
    assert save(client, a, data, 1).status_code == 200
    db.session.rollback()
    assert queries.report_of(a).draft_version == 1, "nothing changed, no new draft version"
    # a form still at an older version that sends the same content is no conflict either
    assert save(client, a, data, 0).status_code == 200
    assert save(client, a, {**data, "pov.poor.2021": "91"}, 0).status_code == 409


def test_a_units_draft_is_its_own_until_it_submits(app, client, login_as):
    """The attack run: Phòng LĐTB&XH and leadership downloaded any unit's unsubmitted draft."""
    a = assignment("binh-chanh")
    login_as("commune")
    assert save(client, a, COMMUNE_DRAFT, 0).status_code == 200
    url = f"/bao-cao/phan-cong/{a.id}/du-thao.docx"
    assert client.get(url).status_code == 200
    for role in ("coordinator", "leadership", "home_affairs", "admin"):
        reviewer = app.test_client()
        login_as(role, reviewer)
        assert reviewer.get(url).status_code == 403, role
    department = app.test_client()
    login_as("department", department)
    assert department.get(url).status_code == 404, "another unit's work is as if it did not exist"
