"""Factories for reward tests: nominations moved through the flow by the services."""
from webapp.awards import service
from webapp.awards.models import Nomination
from webapp.awards.service import NominationData
from webapp.extensions import db
from webapp.uploads.service import CheckedUpload, store

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf_file(unit_id, name="bao-cao-thanh-tich.pdf"):
    return store(CheckedUpload(name, "pdf", PDF), unit_id=unit_id)


def individual(name="Nguyễn Văn Thử", year=1975, **extra):
    return NominationData(kind="individual", full_name=name, gender=extra.get("gender", "male"),
                          birth_year=year, position=extra.get("position", "Trưởng thôn"),
                          workplace=extra.get("workplace", "thôn Một, xã Bình Chánh"),
                          summary="Giúp nhiều hộ thoát nghèo.")


def collective(name="Hội Nông dân xã Bình Chánh"):
    return NominationData(kind="collective", collective_name=name, summary="Thành tích tốt.")


def nominate(user, data, *, cover=True, stage="draft", coordinator=None, home_affairs=None):
    """Create a nomination for `user`'s unit and move it to `stage`."""
    n = service.create_nomination(data, actor=user, report_file=pdf_file(user.unit_id),
                                  cover_letter_file=pdf_file(user.unit_id, "to-trinh.pdf") if cover else None)
    if stage == "draft":
        return n
    service.submit(n, actor=user)
    if stage == "submitted":
        return n
    service.shortlist(n, actor=coordinator)
    if stage == "shortlisted":
        return n
    service.approve(n, actor=home_affairs)
    return n


def count(status, kind=None):
    query = db.session.query(Nomination).filter_by(status=status)
    if kind:
        query = query.filter_by(kind=kind)
    return query.count()
