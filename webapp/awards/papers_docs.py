"""Papers of Phòng Nội vụ around the decision, as .docx in the Nghị định 30 layout:

- Tờ trình đề nghị khen thưởng (…/TTr-NV) to the Chủ tịch UBND huyện, with the list;
- Biên bản họp xét khen thưởng of the selection meeting: time, place, who presided and
  attended, the votes per nominee, the result;
- Danh sách ký nhận tiền thưởng: names, amounts, total in figures and words, a signature column.

In a paper of a phòng the superior body ("UBND HUYỆN BÌNH SƠN") is in regular capitals, the
issuing body in bold capitals with the rule under it.
"""
from docx.oxml.ns import qn
from docx.shared import Cm

from ..core import people
from ..core.errors import DomainError
from ..core.formatting import ddmmyyyy, document_date, money
from ..documents import nd30
from ..documents.service import download_name, render
from . import decision, papers
from .documents import (ATTACHED_TO_DECISION, annex, annex_heading, file_base, list_context,
                        require_awardees)
from ..core.people import DEFAULT_ADDRESS, Person, introduction
from .queries import put_to_the_meeting

PROPOSAL_TEMPLATE = "to-trinh-khen-thuong.docx"
MINUTES_TEMPLATE = "bien-ban-xet-khen-thuong.docx"
RECEIPT_TEMPLATE = "danh-sach-ky-nhan-tien-thuong.docx"
HOME_AFFAIRS = "Phòng Nội vụ huyện Bình Sơn"
RECEIPT_MAKER = "chuyen-vien-noi-vu"   # who draws up the receipt list (units data officials)


def _header(doc, *body_lines: str, number: str | None = "Số: {{ number_text }}",
            left_cm: float = nd30.LEFT_COL_CM):
    """UBND HUYỆN BÌNH SƠN (regular) / the issuing body (bold), then Quốc hiệu. `number=None`
    for a paper without a number of its own; `left_cm` widens the issuing body's column for a
    long name (the rules stay centred under their lines)."""
    table = nd30.header_block(doc, issuer_lines=("UBND HUYỆN BÌNH SƠN", *body_lines),
                              number=number or "")
    first = table.rows[0].cells[0].paragraphs[0]
    for run in first.runs:
        run.font.bold = None
    if left_cm != nd30.LEFT_COL_CM:
        widths = [left_cm, nd30.TEXT_WIDTH_CM - left_cm]
        nd30._fix_widths(table, widths)
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = Cm(width)
        for cell, width in zip(table.rows[0].cells, widths):
            for p in cell.paragraphs:
                if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None:
                    fmt = p.paragraph_format
                    length = width - 0.38 - 2 * fmt.left_indent.cm
                    fmt.left_indent = fmt.right_indent = Cm(max(0.0, (width - 0.38 - length) / 2))
    return table


# Phrases of a body's name that a header line never splits (Nghị định 30 headers break
# between phrases: "BAN CHỈ ĐẠO" / "CÁC CHƯƠNG TRÌNH" / "MỤC TIÊU QUỐC GIA HUYỆN").
_PHRASES = ("BAN CHỈ ĐẠO", "CÁC CHƯƠNG TRÌNH", "CHƯƠNG TRÌNH", "MỤC TIÊU QUỐC GIA", "HỘI ĐỒNG",
            "THI ĐUA - KHEN THƯỞNG", "THI ĐUA – KHEN THƯỞNG")
HEADER_LINE_CHARS = 23   # what fits a 7 cm column in bold 13 pt capitals


def header_lines(name: str, width: int = HEADER_LINE_CHARS) -> list[str]:
    """A body's name in capitals, in lines of at most `width` characters broken between
    phrases, never inside one."""
    text = " ".join(name.upper().split())
    for phrase in sorted(_PHRASES, key=len, reverse=True):
        text = text.replace(phrase, phrase.replace(" ", "\u00a0"))
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return [line.replace("\u00a0", " ") for line in lines]


