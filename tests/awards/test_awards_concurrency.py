"""The quota holds when several approvers act at the same moment (SQLite and PostgreSQL).

Each thread has its own app context, hence its own session and connection, and commits like a
request would; the approvals start together behind a barrier.
"""
import threading

from webapp.awards import flow
from webapp.awards.models import Nomination, NominationStatus as NS
from webapp.auth.models import User
from webapp.core.errors import DomainError
from webapp.extensions import db

from .helpers import count, individual, nominate

THREADS = 6


def _approve_together(app, nomination_ids, approver_id):
    barrier = threading.Barrier(len(nomination_ids))
    outcomes, lock = [], threading.Lock()

    def work(nomination_id):
        with app.app_context():
            try:
                user = db.session.get(User, approver_id)
                n = db.session.get(Nomination, nomination_id)
                db.session.rollback()  # start the approval fresh, after the barrier
                barrier.wait(timeout=20)
                n = db.session.get(Nomination, nomination_id)
                flow.approve(n, "", actor=user)
                db.session.commit()
                result = "approved"
            except DomainError as exc:
                db.session.rollback()
                result = f"refused: {exc.message}"
            except Exception as exc:  # noqa: BLE001 — reported by the assertion below
                db.session.rollback()
                result = f"error: {exc!r}"
            finally:
                db.session.remove()
            with lock:
                outcomes.append(result)

    threads = [threading.Thread(target=work, args=(i,)) for i in nomination_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_concurrent_approvals_never_exceed_the_quota(app, users):
    kw = {"coordinator": users.coordinator, "home_affairs": users.home_affairs}
    for i in range(10):
        nominate(users.commune, individual(f"Đã Duyệt {i}", 1960 + i), stage="approved", **kw)
    waiting = [nominate(users.commune, individual(f"Chờ Duyệt {i}", 1980 + i), stage="shortlisted",
                        **kw).id for i in range(THREADS)]
    db.session.commit()
    approver_id = users.home_affairs.id

    outcomes = _approve_together(app, waiting, approver_id)

    assert len(outcomes) == THREADS
    assert not [o for o in outcomes if o.startswith("error")], outcomes
    assert outcomes.count("approved") == 2, outcomes  # 10 + 2 = the quota of 12
    assert all("Đã đủ chỉ tiêu 12 cá nhân" in o for o in outcomes if o != "approved")
    db.session.rollback()
    assert count(NS.APPROVED, "individual") == 12


def test_the_same_nomination_approved_twice_at_once_counts_once(app, users):
    n = nominate(users.commune, individual("Một Người", 1970), stage="shortlisted",
                 coordinator=users.coordinator)
    db.session.commit()
    outcomes = _approve_together(app, [n.id] * 4, users.home_affairs.id)
    assert outcomes.count("approved") == 1, outcomes
    assert not [o for o in outcomes if o.startswith("error")], outcomes
    db.session.rollback()
    assert count(NS.APPROVED) == 1
