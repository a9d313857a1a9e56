"""Factories for reward tests: nominations moved through the flow by the services."""
from webapp.awards import flow
from webapp.awards.flow import NominationData
from webapp.awards.models import Nomination
from webapp.extensions import db
from webapp.uploads.service import CheckedUpload

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf_file(name="bao-cao-thanh-tich.pdf"):
    """An uploaded PDF as checked in memory (the services write it once all is valid)."""
    return CheckedUpload(name, "pdf", PDF)


def individual(name="Nguyễn Văn Thử", year=1975, **extra):
    return NominationData(kind="individual", full_name=name, gender=extra.get("gender", "male"),
                          birth_year=year, address=extra.get("address", "dong_chi"),
                          position=extra.get("position", "Trưởng thôn"),
                          workplace=extra.get("workplace", "thôn Một, xã Bình Chánh"),
                          summary="Giúp nhiều hộ thoát nghèo.")


def collective(name="Hội Nông dân xã Bình Chánh"):
    return NominationData(kind="collective", collective_name=name, summary="Thành tích tốt.")


def nominate(user, data, *, cover=True, stage="draft", coordinator=None, home_affairs=None):
    """Create a nomination for `user`'s unit and move it to `stage`."""
    n = flow.create_nomination(data, actor=user, report=pdf_file(),
                               cover_letter=pdf_file("to-trinh.pdf") if cover else None)
    if stage == "draft":
        return n
    flow.submit(n, actor=user)
    if stage == "submitted":
        return n
    flow.shortlist(n, actor=coordinator)
    if stage == "shortlisted":
        return n
    flow.approve(n, actor=home_affairs)
    return n


def count(status, kind=None):
    query = db.session.query(Nomination).filter_by(status=status)
    if kind:
        query = query.filter_by(kind=kind)
    return query.count()


def as_issued(plan, *, decision_number=None, decision_day=None, proposal_number=None,
              proposal_day=None, clerk=None):
    """What the register does when the văn thư issues the papers (issuing's awards adapter):
    the number and date go on the decision and the Tờ trình."""
    from webapp.awards import decision, papers
    if proposal_number is not None:
        papers.record_issued_proposal(plan, proposal_number, proposal_day, actor=clerk)
    if decision_number is not None:
        decision.record_issued_decision(plan, decision_number, decision_day, actor=clerk)
