"""The reward flow through its services: every step and every refusal."""
from datetime import date

import pytest

from webapp.audit.models import AuditEntry
from webapp.awards import decision, flow, policy, queries, window
from webapp.awards.models import Nomination, NominationStatus as NS
from webapp.core.errors import DomainError, NotAllowed, StaleEdit
from webapp.duties.models import Assignment, Duty, Status
from webapp.extensions import db
from webapp.notifications.models import Notification
from webapp.plan.loader import current_plan
from webapp.plan.models import Unit

from .helpers import as_issued, collective, count, individual, nominate, pdf_file


def _assignment(unit_code, duty_code):
    return (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
            .filter(Unit.code == unit_code, Duty.code == duty_code).one())


def test_unit_nominates_submits_and_the_duty_follows(users):
    n = nominate(users.commune, individual("Lê Văn Thử"))
    assert n.status == NS.DRAFT
    assert _assignment("binh-chanh", "bao-cao-thanh-tich").status == Status.DRAFTING
    # a draft is the unit's own: the coordinator does not see it
    assert not policy.can_view(users.coordinator, n)
    assert policy.can_view(users.commune, n)
    flow.submit(n, actor=users.commune)
    assert n.status == NS.SUBMITTED
    assert policy.can_view(users.coordinator, n) and policy.can_view(users.leadership, n)
    assert not policy.can_view(users.department, n)
    assert _assignment("binh-chanh", "bao-cao-thanh-tich").status == Status.SUBMITTED
    actions = [e.action for e in db.session.query(AuditEntry).filter_by(object_type="nomination",
                                                                         object_id=n.id)]
    assert actions == ["nomination.create", "nomination.submit"]


def test_nomination_fields_are_required_by_kind(users):
    with pytest.raises(DomainError, match=r"Năm sinh không hợp lệ \(từ 1900 đến 2008\).") as err:
        nominate(users.commune, individual(year=None))
    assert err.value.field == "birth_year"
    data = collective("  ")
    with pytest.raises(DomainError, match="Nhập tên đầy đủ của tập thể.") as err:
        nominate(users.commune, data)
    assert err.value.field == "collective_name"
    with pytest.raises(DomainError, match=r"Gửi kèm báo cáo thành tích \(PDF hoặc Word\).") as err:
        flow.create_nomination(collective(), actor=users.commune, report=None)
    assert err.value.field == "report"


def test_withdraw_before_review_only(users):
    n = nominate(users.commune, collective(), stage="submitted")
    flow.withdraw(n, actor=users.commune)
    assert n.status == NS.WITHDRAWN
    assert not policy.can_view(users.coordinator, n)  # gone from the shortlist
    m = nominate(users.commune, collective("Chi đoàn thôn Hai"), stage="shortlisted",
                 coordinator=users.coordinator)
    with pytest.raises(NotAllowed, match="Chỉ rút được đề nghị của đơn vị mình khi Phòng LĐTB&XH chưa xét."):
        flow.withdraw(m, actor=users.commune)
    other = nominate(users.department, collective("Trạm Khuyến nông"), stage="submitted")
    with pytest.raises(NotAllowed, match="Chỉ rút được đề nghị của đơn vị mình khi Phòng LĐTB&XH chưa xét."):
        flow.withdraw(other, actor=users.commune)


def test_shortlist_checks_the_dossier_and_returns_with_a_note(users):
    no_cover = nominate(users.commune, individual("Phạm Thị Thiếu"), cover=False, stage="submitted")
    with pytest.raises(DomainError, match="Hồ sơ còn thiếu: Tờ trình/công văn đề nghị của đơn vị. Trả lại để đơn vị bổ sung.") as err:
        flow.shortlist(no_cover, actor=users.coordinator)
    assert "Tờ trình" in err.value.message
    with pytest.raises(DomainError, match="Ghi rõ nội dung cần bổ sung để đơn vị biết phải làm gì."):
        flow.return_nomination(no_cover, "  ", actor=users.coordinator)  # a note is needed
    flow.return_nomination(no_cover, "Bổ sung tờ trình của xã.", actor=users.coordinator)
    assert no_cover.status == NS.RETURNED
    assert _assignment("binh-chanh", "bao-cao-thanh-tich").status == Status.RETURNED
    note = db.session.query(Notification).filter_by(unit_id=users.commune.unit_id,
                                                    kind="returned").one()
    assert "Bổ sung tờ trình" in note.message
    # the unit corrects it and sends it again
    flow.update_nomination(no_cover, individual("Phạm Thị Thiếu"), actor=users.commune,
                              expected_version=no_cover.version,
                              cover_letter=pdf_file())
    flow.submit(no_cover, actor=users.commune)
    flow.shortlist(no_cover, actor=users.coordinator, note="Đủ hồ sơ")
    assert no_cover.status == NS.SHORTLISTED
    assert db.session.query(Notification).filter_by(kind="shortlisted").count() == 1
    assert _assignment("ldtbxh", "xet-chon-khen-thuong").status == Status.SUBMITTED


