"""Nothing typed is lost and nothing is left behind: 4 sessions saving the same nomination
(and the same decision) at the same version give one save per version and 409 for the others,
on SQLite and PostgreSQL; a form refused for one bad file writes no file at all."""
import io
import threading
from pathlib import Path

from webapp.audit.models import AuditEntry
from webapp.awards import decision
from webapp.awards.models import Nomination, RewardDecision
from webapp.extensions import db
from webapp.plan.loader import current_plan
from webapp.uploads.models import StoredFile

from ..conftest import IsolatedClient, ROLE_USERS, TEST_PASSWORD
from .helpers import PDF, collective, nominate

SESSIONS, SAVES = 4, 50


def _client(app, role):
    app.test_client_class = IsolatedClient
    client = app.test_client()
    response = client.post("/dang-nhap", data={"username": ROLE_USERS[role][1],
                                               "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def _hammer(app, role, url, form_of):
    """SESSIONS clients, each saving SAVES times what it believes is the current version."""
    clients = [_client(app, role) for _ in range(SESSIONS)]
    answers, lock = [], threading.Lock()
    barrier = threading.Barrier(SESSIONS)

    def work(index, client):
        barrier.wait(timeout=30)
        for i in range(SAVES):
            response = client.post(url, data=form_of(index, i))
            with lock:
                answers.append(response.status_code)
            response.close()

    threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return answers




def test_four_sessions_saving_one_nomination_never_overwrite_silently(app, users):
    n = nominate(users.commune, collective("Tổ hợp tác Đua"))
    db.session.commit()
    start = n.version
    seen = {i: start for i in range(SESSIONS)}

    def form(index, i):
        return {"kind": "collective", "collective_name": f"Tổ hợp tác Đua {index}-{i}",
                "summary": f"Lần lưu {index}-{i}", "version": str(seen[index])}

    answers = _hammer(app, "commune", f"/khen-thuong/de-nghi/{n.id}/sua", form)
    assert len(answers) == SESSIONS * SAVES
    assert set(answers) <= {302, 409}, sorted(set(answers))
    db.session.rollback()
    n = db.session.get(Nomination, n.id)
    saved = answers.count(302)
    # every acknowledged save is one version and one audit entry: none overwrote another
    assert n.version == start + saved
    assert db.session.query(AuditEntry).filter_by(object_type="nomination", object_id=n.id,
                                                  action="nomination.update").count() == saved
    assert saved == 1  # all sessions held the same version: exactly one could save it


def test_four_sessions_saving_the_decision_never_overwrite_silently(app, users):
    plan = current_plan()
    data = decision.proposed_decision(plan)
    d = decision.save_decision(plan, data, actor=users.home_affairs)
    db.session.commit()
    start = d.version

    def form(index, i):
        return {"number": str(100 + index), "decision_date": "05/12/2023",
                "legal_bases": "Luật Thi đua, Khen thưởng", "split_0": "50", "split_1": "50",
                "signer_authority": "KT. CHỦ TỊCH", "signer_title": "PHÓ CHỦ TỊCH",
                "signer_name": f"Người Ký {index}-{i}", "recipients": "Lưu: VT, NV",
                "version": str(start)}

    answers = _hammer(app, "home_affairs", "/khen-thuong/quyet-dinh", form)
    assert len(answers) == SESSIONS * SAVES
    assert set(answers) <= {302, 409}, sorted(set(answers))
    db.session.rollback()
    d = db.session.get(RewardDecision, d.id)
    saved = answers.count(302)
    assert saved == 1 and d.version == start + 1
    assert db.session.query(AuditEntry).filter_by(object_type="reward_decision",
                                                  action="reward_decision.save").count() == 2


def _files_on_disk(app) -> list[Path]:
    root = Path(app.config["UPLOAD_FOLDER"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_form_with_one_bad_file_writes_no_file(app, client, login_as):
    login_as("commune")
    before = _files_on_disk(app)
    response = client.post("/khen-thuong/de-nghi/moi", content_type="multipart/form-data", data={
        "kind": "collective", "collective_name": "Tổ hợp tác Một Tệp Hỏng", "summary": "Tốt.",
        "report": (io.BytesIO(PDF), "Báo cáo thành tích.pdf"),
        "cover_letter": (io.BytesIO(b"not a pdf at all"), "to-trinh.pdf")})
    assert response.status_code == 422
    assert "Chỉ nhận tệp PDF, Word (.docx)" in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(StoredFile).count() == 0
    assert _files_on_disk(app) == before
    # the same form with both files valid stores both
    response = client.post("/khen-thuong/de-nghi/moi", content_type="multipart/form-data", data={
        "kind": "collective", "collective_name": "Tổ hợp tác Một Tệp Hỏng", "summary": "Tốt.",
        "report": (io.BytesIO(PDF), "Báo cáo thành tích.pdf"),
        "cover_letter": (io.BytesIO(PDF), "to-trinh.pdf")})
    assert response.status_code == 302
    assert len(_files_on_disk(app)) == len(before) + 2
