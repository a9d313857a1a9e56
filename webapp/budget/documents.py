"""What the budget papers say: Phòng LĐTB&XH's Tờ trình (…/TTr-LĐTBXH) with the Dự toán
attached, and the Quyết định phê duyệt dự toán (…/QĐ-UBND) of the district chair. Templates in
builders.py; contexts are plain data (the issuing register fills number and date)."""
from ..core import people
from ..core.formatting import amount_in_words, document_date, money
from ..documents import service as documents
from ..extensions import db
from ..plan.models import Unit
from ..reports import docx_parts
from .builders import build_decision, build_proposal  # noqa: F401  (documents/registry.py)
from .estimate import BudgetSummary, norm_of, papers_data
from .service import HEAD_TITLE, signer_of

PROPOSAL = "du-toan-kinh-phi.docx"     # Tờ trình kèm dự toán (the name kept for the register)
DECISION = "quyet-dinh-phe-duyet-du-toan.docx"


def proposer(plan) -> str:
    """The phòng that proposes the estimate: the plan's coordinator, named by the units data."""
    return plan.coordinator_unit.name


def _executors(papers: dict) -> str:
    """Article 3's "who carries it out": each (title, unit code) of the data named from the
    units data ("Trưởng phòng" + "Phòng Tài chính - Kế hoạch"), then the others."""
    wanted = [(title, code) for title, code in papers["executors"]]
    names = dict(db.session.query(Unit.code, Unit.name)
                 .filter(Unit.code.in_([code for _t, code in wanted])))
    return (", ".join(people.title_line(title, names[code]) for title, code in wanted)
            + " và " + papers["other_executors"])


def _short(source_label: str) -> str:
    return source_label.split(":")[0].strip()


def _bases(lines: list[str]) -> list[str]:
    """"Căn cứ …;" one per paragraph, the last one ending "."."""
    out = [f"Căn cứ {line.rstrip(';.')};" for line in lines]
    if out:
        out[-1] = out[-1][:-1] + "."
    return out


def subject(plan) -> str:
    return (f"Về việc phê duyệt dự toán kinh phí tổ chức Hội nghị sơ kết giữa kỳ "
            f"{plan.program_name} và khen thưởng phong trào thi đua “{plan.movement_name}” "
            f"giai đoạn {plan.period}")


def estimate_rows(plan, data: BudgetSummary) -> dict:
    """The annex: part I the conference lines, part II the reward money for the whole quota."""
    conference = [{"no": str(i), "content": line.label, "unit": line.unit or "",
                   "quantity": str(line.quantity), "unit_price": money(line.unit_price),
                   "amount": money(line.amount), "source": _short(line.funding_source.label),
                   "norm": "; ".join(t for t in (norm_of(line.category), line.note) if t)}
                  for i, line in enumerate(data.lines, start=1)]
    both_sources = ", ".join(_short(s.source.label) for s in data.sources if s.reward)
    reward = [{"no": str(i), "content": line.label, "unit": "cá nhân" if line.kind == "individual"
               else "tập thể", "quantity": str(line.quantity),
               "unit_price": money(line.unit_price), "amount": money(line.amount),
               "source": both_sources, "norm": data.reward.basis}
              for i, line in enumerate(data.reward.lines, start=1)]
    parts = [{"no": "I", "title": "Kinh phí tổ chức hội nghị", "rows": conference,
              "total": money(data.conference_total)},
             {"no": "II", "title": "Kinh phí khen thưởng (theo số lượng Kế hoạch)", "rows": reward,
              "total": money(data.reward_total)}]
    return {
        "estimate_title": ("TỔ CHỨC HỘI NGHỊ SƠ KẾT GIỮA KỲ VÀ KHEN THƯỞNG PHONG TRÀO THI ĐUA "
                           f"GIAI ĐOẠN {plan.period}"),
        "parts": parts, "parts_sum": "I + II",
        "sources": [{"label": s.source.label, "conference": money(s.conference),
                     "reward": money(s.reward), "total": money(s.total)} for s in data.sources],
        "conference_total": money(data.conference_total), "reward_total": money(data.reward_total),
        "total": money(data.total), "total_words": data.total_words,
    }


def _common(plan, data: BudgetSummary, today, number_text: str) -> dict:
    return {"number_text": number_text, "date_short": "…",
            "place_date": document_date(plan.place_of_issue, None, year=today.year),
            "summary": subject(plan), **estimate_rows(plan, data)}