def test_wrong_roles_are_refused(users):
    n = nominate(users.commune, collective(), stage="submitted")
    with pytest.raises(NotAllowed, match="Chỉ Phòng LĐTB&XH xét chọn đề nghị."):
        flow.shortlist(n, actor=users.home_affairs)
    with pytest.raises(NotAllowed, match="Chỉ Phòng LĐTB&XH xét chọn đề nghị."):
        flow.shortlist(n, actor=users.commune)
    flow.shortlist(n, actor=users.coordinator)
    for actor in (users.coordinator, users.commune, users.leadership):
        with pytest.raises(NotAllowed, match="Chỉ Phòng Nội vụ duyệt đề nghị khen thưởng."):
            flow.approve(n, actor=actor)
    with pytest.raises(NotAllowed, match="Vai trò của bạn không đề nghị khen thưởng."):
        flow.create_nomination(collective("X"), actor=users.leadership,
                                  report=pdf_file())


def test_approving_what_is_not_shortlisted_is_refused(users):
    n = nominate(users.commune, collective(), stage="submitted")
    with pytest.raises(DomainError, match="Chỉ duyệt được đề nghị Phòng LĐTB&XH đã chọn; đề nghị này đang “Đã gửi, chờ xét”.") as err:
        flow.approve(n, actor=users.home_affairs)
    assert "đã chọn" in err.value.message
    assert n.status == NS.SUBMITTED
    with pytest.raises(DomainError, match="Chỉ duyệt được đề nghị Phòng LĐTB&XH đã chọn; đề nghị này đang “Đã gửi, chờ xét”."):
        flow.reject(n, "Không", actor=users.home_affairs)


def test_reject_needs_a_reason_and_notifies(users):
    n = nominate(users.commune, collective(), stage="shortlisted", coordinator=users.coordinator)
    with pytest.raises(DomainError, match="Ghi lý do không duyệt."):
        flow.reject(n, "", actor=users.home_affairs)
    flow.reject(n, "Chưa tiêu biểu.", actor=users.home_affairs)
    assert n.status == NS.REJECTED and n.decision_reason == "Chưa tiêu biểu."
    assert db.session.query(Notification).filter_by(kind="rejected").count() == 1
    flow.reconsider(n, actor=users.home_affairs)
    assert n.status == NS.SHORTLISTED


def test_quota_cannot_be_exceeded(users):
    plan = current_plan()
    assert plan.quota("individual") == 12 and plan.quota("collective") == 12
    for i in range(12):
        nominate(users.commune, individual(f"Người Thứ {i}", 1960 + i), stage="approved",
                 coordinator=users.coordinator, home_affairs=users.home_affairs)
    extra = nominate(users.commune, individual("Người Thứ Mười Ba", 1990), stage="shortlisted",
                     coordinator=users.coordinator)
    with pytest.raises(DomainError, match="Đã đủ chỉ tiêu 12 cá nhân của kế hoạch; không duyệt thêm được.") as err:
        flow.approve(extra, actor=users.home_affairs)
    assert "Đã đủ chỉ tiêu 12 cá nhân" in err.value.message
    assert count(NS.APPROVED, "individual") == 12
    # collectives have their own quota
    c = nominate(users.commune, collective(), stage="approved", coordinator=users.coordinator,
                 home_affairs=users.home_affairs)
    assert c.status == NS.APPROVED
    counters = queries.counters(plan)
    ind = next(k for k in counters.kinds if k.kind == "individual")
    assert (ind.approved, ind.left, ind.shortlisted, ind.full) == (12, 0, 1, True)
    unit_row = dict((u.code, c) for u, c in counters.by_unit)["binh-chanh"]
    assert unit_row["individual_approved"] == 12 and unit_row["collective_approved"] == 1
    # taking one decision back frees a place
    first = db.session.query(Nomination).filter_by(status=NS.APPROVED, kind="individual").first()
    flow.reconsider(first, actor=users.home_affairs)
    flow.approve(extra, actor=users.home_affairs)
    assert count(NS.APPROVED, "individual") == 12


