"""Accepted result reports built through the reports capability's own services."""
from webapp.duties.models import Assignment, Duty
from webapp.extensions import db
from webapp.plan.models import Unit
from webapp.reports import queries, service as reports
from webapp.uploads.service import CheckedUpload

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
_users: dict = {}


def assignment(unit_code: str, duty_code: str = "bao-cao-ket-qua") -> Assignment:
    return (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
            .filter(Unit.code == unit_code, Duty.code == duty_code).one())


def commune_raw(households: list[int], poor: list[int], near: list[int], **extra) -> dict:
    raw = {"nar.results": "Kết quả (dữ liệu thử)."}
    for index, year in enumerate(("2021", "2022", "2023")):
        raw[f"pov.households.{year}"] = str(households[index])
        raw[f"pov.poor.{year}"] = str(poor[index])
        raw[f"pov.near_poor.{year}"] = str(near[index])
    raw.update(extra)
    return raw


def project_raw(code: str, beneficiaries: int, allocated: int, disbursed: int,
                year: str = "2023", source: str = "central", result: str = "") -> dict:
    p = f"prj.{code}"
    return {f"{p}.selected": "1", f"{p}.beneficiaries": str(beneficiaries),
            f"{p}.result": result or f"Kết quả {code}",
            f"{p}.target": f"Mục tiêu {code}",
            f"{p}.fund.{year}.{source}.allocated": str(allocated),
            f"{p}.fund.{year}.{source}.disbursed": str(disbursed)}


def report(unit_code: str, raw: dict, make_user, coordinator, *, accept: bool | None = True):
    """Draft, submit and (accept=True) accept or (False) return; None leaves it submitted."""
    a = assignment(unit_code)
    actor = _users.get(unit_code)
    if actor is None or db.session.get(type(actor), actor.id) is None:
        actor = _users[unit_code] = make_user(unit_code)
    reports.save_draft(a, raw, actor=actor, expected_version=0)
    version = queries.report_of(a).draft_version
    reports.submit(a, CheckedUpload("bao-cao.pdf", "pdf", PDF), actor=actor,
                   expected_version=version)
    if accept is not None:
        reports.review(a, accept, "" if accept else "Bổ sung số liệu.", actor=coordinator,
                       expected_version=a.version)
    db.session.commit()
    return a
