"""The reward pages over HTTP: forms, htmx fragments, refusals, downloads."""
import io
from datetime import date

from docx import Document

from webapp.awards.models import Nomination, NominationStatus as NS
from webapp.extensions import db

from ..conftest import htmx
from ..docx_checks import all_text
from .helpers import PDF, collective, individual, nominate


def _form(**overrides):
    data = {"kind": "individual", "full_name": "Nguyễn Thị Mới", "gender": "female", "address": "ba",
            "birth_year": "1984", "position": "Chi hội trưởng Phụ nữ", "workplace": "thôn Hai",
            "collective_name": "", "summary": "Giúp 5 hộ thoát nghèo.",
            "report": (io.BytesIO(PDF), "Báo cáo thành tích.pdf"),
            "cover_letter": (io.BytesIO(PDF), "Tờ trình.pdf")}
    data.update(overrides)
    return data


def test_commune_nominates_through_the_form(client, login_as):
    login_as("commune")
    response = client.post("/khen-thuong/de-nghi/moi", data=_form(),
                           content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.rollback()
    n = db.session.query(Nomination).one()
    assert (n.full_name, n.birth_year, n.status) == ("Nguyễn Thị Mới", 1984, NS.DRAFT)
    assert n.report_file.original_name == "Báo cáo thành tích.pdf"
    page = client.get("/khen-thuong/don-vi").get_data(as_text=True)
    assert "Nguyễn Thị Mới" in page and "Đang soạn" in page
    response = client.post(f"/khen-thuong/de-nghi/{n.id}/gui", data={"version": n.version})
    assert response.status_code == 302
    db.session.rollback()
    assert n.status == NS.SUBMITTED
    # the report file downloads with its original name
    response = client.get(f"/khen-thuong/de-nghi/{n.id}/tep/bao-cao")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    response.close()


def test_bad_input_is_answered_next_to_the_field_and_kept(client, login_as):
    login_as("commune")
    response = client.post("/khen-thuong/de-nghi/moi",
                           data=_form(full_name="Trần Văn Giữ", birth_year="19x4"),
                           content_type="multipart/form-data")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Năm sinh không hợp lệ" in page
    assert 'value="Trần Văn Giữ"' in page
    response = client.post("/khen-thuong/de-nghi/moi",
                           data=_form(report=(io.BytesIO(b"hello"), "bao-cao.txt")),
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Chỉ nhận tệp PDF, Word (.docx)" in response.get_data(as_text=True)
    response = client.post("/khen-thuong/de-nghi/moi", data=_form(kind="collective"),
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Nhập tên đầy đủ của tập thể." in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(Nomination).count() == 0


def test_after_the_deadline_the_form_is_refused_until_reopened(app, client, login_as):
    app.config["TODAY"] = date(2023, 11, 23)
    login_as("commune")
    assert "Đã hết hạn nhận đề nghị" in client.get("/khen-thuong/don-vi").get_data(as_text=True)
    response = client.post("/khen-thuong/de-nghi/moi", data=_form(),
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Đã hết hạn nhận đề nghị (ngày 22/11/2023)" in response.get_data(as_text=True)
    login_as("coordinator")
    response = client.post("/khen-thuong/mo-lai", data={"reopened_until": "25/11/2023",
                                                         "note": "Bổ sung"})
    assert response.status_code == 302
    login_as("commune")
    response = client.post("/khen-thuong/de-nghi/moi", data=_form(),
                           content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.query(Nomination).count() == 1


def test_shortlist_with_htmx_refreshes_the_row_and_the_counters(client, login_as, users):
    n = nominate(users.commune, collective('Tổ "Đoàn Kết" & <Hai>'), stage="submitted")
    nominate(users.mass_org, collective('Tổ "Đoàn kết" & <Hai>'), stage="submitted")
    db.session.commit()
    login_as("coordinator")
    page = client.get("/khen-thuong/xet-chon").get_data(as_text=True)
    assert "Tổ &#34;Đoàn Kết&#34; &amp; &lt;Hai&gt;" in page and "Trùng:" in page
    response = client.post(f"/khen-thuong/de-nghi/{n.id}/xet", headers=htmx(),
                           data={"decision": "return", "note": "", "version": n.version})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert f'id="nom-{n.id}"' in body and "Ghi rõ nội dung cần bổ sung" in body
    response = client.post(f"/khen-thuong/de-nghi/{n.id}/xet", headers=htmx(),
                           data={"decision": "shortlist", "note": "Đủ hồ sơ", "version": n.version})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.startswith(f'\n<tr id="nom-{n.id}"') or f'<tr id="nom-{n.id}"' in body[:200]
    assert "Đã chọn, chờ Nội vụ duyệt" in body
    assert 'id="award-counters"' in body and 'hx-swap-oob="true"' in body
    assert "<html" not in body
    # a commune cannot shortlist
    login_as("commune")
    assert client.post(f"/khen-thuong/de-nghi/{n.id}/xet", headers=htmx(),
                       data={"decision": "shortlist", "version": 99}).status_code == 403


def test_approval_over_quota_shows_the_refusal_in_the_row(client, login_as, users):
    kw = {"coordinator": users.coordinator, "home_affairs": users.home_affairs}
    for i in range(12):
        nominate(users.commune, collective(f"Tập thể {i}"), stage="approved", **kw)
    extra = nominate(users.commune, collective("Tập thể thứ 13"), stage="shortlisted", **kw)
    db.session.commit()
    login_as("home_affairs")
    response = client.post(f"/khen-thuong/de-nghi/{extra.id}/duyet", headers=htmx(),
                           data={"decision": "approve", "note": "Thành tích nổi bật",
                                 "version": extra.version})
    assert response.status_code == 422
    row = response.get_data(as_text=True)
    assert "Đã đủ chỉ tiêu 12 tập thể" in row and 'class="row-error"' in row
    assert 'value="Thành tích nổi bật"' in row          # what was typed is kept in the row
    db.session.rollback()
    assert extra.status == NS.SHORTLISTED
    response = client.post(f"/khen-thuong/de-nghi/{extra.id}/duyet", headers=htmx(),
                           data={"decision": "reject", "note": "Hết chỉ tiêu",
                                 "version": extra.version})
    assert response.status_code == 200 and "Không được duyệt" in response.get_data(as_text=True)


def test_reorder_with_htmx_and_decision_download(client, login_as, users):
    kw = {"stage": "approved", "coordinator": users.coordinator, "home_affairs": users.home_affairs}
    first = nominate(users.department, collective("Tập thể Phòng"), **kw)
    second = nominate(users.commune, collective("Tập thể Xã"), **kw)
    db.session.commit()
    login_as("home_affairs")
    response = client.post(f"/khen-thuong/de-nghi/{second.id}/thu-tu", headers=htmx(),
                           data={"decision": "up"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.index("Tập thể Xã") < body.index("Tập thể Phòng") and "<html" not in body
    # the decision form: a wrong date is answered next to the field, input kept
    response = client.post("/khen-thuong/quyet-dinh", data={
        "number": "7", "decision_date": "31/02/2023", "legal_bases": "Luật Thi đua",
        "split_0": "50", "split_1": "50", "signer_authority": "KT. CHỦ TỊCH",
        "signer_title": "PHÓ CHỦ TỊCH", "signer_name": "Người Ký Thử"})
    assert response.status_code == 422
    assert 'value="Người Ký Thử"' in response.get_data(as_text=True)
    assert "Ngày không hợp lệ (dạng dd/mm/yyyy)." in response.get_data(as_text=True)
    response = client.post("/khen-thuong/quyet-dinh", data={
        "number": "7", "decision_date": "05/12/2023", "legal_bases": "Luật Thi đua\nNghị định 91",
        "split_0": "70", "split_1": "30", "signer_authority": "KT. CHỦ TỊCH",
        "signer_title": "PHÓ CHỦ TỊCH", "signer_name": "Người Ký Thử",
        "proposer_line": "Theo đề nghị của Trưởng phòng Nội vụ huyện.",
        "recipients": "Như Điều 3\nLưu: VT, NV"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/xem-truoc")
    # leadership reads the preview and downloads; it cannot change anything
    login_as("leadership")
    page = client.get("/khen-thuong/quyet-dinh/xem-truoc").get_data(as_text=True)
    # the typed "7" was ignored: the number is left for the register
    assert "07/QĐ-UBND" not in page and "Người Ký Thử" in page
    assert "1.512.000" in page  # 70% of 2.160.000 for Tiểu dự án 2 - Dự án 6
    response = client.get("/khen-thuong/quyet-dinh/tai-ve/quyet-dinh")
    assert response.status_code == 200
    assert "ch%C6%B0a%20c%C3%B3%20s%E1%BB%91" in response.headers["Content-Disposition"]
    doc = Document(io.BytesIO(response.data))
    names = [r.cells[1].text for r in doc.tables[-1].rows]
    assert names.index("Tập thể Xã") < names.index("Tập thể Phòng")
    assert "Người Ký Thử" in all_text(doc)
    assert client.post("/khen-thuong/quyet-dinh", data={"decision_date": "05/12/2023"}).status_code == 403


def test_the_dashboard_leads_to_the_nominations(client, login_as, users):
    login_as("commune")
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "/khen-thuong/nhiem-vu/" in page and "Đề nghị khen thưởng" in page
    nominate(users.commune, individual(), stage="submitted")
    db.session.commit()
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Đã nộp" in page