def _spending(plan, data: BudgetSummary) -> list[str]:
    counts = {line.kind: line.quantity for line in data.reward.lines}
    lines = [f"- Kinh phí tổ chức hội nghị: {money(data.conference_total)} đồng;",
             f"- Kinh phí khen thưởng {counts.get('collective', 0)} tập thể và "
             f"{counts.get('individual', 0)} cá nhân có thành tích xuất sắc (Giấy khen của Chủ "
             f"tịch UBND huyện): {money(data.reward_total)} đồng, theo {data.reward.basis}."]
    return lines


def _by_source(data: BudgetSummary) -> list[str]:
    rows = [f"- {s.source.label}: {money(s.total)} đồng;" for s in data.sources]
    if rows:
        rows[-1] = rows[-1][:-1] + "."
    return rows


def budget_context(plan, data: BudgetSummary, today) -> dict:
    """The Tờ trình of Phòng LĐTB&XH with the Dự toán attached."""
    papers = papers_data()["proposal"]
    signer = signer_of(plan)
    issuer = proposer(plan)
    context = _common(plan, data, today, "      /TTr-LĐTBXH")
    context.update({
        "issuer": issuer, "issuer_lines": list(docx_parts.body_lines(issuer)),
        "addressee": papers["addressee"],
        "bases": _bases([f"{docx_parts.plan_reference(plan)} về tổ chức Hội nghị sơ kết giữa kỳ "
                         f"{plan.program_name} và phong trào thi đua “{plan.movement_name}” giai "
                         f"đoạn {plan.period}", *papers["legal_bases"]]),
        "opening": (f"Để tổ chức Hội nghị sơ kết giữa kỳ và khen thưởng theo Kế hoạch, {issuer} "
                    "kính trình UBND huyện xem xét, phê duyệt dự toán kinh phí như sau:"),
        "body": [f"1. Tổng kinh phí: {money(data.total)} đồng (Bằng chữ: {data.total_words}).",
                 "2. Nội dung chi:", *_spending(plan, data),
                 "3. Nguồn kinh phí: " + plan.funding_note.rstrip(".") + ", gồm:",
                 *_by_source(data), "(Chi tiết theo Dự toán kèm theo.)"],
        "closing": f"{issuer} kính trình UBND huyện xem xét, phê duyệt./.",
        "recipients": papers["recipients"], "archive": papers["archive"],
        "signer_authority": signer.authority, "signer_title": signer.title,
        "signer_name": signer.name,
    })
    return context


def decision_context(plan, data: BudgetSummary, today) -> dict:
    """The Quyết định phê duyệt dự toán of the district chair (KT. CHỦ TỊCH)."""
    papers = papers_data()["decision"]
    issuer = proposer(plan)
    context = _common(plan, data, today, "      /QĐ-UBND")
    context.update({
        "bases": _bases([*papers["legal_bases"],
                         f"{docx_parts.plan_reference(plan)} về tổ chức Hội nghị sơ kết giữa kỳ "
                         f"{plan.program_name} và phong trào thi đua “{plan.movement_name}” giai "
                         f"đoạn {plan.period}"]),
        "proposer": (f"Theo đề nghị của {people.title_line(HEAD_TITLE, issuer)} tại Tờ trình số "
                     "…/TTr-LĐTBXH ngày …."),
        "article_1": (f"Phê duyệt dự toán kinh phí tổ chức Hội nghị sơ kết giữa kỳ "
                      f"{plan.program_name} và khen thưởng phong trào thi đua "
                      f"“{plan.movement_name}” giai đoạn {plan.period}, với tổng số tiền: "
                      f"{money(data.total)} đồng (Bằng chữ: {amount_in_words(data.total)})."),
        "article_1_lines": ["Nguồn kinh phí:", *_by_source(data),
                            "(Chi tiết theo Dự toán kèm theo Quyết định này.)"],
        "article_2": (f"{issuer} có trách nhiệm sử dụng kinh phí đúng mục đích, đúng chế độ; "
                      "thanh toán, quyết toán theo quy định hiện hành."),
        "article_3": (f"{_executors(papers)} chịu trách nhiệm thi hành Quyết định này. Quyết "
                      "định có hiệu lực kể từ ngày ký./."),
        "recipients": papers["recipients"], "archive": papers["archive"],
        "signer_authority": plan.signer_authority, "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
    })
    return context


def render_proposal(context: dict) -> bytes:
    return documents.render(PROPOSAL, context, title=f"Tờ trình – {context['summary']}",
                             author=context["issuer"])


def render_decision(context: dict) -> bytes:
    return documents.render(DECISION, context, title=f"Quyết định – {context['summary']}",
                             author="UBND huyện Bình Sơn")
