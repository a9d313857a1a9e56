"""No lost update (issue 14): 4 sessions each send 50 saves at once, all opened at the same
version, of a unit's report draft, a district report draft and a budget line. Exactly one save
per version wins; every other one answers 409 and changes nothing; the version, the audit log
and the stored content agree. Runs on SQLite and on PostgreSQL (TEST_DATABASE_URL)."""
import threading

from flask.testing import FlaskClient

from webapp.audit.models import AuditEntry
from webapp.budget import service as budget
from webapp.budget.models import BudgetLine
from webapp.extensions import db
from webapp.plan.loader import current_plan
from webapp.reports import queries
from webapp.synthesis.models import SynthesisDraft

from ..conftest import htmx
from .helpers import assignment

SESSIONS, SAVES = 4, 50


def _clients(app, users) -> list[FlaskClient]:
    clients = []
    for user in users:
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        clients.append(client)
    return clients


def _storm(app, users, url, form_for, ok=200):
    """Every session sends its saves in a tight loop, all sessions at once; -> statuses,
    and the content of each accepted save."""
    clients = _clients(app, users)
    barrier = threading.Barrier(len(clients))
    statuses, accepted, lock = [], [], threading.Lock()

    def work(index, client):
        barrier.wait(timeout=30)
        for n in range(SAVES):
            form = form_for(index, n)
            response = client.post(url, data=form, headers=htmx())
            with lock:
                statuses.append(response.status_code)
                if response.status_code == ok:
                    accepted.append(form)
            response.close()

    threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert len(statuses) == SESSIONS * SAVES, "every save answered"
    assert set(statuses) <= {ok, 409}, sorted(set(statuses))
    db.session.rollback()
    return statuses, accepted


def test_report_drafts_lose_no_update(app, make_user):
    a = assignment("binh-chanh")
    users = [make_user("binh-chanh") for _ in range(SESSIONS)]
    url = f"/bao-cao/phan-cong/{a.id}/luu"

    statuses, accepted = _storm(app, users, url, lambda i, n: {
        "draft_version": 0, "nar.results": f"Phiên {i}, lần {n}"})

    assert statuses.count(200) == 1, "one save per version, the others told (409)"
    report = queries.report_of(a)
    assert report.draft_version == 1
    assert report.data["nar.results"] == accepted[0]["nar.results"]
    assert db.session.query(AuditEntry).filter_by(action="report.save").count() == 1


def test_district_report_drafts_lose_no_update(app, make_user):
    users = [make_user("ldtbxh") for _ in range(SESSIONS)]

    statuses, accepted = _storm(app, users, "/tong-hop/so-ket/luu", lambda i, n: {
        "version": 0, "number": "", "tinh_hinh": f"Phiên {i}, lần {n}"})

    assert statuses.count(200) == 1
    draft = db.session.query(SynthesisDraft).filter_by(kind="mid_term").one()
    assert draft.version == 1 and draft.sections["tinh_hinh"] == accepted[0]["tinh_hinh"]
    assert db.session.query(AuditEntry).filter_by(action="synthesis.save").count() == 1


def test_budget_lines_lose_no_update(app, make_user):
    plan = current_plan()
    users = [make_user("vanphong") for _ in range(SESSIONS)]
    line = budget.add_line(plan, budget.LineData("hall", "Hội trường", 1, "gói", 1_000_000,
                                                 plan.funding_sources[0].id), actor=users[0])
    db.session.commit()
    line_id, source_id = line.id, line.funding_source_id

    statuses, accepted = _storm(app, users, f"/kinh-phi/{line_id}/sua", lambda i, n: {
        "version": 1, "category": "hall", "description": "Hội trường", "quantity": "1",
        "unit": "gói", "unit_price": f"{(1_000 + i * SAVES + n) * 1000:,}".replace(",", "."), "funding_source_id": source_id},
        ok=302)

    assert statuses.count(302) == 1, "the edit page redirects once; every other save is told"
    saved = db.session.get(BudgetLine, line_id)
    assert saved.version == 2
    assert f"{saved.unit_price:,}".replace(",", ".") == accepted[0]["unit_price"]
    entries = db.session.query(AuditEntry).filter_by(action="budget.update").all()
    assert len(entries) == 1 and entries[0].before["unit_price"] == 1_000_000
