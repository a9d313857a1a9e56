"""The .docx templates of the two district reports (Nghị định 30): body in portrait, annexes of
results with "(Kèm theo Báo cáo số …)" and total rows. Built by `flask documents build-templates`."""
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..documents import nd30
from ..reports import docx_parts

ANNEX_OF = "(Kèm theo Báo cáo số {{ number_text }} ngày {{ date_short }} của UBND huyện Bình Sơn)"


def _section(doc, code: str):
    nd30.paragraph(doc, "{{ s." + code + ".heading }}", bold=True, keep_next=True, indent=True)
    _lines(doc, "s." + code + ".paragraphs")


def _lines(doc, expression: str, *, keep_next=False):
    nd30.tag(doc, "{%p for para in " + expression + " %}")
    nd30.paragraph(doc, "{{ para }}", keep_next=keep_next)
    nd30.tag(doc, "{%p endfor %}")


def _start(doc):
    nd30.header_block(doc, number="Số: {{ number_text }}")
    nd30.title_block(doc, "BÁO CÁO", ["{{ summary }}"], rule_cm=3.5)
    nd30.paragraph(doc, "{{ intro }}")


def _end(doc):
    docx_parts.keep_with_signature(nd30.paragraph(doc, "{{ closing }}"))
    nd30.signature_block(doc)


def _no_split(table) -> None:
    """No row of a table breaks across two pages."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _annex_title(doc, number: str, title: str, *, new_page: bool):
    p = nd30.paragraph(doc, f"PHỤ LỤC {number}", bold=True, align="center", indent=False,
                       space_after=0, keep_next=True)
    p.paragraph_format.page_break_before = new_page or None
    nd30.paragraph(doc, title, bold=True, align="center", indent=False, space_after=0,
                   keep_next=True)
    nd30.paragraph(doc, ANNEX_OF, italic=True, align="center", indent=False, keep_next=True)


def _rows(table, loop: str, cells: list[str], *, size, aligns, bold=False):
    blank = [""] * (len(cells) - 1)
    nd30.row_of_texts(table, ["{%tr for r in " + loop + " %}"] + blank, size=size)
    nd30.row_of_texts(table, cells, size=size, aligns=aligns, bold=bold)
    nd30.row_of_texts(table, ["{%tr endfor %}"] + blank, size=size)


def _merge(first, last):
    """One header cell over several: the first cell's words, centred vertically."""
    cell = first.merge(last)
    for extra in [p for p in cell.paragraphs[1:] if not p.text]:
        cell._tc.remove(extra._p)
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    return cell


def _header_row(row) -> None:
    """The row repeats at the top of every page the table runs on."""
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def _grouped_table(doc, widths: list[float], singles: list[str], groups: list[str],
                   subs: list[str], *, size: float):
    """A table with two header rows: the `singles` columns over both rows, then each group's
    label over its `subs` columns. Returns the table and the function that merges the header
    cells, to call once the body rows are added (they take their widths from the first row)."""
    head = singles + [g if i % len(subs) == 0 else "" for g in groups for i in range(len(subs))]
    table = nd30.grid_table(doc, widths, head, size=size)
    _header_row(nd30.row_of_texts(table, [""] * len(singles) + subs * len(groups), size=size,
                                  bold=True, aligns=["center"] * len(widths)))

    def merge():
        top, sub = table.rows[0].cells, table.rows[1].cells
        for column in range(len(singles)):
            _merge(top[column], sub[column])
        for start in range(len(singles), len(widths), len(subs)):
            _merge(top[start], top[start + len(subs) - 1])
    return table, merge


def _poverty_table(doc, rows: str, total: str, title: str):
    """A period over its three columns, then the columns themselves."""
    nd30.paragraph(doc, title, bold=True, align="left", indent=False, keep_next=True)
    widths = [0.9, 4.2] + [2.23] * 9   # "Thị trấn Châu Ổ", "Xã Bình Tân Phú" on one line
    table, merge = _grouped_table(
        doc, widths, ["TT", "Xã, thị trấn"], ["{{ periods[%d] }}" % i for i in range(3)],
        ["Tổng số hộ", "{{ " + rows + "_header }}", "Tỷ lệ"], size=10)
    cells = ["{{ r.no }}", "{{ r.name }}"] + ["{{ r.cells[%d] }}" % i for i in range(9)]
    aligns = ["center", "left"] + ["right"] * 9
    _rows(table, rows, cells, size=10, aligns=aligns)
    nd30.row_of_texts(table, ["", "{{ poverty_total_label }}"] + [
        "{{ " + total + "[%d] }}" % i for i in range(9)], size=10, bold=True, aligns=aligns)
    _no_split(table)
    merge()