def _signers(doc, left: tuple[str, str], right: tuple[str, str]):
    """Two signatures side by side (title, name), never split across pages."""
    from docx.oxml import OxmlElement
    table = nd30.borderless_table(doc, [8.25, 8.25], rows=1)
    for cell, (title, name) in zip(table.rows[0].cells, (left, right)):
        nd30.paragraph(cell, title, bold=True, align="center", space_before=12, space_after=0)
        for _ in range(4):
            nd30.paragraph(cell, "", align="center", space_after=0)
        nd30.paragraph(cell, name, bold=True, align="center", space_after=0)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    nd30.end_spacer(doc)


# --- templates -------------------------------------------------------------------------------

def build_proposal():
    doc = nd30.new_document()
    _header(doc, "PHÒNG NỘI VỤ")
    nd30.title_block(doc, "TỜ TRÌNH", ["{{ summary }}"], rule_cm=4.0)
    nd30.paragraph(doc, "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Bình Sơn.", align="center",
                   space_after=12)
    nd30.repeat(doc, "b in bases", "Căn cứ {{ b }}{{ '.' if loop.last else ';' }}")
    nd30.paragraph(doc, "{{ request_text }}")
    nd30.paragraph(doc, "{{ money_text }}")
    nd30.paragraph(doc, "Phòng Nội vụ kính trình Chủ tịch UBND huyện xem xét, quyết định./.",
                   keep_next=True)
    nd30.signature_block(doc, authority="{{ signer_title }}", title="", name="{{ signer_name }}")
    annex(doc, "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA CHỦ TỊCH UBND HUYỆN",
          "Tờ trình số {{ number_text }} ngày {{ date_short }} của Phòng Nội vụ")
    return doc


def build_minutes():
    doc = nd30.new_document()
    _header(doc, "{%p for line in body_lines %}", "{{ line }}", "{%p endfor %}", left_cm=7.0)
    nd30.title_block(doc, "BIÊN BẢN", ["{{ summary }}"], rule_cm=4.0)
    for label, value in (("Thời gian", "{{ time_text }}"), ("Địa điểm", "{{ place }}"),
                         ("Chủ trì", "{{ chair }}"), ("Thư ký", "{{ secretary }}"),
                         ("Thành phần", "{{ attendance_text }}")):
        p = nd30.paragraph(doc, "")
        nd30.font(p.add_run(f"{label}: "), nd30.BODY_PT, True)
        nd30.font(p.add_run(value), nd30.BODY_PT)
    nd30.repeat(doc, "a in attendees", "- {{ a }}{{ '.' if loop.last else ';' }}", space_after=0)
    nd30.paragraph(doc, "NỘI DUNG CUỘC HỌP", bold=True, align="center", space_before=12)
    nd30.paragraph(doc, "{{ content_text }}")
    nd30.paragraph(doc, "Kết quả biểu quyết:", bold=True, keep_next=True)
    table = nd30.grid_table(doc, [1.1, 6.2, 3.6, 2.4, 1.6, 1.6],
                            ["TT", "Tên tập thể, họ và tên cá nhân", "Đơn vị đề nghị",
                             "Số phiếu đồng ý", "Tỷ lệ (%)", "Kết quả"], size=12)
    aligns = ["center", "left", "left", "center", "center", "center"]
    for roman, label, items in (("I", "TẬP THỂ", "collectives"), ("II", "CÁ NHÂN", "individuals")):
        nd30.row_of_texts(table, [roman, label, "", "", "", ""], bold=True, aligns=aligns)
        nd30.row_of_texts(table, [f"{{%tr for v in {items} %}}", "", "", "", "", ""])
        nd30.row_of_texts(table, ["{{ v.index }}", "{{ v.name }}", "{{ v.unit }}",
                                  "{{ v.votes }}/{{ present }}", "{{ v.percent }}", "{{ v.result }}"],
                          aligns=aligns)
        nd30.row_of_texts(table, ["{%tr endfor %}", "", "", "", "", ""])
    nd30.paragraph(doc, "{{ result_text }}", space_before=12)
    nd30.when(doc, "conclusion", "{{ conclusion }}")
    nd30.paragraph(doc, "{{ closing_text }}", keep_next=True)
    _signers(doc, ("THƯ KÝ", "{{ secretary_name }}"), ("CHỦ TRÌ", "{{ chair_name }}"))
    return doc


