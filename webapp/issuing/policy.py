"""Who may do what to a paper (object rules; routes carry the capability).

Used by the loaders (get_paper_or_404: 404 for a paper the user may not see) and by templates
(`allowed("issuing.approve", paper)`) to show only the buttons that work.
"""
from ..core.permissions import Cap, has_cap, policy
from ..extensions import db
from . import kinds, register
from .models import EDITABLE, Paper, PaperRecipient, SigningKey, State


def _unit_code(user) -> str:
    unit = getattr(user, "unit", None)
    return unit.code if unit is not None else ""


def is_clerk(user, issuer: str) -> bool:
    """The văn thư of the issuing body (Văn phòng for UBND huyện; a phòng for its own)."""
    return has_cap(user, Cap.PAPER_REGISTER) and _unit_code(user) == register.body(issuer).clerk_unit


def clerk_bodies(user) -> list[register.Body]:
    if not has_cap(user, Cap.PAPER_REGISTER):
        return []
    return [b for b in register.bodies().values() if b.clerk_unit == _unit_code(user)]


def person_key(user) -> SigningKey | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return (db.session.query(SigningKey)
            .filter_by(holder="person", user_id=user.id, active=True)
            .order_by(SigningKey.id.desc()).first())


def body_key(issuer: str) -> SigningKey | None:
    return (db.session.query(SigningKey).filter_by(holder="body", issuer=issuer, active=True)
            .order_by(SigningKey.id.desc()).first())


def can_create(user, kind: kinds.PaperKind) -> bool:
    return has_cap(user, Cap.PAPER_DRAFT) and _unit_code(user) == kind.drafter


def _drafter(user, paper: Paper) -> bool:
    return has_cap(user, Cap.PAPER_DRAFT) and user.unit_id == paper.drafting_unit_id


def _is_recipient(user, paper: Paper) -> bool:
    return (db.session.query(PaperRecipient.id)
            .filter(PaperRecipient.paper_id == paper.id, PaperRecipient.unit_id == user.unit_id,
                    PaperRecipient.delivered_at.is_not(None)).first() is not None)


def can_view(user, paper: Paper) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if _drafter(user, paper) or user.unit_id == paper.drafting_unit_id:
        return True
    if has_cap(user, Cap.PAPER_APPROVE) and paper.state != State.DRAFT:
        return True
    if is_clerk(user, paper.issuer) and paper.state not in (State.DRAFT, State.SUBMITTED,
                                                             State.RETURNED):
        return True
    return _is_recipient(user, paper)


def can_edit(user, paper: Paper) -> bool:
    return _drafter(user, paper) and State(paper.state) in EDITABLE


def can_approve(user, paper: Paper) -> bool:
    return has_cap(user, Cap.PAPER_APPROVE) and paper.state == State.SUBMITTED


def can_number(user, paper: Paper) -> bool:
    return (paper.state == State.APPROVED and bool(paper.doc_type)
            and is_clerk(user, paper.issuer))


def can_render(user, paper: Paper) -> bool:
    return (paper.state == State.NUMBERED and paper.route == "digital"
            and is_clerk(user, paper.issuer))


def can_sign(user, paper: Paper) -> bool:
    """The signer named on the paper, holding a key in that name."""
    if not (paper.state == State.NUMBERED and paper.route == "digital"
            and paper.pdf_file_id is not None and has_cap(user, Cap.PAPER_SIGN)):
        return False
    key = person_key(user)
    return key is not None and same_person(key.holder_name, paper.signer_name)


def same_person(a: str, b: str) -> bool:
    from ..core.text import nfc
    return bool(nfc(a)) and nfc(a).casefold() == nfc(b).casefold()


def can_issue(user, paper: Paper) -> bool:
    return paper.state == State.SIGNED and is_clerk(user, paper.issuer)


def can_choose_route(user, paper: Paper) -> bool:
    return (paper.state in (State.APPROVED, State.NUMBERED) and paper.signed_file_id is None
            and bool(paper.doc_type) and (_drafter(user, paper) or is_clerk(user, paper.issuer)))


def can_upload_scan(user, paper: Paper) -> bool:
    return (paper.state == State.NUMBERED and paper.route == "paper"
            and (_drafter(user, paper) or is_clerk(user, paper.issuer)))


def can_withdraw(user, paper: Paper) -> bool:
    state = State(paper.state)
    if state in (State.DRAFT, State.SUBMITTED, State.RETURNED, State.APPROVED):
        return _drafter(user, paper)
    if state in (State.NUMBERED, State.SIGNED, State.ISSUED):
        return is_clerk(user, paper.issuer)
    return False


def can_read_drafts(user, paper: Paper) -> bool:
    """The files before the issued one (draft, its PDF view, final .docx, PDF to sign, the
    signed PDF): for the drafting unit, its văn thư, the leadership and the person named to
    sign it; a recipient receives only the issued paper (can_read_issued), also a phòng whose
    role may sign its own papers."""
    return (can_edit(user, paper) or user.unit_id == paper.drafting_unit_id
            or is_clerk(user, paper.issuer) or has_cap(user, Cap.PAPER_APPROVE)
            or (has_cap(user, Cap.PAPER_SIGN)
                and same_person(getattr(user, "full_name", ""), paper.signer_name)))


def can_read_issued(user, paper: Paper) -> bool:
    """The issued PDF (signed by the signer and sealed, or the signed scan): for everyone the
    paper is shown to, above all the units it was sent to; that is what sending it means."""
    return paper.issued_file_id is not None and can_view(user, paper)


# Which files of a paper each rule opens (the `which` of /van-ban/<id>/tep/<which>).
FILE_RULES = {"du-thao": can_read_drafts, "docx": can_read_drafts, "pdf": can_read_drafts,
              "da-ky": can_read_drafts, "phat-hanh": can_read_issued}


ACTIONS = {
    "view": can_view, "edit": can_edit, "submit": can_edit, "approve": can_approve,
    "return": can_approve, "number": can_number, "render": can_render, "sign": can_sign,
    "issue": can_issue, "route": can_choose_route, "scan": can_upload_scan,
    "withdraw": can_withdraw, "read_drafts": can_read_drafts, "read_issued": can_read_issued,
}
# The same rules by name for everyone else: allowed("issuing.sign", paper) in templates.
for _action, _rule in ACTIONS.items():
    policy(f"issuing.{_action}")(_rule)


def allowed(user, action: str, paper: Paper) -> bool:
    return ACTIONS[action](user, paper)