def build_mid_term():
    doc = nd30.new_document()
    _start(doc)
    _section(doc, "tinh_hinh")
    _section(doc, "chi_dao")
    nd30.paragraph(doc, "{{ s.ket_qua.heading }}", bold=True, keep_next=True)
    nd30.paragraph(doc, "1. Kết quả giảm nghèo", bold=True, keep_next=True)
    _lines(doc, "figures_summary")
    nd30.paragraph(doc, "(Chi tiết tại các Phụ lục kèm theo báo cáo này.)", italic=True)
    nd30.paragraph(doc, "2. Đánh giá chung", bold=True, keep_next=True)
    _lines(doc, "s.ket_qua.paragraphs")
    for code in ("han_che", "bai_hoc", "phuong_huong", "kien_nghi"):
        _section(doc, code)
    _end(doc)

    nd30.landscape_section(doc)
    _annex_title(doc, "I", "TÌNH HÌNH HỘ NGHÈO, HỘ CẬN NGHÈO THEO XÃ, THỊ TRẤN", new_page=False)
    nd30.paragraph(doc, "{{ poverty_note }}", size=10, italic=True, space_after=2)
    _poverty_table(doc, "poor_rows", "poor_total", "1. Hộ nghèo")
    p = nd30.paragraph(doc, "", size=6, space_after=0)
    p.paragraph_format.page_break_before = True
    _poverty_table(doc, "near_rows", "near_total", "2. Hộ cận nghèo")

    _annex_title(doc, "II", "KẾT QUẢ THỰC HIỆN CÁC DỰ ÁN, TIỂU DỰ ÁN", new_page=True)
    nd30.paragraph(doc, "(Đơn vị tính kinh phí: đồng; số liệu của phòng, ban huyện và của xã, thị "
                        "trấn ghi riêng, không cộng dồn)", size=10, italic=True, align="center",
                   indent=False)
    widths = [4.6, 2.2, 2.4] + [2.67] * 6
    table, merge = _grouped_table(
        doc, widths, ["Dự án, tiểu dự án", "Số đơn vị báo cáo", "{{ beneficiaries_header }}"],
        ["{{ sources[%d] }}" % i for i in range(3)], ["Phân bổ", "Giải ngân"], size=10)
    cells = ["{{ r.project }}", "{{ r.units }}", "{{ r.beneficiaries }}"] + [
        "{{ r.cells[%d] }}" % i for i in range(6)]
    aligns = ["left", "center", "right"] + ["right"] * 6
    for group, label in (("department", "A. PHÒNG, BAN HUYỆN"), ("commune", "B. XÃ, THỊ TRẤN")):
        heading = nd30.row_of_texts(table, [label] + [""] * 8, size=10, bold=True)
        heading.cells[0].merge(heading.cells[-1])
        _rows(table, f"project_rows.{group}", cells, size=10, aligns=aligns)
        nd30.row_of_texts(table, ["Cộng " + label[0]] + [
            "{{ project_totals.%s[%d] }}" % (group, i) for i in range(8)],
            size=10, bold=True, aligns=aligns)
    _no_split(table)
    merge()

    _annex_title(doc, "III", "MỤC TIÊU, CHỈ TIÊU VÀ KẾT QUẢ THỰC HIỆN THEO BÁO CÁO CỦA CÁC ĐƠN VỊ",
                 new_page=True)
    table = nd30.grid_table(doc, [4.2, 4.6, 8.2, 8.2], ["Dự án, tiểu dự án", "Đơn vị",
                                                         "Mục tiêu, chỉ tiêu được giao",
                                                         "Kết quả thực hiện"], size=11)
    _rows(table, "target_rows", ["{{ r.project }}", "{{ r.unit }}", "{{ r.target }}",
                                 "{{ r.result }}"], size=11, aligns=["left"] * 4)
    _no_split(table)
    return doc


def build_emulation():
    doc = nd30.new_document()
    _start(doc)
    _section(doc, "to_chuc")
    nd30.paragraph(doc, "{{ s.ket_qua.heading }}", bold=True, keep_next=True)
    nd30.paragraph(doc, "1. Kết quả nổi bật", bold=True, keep_next=True)
    _lines(doc, "movement_summary")
    _lines(doc, "s.ket_qua.paragraphs")
    nd30.tag(doc, "{%p if examples %}")
    nd30.paragraph(doc, "2. Gương điển hình tiên tiến, cách làm hay", bold=True, keep_next=True)
    _lines(doc, "examples")
    nd30.tag(doc, "{%p endif %}")
    nd30.paragraph(doc, "{{ awards_heading }}", bold=True, keep_next=True)
    _lines(doc, "awards_summary")
    for code in ("han_che", "phuong_huong", "kien_nghi"):
        _section(doc, code)
    _end(doc)

    _annex_title(doc, "I", "KẾT QUẢ PHONG TRÀO THI ĐUA THEO BÁO CÁO CỦA CÁC ĐƠN VỊ", new_page=True)
    table = nd30.grid_table(doc, [1.0, 6.1, 2.8, 3.0, 3.6],
                            ["TT", "Đơn vị", "{{ movement_headers[0] }}",
                             "{{ movement_headers[1] }}", "{{ movement_headers[2] }}"], size=11)
    aligns = ["center", "left", "right", "right", "right"]
    _rows(table, "movement_rows", ["{{ r.no }}", "{{ r.unit }}", "{{ r.cells[0] }}",
                                   "{{ r.cells[1] }}", "{{ r.cells[2] }}"], size=11, aligns=aligns)
    nd30.row_of_texts(table, ["", "Tổng cộng", "{{ movement_total[0] }}", "{{ movement_total[1] }}",
                              "{{ movement_total[2] }}"], size=11, bold=True, aligns=aligns)
    _no_split(table)

    _annex_title(doc, "II", "DANH SÁCH TẬP THỂ, CÁ NHÂN CÓ THÀNH TÍCH XUẤT SẮC ĐƯỢC KHEN THƯỞNG",
                 new_page=True)
    nd30.tag(doc, "{%p for group in award_groups %}")
    nd30.paragraph(doc, "{{ group.heading }}", bold=True, keep_next=True, indent=False)
    table = nd30.grid_table(doc, [1.0, 6.5, 9.0], ["TT", "{{ group.name_header }}",
                                                   "{{ group.detail_header }}"], size=12)
    _rows(table, "group.rows", ["{{ r.no }}", "{{ r.name }}", "{{ r.detail }}"], size=12,
          aligns=["center", "left", "left"])
    nd30.paragraph(doc, "", size=6, space_after=0)
    nd30.tag(doc, "{%p endfor %}")
    nd30.paragraph(doc, "{{ awards_total }}", italic=True, indent=False)
    return doc
