"""The reward decision (Quyết định khen thưởng, .docx in the Nghị định 30 layout) with its
annex list, and what it is computed from. The certificates are in `certificates`, the list
spreadsheet in `spreadsheet`, the Tờ trình, biên bản and receipt list in `papers_docs`.

Templates are built by `build_decision()` (registered in webapp/documents/registry.py) and
rendered through webapp.documents.service.render, which escapes names like "Hợp tác xã A & B".
"""
from ..core.errors import DomainError
from ..core.people import capitalise, title_line
from ..core.formatting import amount_in_words, ddmmyyyy, document_date, money
from ..documents import nd30
from ..documents.service import download_name, render
from . import decision, papers, rules
from .models import Kind
from .queries import get_decision

DECISION_TEMPLATE = "quyet-dinh-khen-thuong.docx"
ISSUER = "Ủy ban nhân dân huyện Bình Sơn"
HEAD_TITLE = "Trưởng phòng"   # the head of a phòng, as the units data titles them


# --- the template ----------------------------------------------------------------------------

def mixed(container, parts, *, align="justify", indent=True, space_after=6, size=nd30.BODY_PT,
          keep_next=False):
    """A paragraph of several runs: parts = [(text, bold, italic), ...]."""
    p = nd30.paragraph(container, "", align=align, indent=indent, space_after=space_after,
                       size=size, keep_next=keep_next)
    for text, bold, italic in parts:
        nd30.font(p.add_run(text), size, bold, italic)
    return p


def annex_table(doc, *, money_header="Số tiền (đồng)"):
    """The list of collectives then individuals with their money and the total."""
    table = nd30.grid_table(doc, [1.2, 6.6, 6.0, 2.7],
                            ["TT", "Tên tập thể, họ và tên cá nhân", "Chức vụ, đơn vị công tác",
                             money_header], size=13)
    aligns = ["center", "left", "left", "right"]
    for roman, label, items, subtotal in (("I", "TẬP THỂ", "collectives", "subtotal_collectives"),
                                          ("II", "CÁ NHÂN", "individuals", "subtotal_individuals")):
        nd30.row_of_texts(table, [roman, f"{label} ({{{{ {items}|length }}}})", "",
                                  f"{{{{ {subtotal} }}}}"], size=13, bold=True, aligns=aligns)
        nd30.row_of_texts(table, [f"{{%tr for a in {items} %}}", "", "", ""], size=13)
        nd30.row_of_texts(table, ["{{ a.index }}", "{{ a.name }}", "{{ a.title }}", "{{ a.money }}"],
                          size=13, aligns=aligns)
        nd30.row_of_texts(table, ["{%tr endfor %}", "", "", ""], size=13)
    nd30.row_of_texts(table, ["", "Tổng cộng", "", "{{ total }}"], size=13, bold=True, aligns=aligns)
    return table


def build_decision():
    doc = nd30.new_document()
    nd30.header_block(doc)
    nd30.title_block(doc, "QUYẾT ĐỊNH", ["{{ summary }}"], rule_cm=4.0)
    nd30.paragraph(doc, "{{ authority_line }}", bold=True, align="center", space_after=12)
    nd30.repeat(doc, "b in legal_bases", "Căn cứ {{ b }}{{ '.' if loop.last else ';' }}",
                italic=True)
    nd30.paragraph(doc, "{{ proposer_line }}")
    nd30.paragraph(doc, "QUYẾT ĐỊNH:", bold=True, align="center", space_before=6, keep_next=True)
    mixed(doc, [("Điều 1. ", True, False), ("{{ article_1 }}", False, False)])
    mixed(doc, [("Điều 2. ", True, False), ("{{ article_2 }}", False, False)])
    # the last article keeps the signature company: the block is never alone on a page
    mixed(doc, [("Điều 3. ", True, False), ("{{ article_3 }}", False, False)], keep_next=True)
    nd30.signature_block(doc)
    annex(doc, "{{ annex_title }}", ATTACHED_TO_DECISION)
    return doc


# "(Kèm theo …)" of the papers attached to the decision: its annex, the receipt list
ATTACHED_TO_DECISION = ("Quyết định số {{ number_text }} ngày {{ date_short }} của Chủ tịch UBND "
                        "huyện Bình Sơn")