def build_receipts():
    doc = nd30.new_document()
    _header(doc, "PHÒNG NỘI VỤ", number=None)  # the decision is cited below, not as its number
    nd30.paragraph(doc, "DANH SÁCH KÝ NHẬN TIỀN THƯỞNG", bold=True, align="center",
                   space_before=18, space_after=0)
    annex_heading(doc, "{{ summary }}", ATTACHED_TO_DECISION)
    table = nd30.grid_table(doc, [1.1, 6.4, 3.4, 2.6, 3.0],
                            ["TT", "Tên tập thể, họ và tên cá nhân", "Đơn vị", "Số tiền (đồng)",
                             "Ký nhận"], size=12)
    aligns = ["center", "left", "left", "right", "left"]
    for roman, label, items, subtotal in (("I", "TẬP THỂ", "collectives", "subtotal_collectives"),
                                          ("II", "CÁ NHÂN", "individuals", "subtotal_individuals")):
        nd30.row_of_texts(table, [roman, label, "", f"{{{{ {subtotal} }}}}", ""], bold=True,
                          aligns=aligns)
        # the last rows of the list go with the total and the signatures: those never stand
        # alone on the last page
        loops = ((f"{items}[:-2]", False), (f"{items}[-2:]", True)) if items == "individuals" \
            else ((items, False),)
        for loop, keep in loops:
            nd30.row_of_texts(table, [f"{{%tr for a in {loop} %}}", "", "", "", ""])
            row = nd30.row_of_texts(table, ["{{ a.index }}", "{{ a.name }}", "{{ a.unit }}",
                                            "{{ a.money }}", ""], aligns=aligns)
            row.height = Cm(1.2)  # room to sign
            if keep:
                _keep_with_next(row)
            nd30.row_of_texts(table, ["{%tr endfor %}", "", "", "", ""])
    _keep_with_next(nd30.row_of_texts(table, ["", "Tổng cộng", "", "{{ total }}", ""], bold=True,
                                      aligns=aligns))
    nd30.paragraph(doc, "Tổng số tiền bằng chữ: {{ total_words }}.", italic=True, space_before=6,
                   indent=False, keep_next=True)
    _signers(doc, ("NGƯỜI LẬP DANH SÁCH", "{{ maker_name }}"),
             ("{{ signer_title }}", "{{ signer_name }}"))
    return doc


def _keep_with_next(row) -> None:
    """The row is never split and goes on the page of what follows it."""
    from docx.oxml import OxmlElement
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell in row.cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True


# --- contexts and files ----------------------------------------------------------------------

def _proposal_or_refuse(plan):
    p = papers.get_proposal(plan)
    if p is None:
        raise DomainError("Phòng Nội vụ chưa nhập số, ngày và người ký tờ trình (mục “Tờ trình, "
                          "biên bản”).")
    return p