def test_nominations_after_the_deadline_unless_reopened(app, users):
    draft = nominate(users.commune, collective("Tổ hợp tác Một"))
    app.config["TODAY"] = date(2023, 11, 23)
    with pytest.raises(DomainError, match=r"Đã hết hạn nhận đề nghị \(ngày 22/11/2023\).") as err:
        nominate(users.commune, collective("Tổ hợp tác Hai"))
    assert "hết hạn" in err.value.message
    with pytest.raises(DomainError, match=r"Đã hết hạn nhận đề nghị \(ngày 22/11/2023\)."):
        flow.submit(draft, actor=users.commune)
    plan = current_plan()
    with pytest.raises(NotAllowed, match="Chỉ Phòng LĐTB&XH mở lại việc nhận đề nghị."):
        window.reopen(plan, date(2023, 11, 28), "", actor=users.commune)
    window.reopen(plan, date(2023, 11, 28), "Bổ sung cho các xã vùng bãi ngang",
                   actor=users.coordinator)
    late = nominate(users.commune, collective("Tổ hợp tác Hai"), stage="submitted")
    assert late.status == NS.SUBMITTED
    flow.submit(draft, actor=users.commune)
    app.config["TODAY"] = date(2023, 11, 29)
    with pytest.raises(DomainError, match="Đã hết hạn nhận đề nghị"):
        nominate(users.commune, collective("Tổ hợp tác Ba"))


def test_a_returned_nomination_may_come_back_after_the_deadline(app, users):
    n = nominate(users.commune, collective(), stage="submitted")
    flow.return_nomination(n, "Bổ sung số liệu.", actor=users.coordinator)
    app.config["TODAY"] = date(2023, 11, 30)
    flow.submit(n, actor=users.commune)
    assert n.status == NS.SUBMITTED


def test_same_person_or_collective_from_two_units_is_flagged(users):
    a = nominate(users.commune, individual("Huỳnh  Thị Mỹ Duyên", 1982), stage="submitted")
    b = nominate(users.mass_org, individual("huỳnh thị mỹ duyên", 1982), stage="submitted")
    c = nominate(users.department, individual("Huỳnh Thị Mỹ Duyên", 1983), stage="submitted")
    d = nominate(users.commune, collective("Hội Nông dân xã Bình Chánh"), stage="submitted")
    e = nominate(users.mass_org, collective("Hội nông dân xã Bình Chánh."), stage="submitted")
    dups = queries.duplicates(current_plan())
    assert [o.id for o in dups[a.id]] == [b.id]
    assert [o.id for o in dups[b.id]] == [a.id]
    assert c.id not in dups  # another year of birth: another person
    assert [o.id for o in dups[d.id]] == [e.id]


def test_stale_version_is_refused(users):
    n = nominate(users.commune, collective(), stage="submitted")
    with pytest.raises(StaleEdit, match="Đề nghị “Hội Nông dân xã Bình Chánh” vừa được người khác cập nhật"):
        flow.shortlist(n, actor=users.coordinator, expected_version=n.version - 1)