def annex_heading(doc, title: str, attached_to: str) -> None:
    """The title of a list attached to a paper, "(Kèm theo …)" in italics, a short rule."""
    nd30.paragraph(doc, title, bold=True, align="center", space_after=0)
    nd30.paragraph(doc, f"(Kèm theo {attached_to})", italic=True, align="center", space_after=0)
    nd30.rule(doc, 3.0, nd30.TEXT_WIDTH_CM)
    nd30.paragraph(doc, "", size=6, align="center", space_after=6)


def annex(doc, title: str, attached_to: str) -> None:
    """The list of awardees as the annex of a paper: on a new page, its heading, the table,
    the total in words."""
    nd30.page_break(doc)
    annex_heading(doc, title, attached_to)
    annex_table(doc)
    nd30.paragraph(doc, "(Bằng chữ: {{ total_words }})", italic=True, space_before=6, indent=False)


# --- what it says ----------------------------------------------------------------------------

def unissued_proposal(plan) -> str:
    """Why the decision may not go to sign-off yet, "" when it may: the Tờ trình it cites
    must have its number and date from Phòng Nội vụ's register."""
    p = papers.get_proposal(plan)
    if p is None:
        return ("Chưa trình ký được Quyết định khen thưởng: chưa có Tờ trình đề nghị khen thưởng "
                "của Phòng Nội vụ để quyết định dẫn “Theo đề nghị của …”.")
    if not p.number:
        return ("Chưa trình ký được Quyết định khen thưởng: Tờ trình đề nghị khen thưởng của "
                "Phòng Nội vụ mà quyết định dẫn chưa có số và ngày. Phòng Nội vụ phát hành tờ "
                "trình qua sổ văn bản đi trước, rồi mới trình ký quyết định.")
    return ""


def proposer_line(plan) -> str:
    """"Theo đề nghị của Trưởng phòng Nội vụ tại Tờ trình số 05/TTr-NV ngày 28/11/2023."""
    p = papers.get_proposal(plan)
    if p is None or not p.proposal_date:
        return "Theo đề nghị của Trưởng phòng Nội vụ tại Tờ trình số      /TTr-NV ngày      ."
    return (f"Theo đề nghị của Trưởng phòng Nội vụ tại Tờ trình số "
            f"{decision.number_text(p, 'TTr-NV')} ngày {ddmmyyyy(p.proposal_date)}.")


def unit_names(ids) -> dict[int, str]:
    """The nominating unit of each nomination as a paper names it ("UBND xã Bình Chánh")."""
    from ..extensions import db
    from ..plan.models import Unit
    from .models import Nomination
    rows = (db.session.query(Nomination.id, Unit).join(Unit, Nomination.unit_id == Unit.id)
            .filter(Nomination.id.in_(list(ids))).all()) if ids else []
    return {n_id: unit.official_name for n_id, unit in rows}


def awardee_rows(items) -> list[dict]:
    """One row per awardee; a title is capitalised as a list column starts it, the unit named
    in full."""
    items = list(items)
    names = unit_names([a.id for a in items])
    return [{"index": i, "name": f"{a.salutation} {a.name}".strip(), "plain_name": a.name,
             "salutation": a.salutation, "title": capitalise(a.title),
             "unit": names.get(a.id, a.unit),
             "money": money(a.money), "amount": a.money, "kind": a.kind, "gender": a.gender,
             "birth_year": a.birth_year, "summary": a.summary}
            for i, a in enumerate(items, start=1)]


def list_context(plan, on) -> dict:
    """The list and its money on the decision date `on`: shared by every reward paper."""
    try:
        summary_money = decision.money_summary(plan, on)
    except rules.RulesError as exc:
        raise DomainError(str(exc), field="decision_date") from None
    awardees = decision.approved_awardees(plan, on)
    collectives = [a for a in awardees if a.kind == Kind.COLLECTIVE]
    individuals = [a for a in awardees if a.kind == Kind.INDIVIDUAL]
    sources = [s for s in summary_money.by_source if s["amount"]]
    return {
        "movement_line": (f"trong công tác giảm nghèo và phong trào thi đua "
                          f"“{plan.movement_name}” giai đoạn {plan.period}"),
        "collectives": awardee_rows(collectives), "individuals": awardee_rows(individuals),
        "per_kind": summary_money.per_kind, "money_rules": summary_money.rules,
        "subtotal_collectives": money(summary_money.subtotals["collective"]),
        "subtotal_individuals": money(summary_money.subtotals["individual"]),
        "total": money(summary_money.total), "total_amount": summary_money.total,
        "total_words": amount_in_words(summary_money.total),
        "by_source": summary_money.by_source,
        "funding": " và ".join(f"{s['label'].split(':')[0].strip()} ({money(s['amount'])} đồng)"
                               for s in sources),
    }


