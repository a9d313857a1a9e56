"""The outgoing register: numbers from data, from 01 each year, no gaps, no duplicates, also
when several clerks take numbers at the same moment (SQLite and PostgreSQL)."""
import threading
from datetime import date

from flask import g

from webapp.extensions import db
from webapp.issuing import register
from webapp.issuing.models import RegisterCounter


def test_which_types_share_a_sequence_is_read_from_the_data_file():
    ubnd = register.body("ubnd")
    assert ubnd.register_for("QĐ").code == "qd"
    assert ubnd.register_for("GM").code == ubnd.register_for("TB").code == "vb"
    assert register.body("ldtbxh").register_for("TTr").code == "vb"


def test_a_body_that_is_a_unit_is_named_as_the_units_data_names_it(app):
    """The register and the seal of Phòng LĐTB&XH take its name from the units file, so a
    renamed phòng is renamed everywhere at once."""
    from webapp.issuing.keys import seal_text
    from webapp.plan.models import Unit
    assert register.body("ldtbxh").name == "Phòng Lao động - Thương binh và Xã hội"
    assert register.body("ubnd").name == "UBND huyện Bình Sơn"
    assert seal_text(register.body("ldtbxh").name) == "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    assert seal_text(register.body("ubnd").name) == "ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN"
    db.session.query(Unit).filter_by(code="noivu").one().name = "Phòng Nội vụ huyện"
    db.session.flush()
    g.pop("issuing_unit_names", None)   # read once per request: a new request reads it again
    assert register.body("noivu").name == "Phòng Nội vụ huyện"


def test_numbers_below_ten_have_a_leading_zero_and_a_letter_carries_its_drafter():
    assert register.format_number(5, register.symbol("ubnd", "QĐ", "noivu")) == "05/QĐ-UBND"
    assert register.format_number(123, "QĐ-UBND") == "123/QĐ-UBND"
    assert register.symbol("ubnd", "CV", "ldtbxh") == "UBND-LĐTBXH"
    assert register.symbol("ldtbxh", "TTr", "ldtbxh") == "TTr-LĐTBXH"


def test_the_selection_meeting_numbers_its_bien_ban_in_its_own_register(app):
    """The Biên bản họp xét khen thưởng is the paper of the body that holds the meeting
    (Ban Chỉ đạo or Hội đồng Thi đua - Khen thưởng): "…/BB-BCĐ", "…/BB-HĐTĐKT", registered by
    Phòng Nội vụ's văn thư, from 01 like every other register."""
    from webapp.awards.papers import DEFAULT_BODY
    bcd, council = register.body("bcd"), register.body("hdtdkt")
    assert bcd.name == DEFAULT_BODY
    assert (bcd.register_for("BB").code, council.register_for("BB").code) == ("bb", "bb")
    assert register.symbol("bcd", "BB", "noivu") == "BB-BCĐ"
    assert register.symbol("hdtdkt", "BB", "noivu") == "BB-HĐTĐKT"
    assert bcd.clerk_unit == council.clerk_unit == "noivu"
    assert register.take_number("bcd", "bb", 2023) == 1


def test_each_register_and_each_year_counts_from_one(app):
    assert [register.take_number("ubnd", "qd", 2023) for _ in range(3)] == [1, 2, 3]
    assert register.take_number("ubnd", "kh", 2023) == 1
    assert register.take_number("ubnd", "qd", 2024) == 1
    assert register.take_number("ldtbxh", "vb", 2023) == 1
    db.session.commit()


def test_register_entry_takes_the_business_date_and_the_next_number(app, budget_paper, users):
    from webapp.issuing import papers
    from .conftest import submit
    submit(budget_paper, users["coordinator"])
    papers.approve(budget_paper, actor=users["leadership"], expected_version=None)
    entry = papers.allocate_number(budget_paper, actor=users["coordinator"],
                                   expected_version=None)
    assert (entry.number_text, entry.issued_on) == ("01/TTr-LĐTBXH", date(2023, 11, 15))


def test_concurrent_clerks_never_share_or_skip_a_number(app):
    """8 threads, each taking 5 numbers in its own transaction: 1..40 exactly once."""
    taken, errors = [], []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def clerk():
        with app.app_context():
            try:
                start.wait()
                for _ in range(5):
                    number = register.take_number("ubnd", "qd", 2023)
                    db.session.commit()
                    with lock:
                        taken.append(number)
            except Exception as exc:  # noqa: BLE001  (reported below, the test fails on it)
                errors.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=clerk) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sorted(taken) == list(range(1, 41))
    db.session.expire_all()
    counter = db.session.query(RegisterCounter).filter_by(issuer="ubnd", register="qd").one()
    assert counter.last_number == 40


def test_the_register_export_writes_a_formula_like_summary_as_text(app, client, login_as, users):
    """A summary typed as a formula, or holding a non-character, exports as plain text."""
    import io

    from flask import url_for
    from openpyxl import load_workbook

    from webapp.issuing import kinds, papers
    from webapp.plan.loader import current_plan
    from .conftest import submit
    evil = '=HYPERLINK("http://x","y")\ufffe'
    paper = papers.create(current_plan(), kinds.get("budget"), actor=users["coordinator"])
    papers.update_draft(paper, papers.DraftData(evil, "", "TRƯỞNG PHÒNG", "Nguyễn Văn Trưởng",
                                                [], ["UBND huyện (b/c)"]),
                        actor=users["coordinator"], expected_version=None)
    submit(paper, users["coordinator"])
    papers.approve(paper, actor=users["leadership"], expected_version=None)
    papers.allocate_number(paper, actor=users["coordinator"], expected_version=None)
    db.session.commit()
    login_as("coordinator")
    with app.test_request_context():
        url = url_for("issuing.register_xlsx")
    response = client.get(url)
    assert response.status_code == 200
    # a real server writes headers in latin-1: Phòng LĐTB&XH's "Đ" must go encoded (RFC 5987)
    disposition = response.headers["Content-Disposition"]
    disposition.encode("latin-1")
    assert "filename*=UTF-8''S%E1%BB%95%20v%C4%83n%20b%E1%BA%A3n%20%C4%91i%20L%C4%90TBXH" in disposition
    cells = [c for row in load_workbook(io.BytesIO(response.data)).active.iter_rows()
             for c in row if c.value == '=HYPERLINK("http://x","y")']
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