def test_order_collectives_first_by_unit_order_and_reorder(users):
    kw = {"stage": "approved", "coordinator": users.coordinator, "home_affairs": users.home_affairs}
    i1 = nominate(users.commune, individual("Xã Một Người", 1970), **kw)       # commune: late in order
    c1 = nominate(users.commune, collective("Tập thể của xã"), **kw)
    i2 = nominate(users.department, individual("Phòng Một Người", 1971), **kw)  # department: early
    c2 = nominate(users.mass_org, collective("Tập thể của Mặt trận"), **kw)
    plan = current_plan()
    order = [a.id for a in decision.approved_awardees(plan)]
    assert order == [c2.id, c1.id, i2.id, i1.id]
    decision.move_in_order(c1, "up", actor=users.home_affairs)
    assert [a.id for a in decision.approved_awardees(plan)] == [c1.id, c2.id, i2.id, i1.id]
    with pytest.raises(DomainError, match="Không di chuyển được thêm theo hướng này."):
        decision.move_in_order(c1, "up", actor=users.home_affairs)  # already first
    with pytest.raises(NotAllowed, match="Chỉ Phòng Nội vụ sắp xếp danh sách khen thưởng."):
        decision.move_in_order(c1, "down", actor=users.coordinator)
    # a newly approved one goes before the first placed one from a unit later in the plan
    c3 = nominate(users.department, collective("Tập thể của Phòng"), **kw)
    assert [a.id for a in decision.approved_awardees(plan)][:3] == [c3.id, c1.id, c2.id]
    assert db.session.query(AuditEntry).filter_by(action="nomination.reorder").count() == 1
    decision.reset_order(plan, actor=users.home_affairs)
    assert [a.id for a in decision.approved_awardees(plan)][:3] == [c3.id, c2.id, c1.id]


def test_decision_duty_follows_the_decision(users):
    n = nominate(users.commune, collective(), stage="approved", coordinator=users.coordinator,
                 home_affairs=users.home_affairs)
    assert n.status == NS.APPROVED
    plan = current_plan()
    assert _assignment("noivu", "phe-duyet-khen-thuong").status == Status.DRAFTING
    assert _assignment("ldtbxh", "xet-chon-khen-thuong").status == Status.ACCEPTED
    assert _assignment("binh-chanh", "bao-cao-thanh-tich").status == Status.ACCEPTED
    data = decision.proposed_decision(plan, date(2023, 12, 5))
    decision.save_decision(plan, data, actor=users.home_affairs)
    assert _assignment("noivu", "phe-duyet-khen-thuong").status == Status.SUBMITTED
    assert decision.number_text(queries.get_decision(plan)) == "      /QĐ-UBND"
    as_issued(plan, decision_number=5, decision_day=date(2023, 12, 6), clerk=users.office)
    assert decision.number_text(queries.get_decision(plan)) == "05/QĐ-UBND"
    assert _assignment("noivu", "phe-duyet-khen-thuong").status == Status.ACCEPTED


def test_save_decision_refusals(users):
    plan = current_plan()
    data = decision.proposed_decision(plan, date(2023, 12, 5))
    data.funding_split = {"DA6.TDA2": 60, "DA7.TDA1": 30}
    with pytest.raises(DomainError, match="Tỷ lệ các nguồn kinh phí phải cộng lại đúng 100%.") as err:
        decision.save_decision(plan, data, actor=users.home_affairs)
    assert err.value.field == "funding_split"
    data.funding_split = {"DA6.TDA2": 60, "DA7.TDA1": 40}
    data.number = "2150"
    with pytest.raises(DomainError, match="Số quyết định do văn thư cấp từ sổ văn bản đi khi phát hành, không nhập tay.") as err:
        decision.save_decision(plan, data, actor=users.home_affairs)
    assert err.value.field == "number"
    data.number = ""
    with pytest.raises(NotAllowed, match="Chỉ Phòng Nội vụ soạn quyết định khen thưởng."):
        decision.save_decision(plan, data, actor=users.coordinator)
    d = decision.save_decision(plan, data, actor=users.home_affairs)
    with pytest.raises(StaleEdit, match="Quyết định vừa được người khác sửa."):
        decision.save_decision(plan, data, actor=users.home_affairs, expected_version=d.version - 1)


def test_the_decision_cites_the_rules_of_its_date(users):
    plan = current_plan()
    data = decision.proposed_decision(plan, date(2023, 12, 5))   # bases of Nghị định 91/2017
    data.decision_date = date(2024, 3, 1)                          # ... for a 2024 decision
    with pytest.raises(DomainError, match="không áp dụng cho quyết định ngày 01/03/2024"):
        decision.save_decision(plan, data, actor=users.home_affairs)
    data.legal_bases = decision.legal_bases_on(plan, date(2024, 3, 1))
    assert decision.save_decision(plan, data, actor=users.home_affairs).decision_date == date(2024, 3, 1)
