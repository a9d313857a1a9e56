"""Template of the plan itself (KẾ HOẠCH) and its annex, the outline of §VI.1 (đề cương),
in the Nghị định 30 layout. The context is webapp/plan/document.py:plan_context."""
from ..documents import nd30


def build():
    doc = nd30.new_document()
    nd30.header_block(doc)
    nd30.title_block(doc, "KẾ HOẠCH", ["{{ title }}"], rule_cm=4.0)
    nd30.repeat(doc, "b in legal_bases", "Căn cứ {{ b }}{{ '.' if loop.last else ';' }}",
                italic=True)
    nd30.paragraph(doc, "UBND huyện ban hành Kế hoạch, cụ thể như sau:")
    _heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    _heading(doc, "1. Mục đích")
    nd30.repeat(doc, "p in purposes", "- {{ p }}")
    _heading(doc, "2. Yêu cầu")
    nd30.repeat(doc, "r in requirements", "- {{ r }}{{ '.' if loop.last else ';' }}")
    _heading(doc, "II. NỘI DUNG, CHƯƠNG TRÌNH")
    nd30.repeat(doc, "item in agenda", _agenda_item)
    _heading(doc, "III. THỜI GIAN, ĐỊA ĐIỂM, SỐ LƯỢNG, THÀNH PHẦN ĐẠI BIỂU THAM DỰ")
    nd30.paragraph(doc, "1. Thời gian: {{ duration_text }}.")
    nd30.paragraph(doc, "2. Địa điểm: Tại {{ venue }}.")
    nd30.paragraph(doc, "3. Số lượng: {{ delegates_total }} đại biểu.")
    nd30.paragraph(doc, "4. Thành phần:", keep_next=True)
    nd30.repeat(doc, "g in compositions", _composition_group)
    _heading(doc, "IV. KHEN THƯỞNG")
    nd30.paragraph(doc, "{{ rewards_text }}")
    _heading(doc, "V. KINH PHÍ")
    nd30.paragraph(doc, "{{ funding_note }}")
    _heading(doc, "VI. TỔ CHỨC THỰC HIỆN")
    nd30.repeat(doc, "s in implementation", _implementation_item)
    nd30.paragraph(doc, "Trên đây Kế hoạch tổ chức sơ kết giữa kỳ {{ program_name }} và phong "
                        "trào thi đua “{{ movement_name }}” giai đoạn {{ period }}. Đề nghị các "
                        "cơ quan, đơn vị liên quan căn cứ Kế hoạch triển khai thực hiện./.")
    nd30.signature_block(doc)
    _outline_annex(doc)
    return doc


def _heading(doc, text: str):
    return nd30.paragraph(doc, text, bold=True, keep_next=True)


def _agenda_item(doc):
    nd30.paragraph(doc, "{{ loop.index }}. {{ item.title }}{{ ':' if item.kind == "
                        "'discussion_papers' else ('.' if loop.last else ';') }}")
    nd30.when(doc, "item.kind == 'discussion_papers'", lambda c: nd30.repeat(
        c, "s in speeches", "- {{ s.unit }}: {{ s.text }}{{ '.' if loop.last else ';' }}"))


def _composition_group(doc):
    nd30.when(doc, "g.heading", "* {{ g.heading }}:", bold=True, italic=True, keep_next=True)
    nd30.repeat(doc, "line in g.lines", "- {{ line }}")


def _implementation_item(doc):
    nd30.when(doc, "s.text", "{{ s.number }}. {{ s.who }}: {{ s.text }}")
    nd30.when(doc, "not s.text", "{{ s.number }}. {{ s.who }}", keep_next=True)
    nd30.when(doc, "s.paragraph", "{{ s.paragraph }}")
    nd30.repeat(doc, "i in s['items']", "- {{ i }}")
    nd30.when(doc, "s.note", "(Lưu ý: {{ s.note }}).", italic=True)


def _outline_annex(doc):
    """The đề cương on a new page: its title, what it is attached to, then the outline."""
    nd30.page_break(doc)
    nd30.paragraph(doc, "ĐỀ CƯƠNG BÁO CÁO", size=14, bold=True, align="center", space_after=0,
                   keep_next=True)
    nd30.paragraph(doc, "{{ annex.subject }}", size=14, bold=True, align="center",
                   space_after=0, keep_next=True)
    nd30.paragraph(doc, "{{ annex.attached_to }}", size=14, italic=True, align="center",
                   space_after=0, keep_next=True)
    nd30.rule(doc, 3.0, nd30.TEXT_WIDTH_CM)
    nd30.paragraph(doc, "", size=6, space_after=6)
    nd30.when(doc, "annex.poverty", _outline_poverty)
    _heading(doc, "{{ 'II' if annex.poverty else 'I' }}. KẾT QUẢ THỰC HIỆN CÁC DỰ ÁN, TIỂU DỰ ÁN "
                  "CỦA CHƯƠNG TRÌNH")
    nd30.paragraph(doc, "Đối với từng dự án, tiểu dự án mà đơn vị được giao thực hiện, báo cáo:",
                   keep_next=True)
    nd30.repeat(doc, "f in annex.project_fields",
                "- {{ f }}{{ '.' if loop.last else ';' }}")
    nd30.paragraph(doc, "Các dự án, tiểu dự án của Chương trình:", keep_next=True)
    nd30.repeat(doc, "p in annex.projects",
                "{{ '+' if p.sub else '-' }} {{ p.label }}: {{ p.title }}{{ '.' if loop.last "
                "else ';' }}")
    _heading(doc, "{{ 'III' if annex.poverty else 'II' }}. ĐÁNH GIÁ CHUNG")
    nd30.repeat(doc, "n in annex.narrative", "{{ loop.index }}. {{ n }}.")


def _outline_poverty(doc):
    _heading(doc, "I. TÌNH HÌNH HỘ NGHÈO, HỘ CẬN NGHÈO (đối với UBND các xã, thị trấn)")
    nd30.paragraph(doc, "Số liệu {{ annex.periods }}:", keep_next=True)
    nd30.repeat(doc, "row in annex.poverty", "- {{ row }}{{ '.' if loop.last else ';' }}")