def proposal_context(plan) -> dict:
    """What the Tờ trình says (the download and the paper issued through the register)."""
    p = _proposal_or_refuse(plan)
    lists = list_context(plan, decision.decision_date_of(plan))
    require_awardees(lists)
    meeting = papers.get_meeting(plan)
    n_coll, n_ind = len(lists["collectives"]), len(lists["individuals"])
    plan_ref = (f"Kế hoạch số {plan.number or '      '}/KH-UBND"
                + (f" ngày {ddmmyyyy(plan.issued_on)}" if plan.issued_on else "")
                + f" của UBND huyện về tổ chức Hội nghị sơ kết giữa kỳ {plan.program_name} và "
                  f"phong trào thi đua “{plan.movement_name}” giai đoạn {plan.period}")
    bases = list(lists["money_rules"].period.legal_bases[1:]) + [plan_ref]
    if meeting and meeting.held_at:
        bases.append(f"Biên bản họp xét khen thưởng ngày {ddmmyyyy(meeting.held_at.date())} của "
                     f"{meeting.body}")
    context = {
        **lists, "number_text": decision.number_text(p, "TTr-NV"),
        "place_date": document_date(plan.place_of_issue, p.proposal_date),
        "date_short": ddmmyyyy(p.proposal_date),
        "summary": (f"Về việc đề nghị tặng Giấy khen của Chủ tịch UBND huyện cho tập thể, cá nhân "
                    f"có thành tích xuất sắc {lists['movement_line']}"),
        "bases": bases,
        "request_text": (f"Qua xét chọn, Phòng Nội vụ đề nghị Chủ tịch UBND huyện tặng Giấy khen cho "
                         f"{n_coll:02d} tập thể và {n_ind:02d} cá nhân đã có thành tích xuất sắc "
                         f"{lists['movement_line']} (có danh sách kèm theo)."),
        "money_text": (f"Mức thưởng theo {lists['money_rules'].period.money_basis}: mỗi tập thể "
                       f"{money(lists['per_kind']['collective'])} đồng, mỗi cá nhân "
                       f"{money(lists['per_kind']['individual'])} đồng; tổng số tiền thưởng là "
                       f"{lists['total']} đồng (Bằng chữ: {lists['total_words']}), từ nguồn kinh "
                       f"phí {lists['funding'] or '…'} thuộc {plan.program_name} năm "
                       f"{p.proposal_date.year}."),
        "recipients": ["Như trên", plan.coordinator_unit.short_name], "archive": "VT, NV",
        "signer_title": p.signer_title, "signer_name": p.signer_name,
    }
    return context


def proposal_file(plan):
    p = _proposal_or_refuse(plan)
    context = proposal_context(plan)
    title = "Tờ trình đề nghị khen thưởng " + context["number_text"]

    def make():
        return render(PROPOSAL_TEMPLATE, context, title=title, author=HOME_AFFAIRS)

    return make, download_name(file_base(p.number, "Tờ trình đề nghị khen thưởng", "TTr-NV"))


def _minutes_symbol(body: str) -> str:
    return "HĐTĐKT" if "hội đồng" in body.casefold() else "BCĐ"


def _time_text(when) -> str:
    return (f"Vào lúc {when:%H} giờ {when:%M} phút, ngày {when:%d} tháng "
            f"{when.month if when.month > 2 else f'{when.month:02d}'} năm {when.year}.")


