"""The register's Nơi nhận names each body once: a typed line and the delivered unit it names
are one entry; a group line ("UBND các xã, thị trấn") stands for the communes it covers."""
import re
from types import SimpleNamespace

from webapp.extensions import db
from webapp.issuing.recipients import name_key, outside_lines, register_lines
from webapp.plan.loader import current_plan
from webapp.plan.models import Unit


def _paper(unit_codes, lines):
    units = db.session.query(Unit).filter(Unit.code.in_(unit_codes)).all()
    return SimpleNamespace(recipients=[SimpleNamespace(unit=u) for u in units],
                           external_recipients=list(lines))


def test_two_spellings_of_one_body_share_a_key():
    assert name_key("Phòng LĐ-TB&XH huyện") == name_key("Phòng LĐTB&XH")
    assert (name_key("Ban Thường trực Ủy ban MTTQ Việt Nam huyện")
            == name_key("Uỷ ban MTTQ Việt Nam huyện;"))
    assert name_key("VP HĐND&UBNDH: CVP, PCVP") == name_key("Văn phòng HĐND&UBND")
    assert name_key("Thường trực HĐND huyện") != name_key("Thường trực Huyện ủy")


def test_the_plan_lists_each_body_once_as_the_paper_prints_it(app):
    """The seed plan's Nơi nhận, delivered to every commune, the phòng and the MTTQ."""
    communes = [u.code for u in db.session.query(Unit).filter_by(kind="commune")]
    lines = current_plan().recipients[:-1]            # without "Lưu: VT, VX"
    seed = lines + ["Phòng LĐ-TB&XH huyện"]           # the seed's spelling typed again
    paper = _paper(communes + ["ldtbxh", "mttq", "vanphong", "nnptnt"], seed)
    shown = register_lines(paper)
    assert shown == lines + ["Phòng NN&PTNT"]
    assert "UBND các xã, thị trấn" in shown
    assert not any("Bình Chánh" in line for line in shown)
    assert shown.count("Phòng LĐTB&XH") == 1 and "Phòng LĐ-TB&XH huyện" not in shown
    assert "Ủy ban MTTQ Việt Nam huyện" not in shown
    assert "Ban Thường trực Ủy ban MTTQ Việt Nam huyện" in shown
    assert "Văn phòng HĐND&UBND" not in shown and "VP HĐND&UBNDH: CVP, PCVP" in shown
    # what the văn thư still sends outside the app
    outside = outside_lines(paper)
    assert "UBND tỉnh" in outside and "Phòng LĐTB&XH" not in outside
    assert "UBND các xã, thị trấn" not in outside


def test_units_no_line_names_are_listed_by_their_short_name(app):
    paper = _paper(["binh-chanh", "ldtbxh"], ["UBND tỉnh", "Phòng LĐTB&XH"])
    assert register_lines(paper) == ["UBND tỉnh", "Phòng LĐTB&XH",
                                     db.session.query(Unit).filter_by(code="binh-chanh")
                                     .one().short_name]


def test_the_register_page_and_its_workbook_name_each_body_once(issued_plan, client, login_as):
    """The issued plan, sent to Bình Chánh, Phòng NN&PTNT, Phòng Nội vụ and the MTTQ, as Văn
    phòng's register shows it."""
    import io

    from openpyxl import load_workbook
    login_as("office")
    page = client.get("/so-van-ban-di?nam=2023").get_data(as_text=True)
    row = next(r for r in re.findall(r"<tr.*?</tr>", page, re.S) if issued_plan.number_text in r)
    cell = re.findall(r"<td><small>(.*?)</small></td>", row, re.S)[0]
    entries = [e.strip() for e in cell.replace("&amp;", "&").split(";")]
    assert entries == [*current_plan().recipients[:-1], "Phòng Nội vụ", "Phòng NN&PTNT"]
    assert "Bình Chánh" not in cell and cell.count("Ủy ban MTTQ Việt Nam huyện") == 1
    sheet = load_workbook(io.BytesIO(client.get("/so-van-ban-di.xlsx?nam=2023").data)).active
    values = [c.value for c in sheet[4]]
    assert values[5] == "; ".join(entries)
