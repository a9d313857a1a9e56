"""Giấy mời (Văn phòng HĐND và UBND issues it for UBND huyện): the delegates not yet invited."""
from types import SimpleNamespace

from ...core.errors import DomainError
from ..kinds import PaperKind, register


def _context(plan, params: dict) -> dict:
    from ...delegates import invitations
    if plan.conference_date is None:
        raise DomainError("Kế hoạch chưa ấn định ngày tổ chức hội nghị: chưa lập được giấy mời.")
    # a refusal of the time or the mode names its field (the invitations page shows it there)
    meeting_time, mode = invitations.paper_options(plan, params)
    batch = SimpleNamespace(number="", issued_on=None, meeting_time=meeting_time)
    context = invitations.invitation_context(plan, batch, mode)
    if not context["pages"]:
        raise DomainError("Không có đại biểu nào chưa được mời: chưa lập được giấy mời.")
    return context


def _summary(plan, params: dict) -> str:
    from ...delegates import invitations
    return invitations.summary_of(plan)


def _units(plan, params: dict) -> list[str]:
    from ...delegates import invitations
    return sorted({d.unit.code for d in invitations.to_invite(plan, only_new=True)
                   if d.unit is not None})


def _on_issued(paper, actor) -> None:
    """The delegates' own record: invitation number on each delegate, Văn phòng's duty done."""
    from ...delegates import invitations
    meeting_time, _mode = invitations.paper_options(paper.plan, paper.params or {})
    invitations.issue(paper.plan, number=paper.entry.number, issued_on=paper.entry.issued_on,
                      meeting_time=meeting_time, only_new=True, actor=actor)


register(PaperKind(
    code="invitation", label="Giấy mời dự hội nghị", doc_type="GM", issuer="ubnd",
    drafter="vanphong", template="giay-moi.docx", context=_context,
    page_endpoint="delegates.invitations_page", summary=_summary, default_units=_units,
    on_issued=_on_issued, filename="Giấy mời",
    # chosen on the invitations page (its options form puts them in the URL), kept on the paper
    param_names=("meeting_time", "mode")))