def minutes_file(plan):
    m = papers.get_meeting(plan)
    if m is None:
        raise DomainError("Phòng Nội vụ chưa nhập biên bản họp xét khen thưởng (mục “Tờ trình, "
                          "biên bản”).")
    # what the meeting voted on: a nomination shortlisted after it is not in its minutes
    voted = {int(k): int(v) for k, v in (m.votes or {}).items()}
    nominees = [n for n in put_to_the_meeting(plan) if n.id in voted]
    present = m.members_present

    def rows(kind):
        out = []
        for i, n in enumerate((x for x in nominees if x.kind == kind), start=1):
            votes = voted[n.id]
            out.append({"index": i, "name": f"{n.salutation} {n.name}".strip(),
                        "unit": n.unit.official_name, "votes": votes,
                        "percent": f"{votes * 100 / present:.1f}".replace(".", ","),
                        "result": "Đạt" if papers.passed(votes, present) else "Không đạt"})
        return out

    collectives, individuals = rows("collective"), rows("individual")
    passed_c = sum(1 for r in collectives if r["result"] == "Đạt")
    passed_i = sum(1 for r in individuals if r["result"] == "Đạt")
    body = m.body
    symbol = _minutes_symbol(body)
    chair, secretary = m.chair, m.secretary
    context = {
        "body_lines": header_lines(body), "number_text": decision.number_text(m, f"BB-{symbol}"),
        "place_date": document_date(plan.place_of_issue, m.held_at.date()),
        "summary": (f"Họp xét khen thưởng tập thể, cá nhân có thành tích xuất sắc trong công tác "
                    f"giảm nghèo và phong trào thi đua “{plan.movement_name}” giai đoạn {plan.period}"),
        "time_text": _time_text(m.held_at), "place": m.place + ".",
        "chair": person_line(chair["name"], chair["title"], chair.get("address"), start=True) + ".",
        "secretary": person_line(secretary["name"], secretary["title"], secretary.get("address"),
                                 start=True) + ".",
        "attendance_text": (f"có mặt {present:02d}/{m.members_total:02d} thành viên"
                            + (f", vắng {m.members_total - present:02d}" if m.members_total > present else "")
                            + ", gồm:"),
        "attendees": [person_line(a["name"], a["title"], a.get("address"), start=True)
                      for a in m.attendees],
        "content_text": (f"{plan.coordinator_unit.name} và Phòng Nội vụ trình bày danh sách "
                         f"{len(collectives):02d} tập thể và {len(individuals):02d} cá nhân được các "
                         f"cơ quan, đơn vị đề nghị và đã được xét chọn theo hồ sơ. Các thành viên "
                         f"thảo luận và biểu quyết từng trường hợp."),
        "collectives": collectives, "individuals": individuals, "present": present,
        "result_text": (f"Kết quả: {passed_c:02d} tập thể và {passed_i:02d} cá nhân đạt trên 50% số "
                        f"phiếu đồng ý của thành viên có mặt. {body} thống nhất đề nghị Chủ tịch "
                        f"UBND huyện tặng Giấy khen cho {passed_c:02d} tập thể và {passed_i:02d} cá "
                        f"nhân nêu trên."),
        "conclusion": m.conclusion,
        "closing_text": ((f"Cuộc họp kết thúc vào lúc {m.ended_at:%H} giờ {m.ended_at:%M} phút cùng "
                          "ngày. " if m.ended_at else "")
                         + "Biên bản đã được đọc lại cho các thành viên dự họp cùng nghe và thống "
                           "nhất thông qua./."),
        "chair_name": chair["name"], "secretary_name": secretary["name"],
    }
    title = "Biên bản họp xét khen thưởng ngày " + ddmmyyyy(m.held_at.date())

    def make():
        return render(MINUTES_TEMPLATE, context, title=title, author=body)

    if m.number:  # a number kept from before numbers were no longer typed
        return make, download_name(file_base(m.number, "Biên bản họp xét khen thưởng",
                                             f"BB-{symbol}"))
    return make, download_name(f"Biên bản họp xét khen thưởng ngày {m.held_at:%d-%m-%Y}")


def receipt_file(plan):
    from .documents import decision_context
    p = _proposal_or_refuse(plan)
    context = decision_context(plan)
    require_awardees(context, draft=True)
    maker = people.official(RECEIPT_MAKER)
    context = {**context, "summary": f"Khen thưởng tập thể, cá nhân có thành tích xuất sắc "
                                     f"{context['movement_line']}",
               "place_date": context["place_date"], "signer_title": "TRƯỞNG PHÒNG NỘI VỤ",
               "signer_name": p.signer_name, "maker_name": maker.name if maker else "",
               "number_text": context["number_text"]}
    title = "Danh sách ký nhận tiền thưởng " + context["number_text"]

    def make():
        return render(RECEIPT_TEMPLATE, context, title=title, author=HOME_AFFAIRS)

    return make, download_name(file_base(context["number"], "Danh sách ký nhận tiền thưởng"))


def person_line(name: str, title: str = "", address: str | None = None, *, start: bool = False) -> str:
    """A person of the selection meeting, named once by the shared formatter."""
    return introduction(Person(name, title, address=address or DEFAULT_ADDRESS), start=start)