def decision_context(plan) -> dict:
    """Everything the decision shows, computed from the data (the .docx and the HTML preview)."""
    d = get_decision(plan)
    data = decision.current_decision_data(plan)
    on = data.decision_date or decision.decision_date_of(plan)
    lists = list_context(plan, on)
    per, in_force = lists["per_kind"], lists["money_rules"]
    n_coll, n_ind = len(lists["collectives"]), len(lists["individuals"])
    return {
        **lists,
        "number_text": decision.number_text(d), "number": d.number if d else "",
        "decision_date": on, "place_date": document_date(plan.place_of_issue, on),
        "date_short": ddmmyyyy(on),
        "summary": f"Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc {lists['movement_line']}",
        "authority_line": "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN",
        "legal_bases": list(data.legal_bases),
        "proposer_line": proposer_line(plan),
        "unissued_proposal": unissued_proposal(plan),
        "article_1": (f"Tặng Giấy khen của Chủ tịch UBND huyện cho {n_coll:02d} tập thể và "
                      f"{n_ind:02d} cá nhân đã có thành tích xuất sắc {lists['movement_line']} "
                      "(có danh sách kèm theo)."),
        "article_2": (f"Kèm theo Giấy khen, mỗi tập thể được thưởng {money(per['collective'])} đồng, "
                      f"mỗi cá nhân được thưởng {money(per['individual'])} đồng theo quy định tại "
                      f"{in_force.period.money_basis} (mức lương cơ sở {money(in_force.base_salary)} "
                      f"đồng). Tổng số tiền thưởng là {lists['total']} đồng (Bằng chữ: "
                      f"{lists['total_words']}), chi từ nguồn kinh phí {lists['funding'] or '…'} "
                      f"thuộc {plan.program_name} trên địa bàn huyện năm {on.year}."),
        "article_3": (f"Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Nội vụ, "
                      f"{title_line(HEAD_TITLE, plan.coordinator_unit.name)}, Trưởng phòng Tài "
                      "chính - Kế hoạch, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập "
                      "thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này kể "
                      "từ ngày ký./."),
        "recipients": [r for r in data.recipients if not r.startswith("Lưu")],
        "archive": next((r.removeprefix("Lưu:").strip() for r in data.recipients
                         if r.startswith("Lưu")), "VT, NV"),
        "signer_authority": data.signer_authority, "signer_title": data.signer_title,
        "signer_name": data.signer_name,
        "annex_title": "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN CỦA CHỦ TỊCH UBND HUYỆN",
        "achievement": f"Đã có thành tích xuất sắc {lists['movement_line']}.",
        "rules_label": in_force.period.label,
    }


def require_awardees(context: dict, *, draft: bool = False) -> None:
    """A paper of the list needs someone on it. A decision's context (what issuing puts up for
    sign-off, approval and the register's number) also needs the Tờ trình it cites issued;
    a working draft downloaded from the rewards pages (`draft=True`) does not."""
    if not context["collectives"] and not context["individuals"]:
        raise DomainError("Chưa có tập thể, cá nhân nào được duyệt: chưa lập được văn bản.")
    if not draft and context.get("unissued_proposal"):
        raise DomainError(context["unissued_proposal"])


def file_base(number: str, what: str, suffix: str = "QĐ-UBND") -> str:
    if number:
        number = f"{int(number):02d}" if number.isdigit() and int(number) < 10 else number
        return f"{what} số {number}-{suffix}"
    return f"{what} (dự thảo, chưa có số)"


def decision_file(plan):
    """(make the bytes, file name): checked and read now, rendered after the commit."""
    context = decision_context(plan)
    require_awardees(context, draft=True)
    title = "Quyết định khen thưởng " + context["number_text"]

    def make():
        return render(DECISION_TEMPLATE, context, title=title, author=ISSUER)

    return make, download_name(file_base(context["number"], "Quyết định khen thưởng"))


def certificates_file(plan):
    from .certificates import certificates_file as make_certificates
    return make_certificates(plan, decision_context(plan))


def awardees_file(plan):
    from .spreadsheet import awardees_file as make_list
    # a working list: it does not wait for the Tờ trình to be issued
    return make_list({**decision_context(plan), "unissued_proposal": ""})
