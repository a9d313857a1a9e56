"""A paper's life: drafted, put up for sign-off, approved or returned, numbered, signed,
issued to its recipients, or withdrawn. Each step checks the state under a row lock, is
audited and tells the next person. Services flush, never commit, never render."""
import functools
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import Integer, String, bindparam, select

from ..audit.service import record, snapshot
from ..core import clock
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.text import nfc
from ..extensions import db
from ..notifications.service import notify
from ..plan.models import Unit
from ..uploads.service import CheckedUpload, store
from . import kinds, policy, register
from .models import LIVE, STATE_LABELS, Paper, PaperRecipient, RegisterEntry, State

FIELDS = ("state", "summary", "signer_authority", "signer_title", "signer_name",
          "external_recipients", "comment", "route", "withdraw_reason")


def _snap(paper: Paper) -> dict:
    """The audited fields as the history shows them: the state by its label (the codes
    "draft", "submitted"... mean other things in other features), lists as lines."""
    values = snapshot(paper, FIELDS)
    values["state"] = STATE_LABELS[State(paper.state)]
    values["external_recipients"] = "; ".join(paper.external_recipients or [])
    return values


def link(paper: Paper) -> str:
    return f"/van-ban/{paper.id}"


def frozen(context: dict) -> dict:
    """The context as JSON keeps it (dates as ISO text): what the final render reads."""
    return json.loads(json.dumps(context, default=str, ensure_ascii=False))


def fingerprint(context: dict) -> str:
    return hashlib.sha256(json.dumps(frozen(context), sort_keys=True,
                                     ensure_ascii=False).encode()).hexdigest()


@functools.cache
def _live_statement():
    """Built once (the plan and the kind are bound parameters)."""
    return (select(Paper).where(Paper.plan_id == bindparam("plan_id", type_=Integer),
                                Paper.kind == bindparam("kind", type_=String),
                                Paper.state.in_([s.value for s in LIVE]))
            .order_by(Paper.id.desc()).limit(1))


def paper_for(plan, kind_code: str) -> Paper | None:
    """The live paper of this kind for the plan (the newest one that is not withdrawn)."""
    return db.session.execute(_live_statement(), {"plan_id": plan.id, "kind": kind_code}
                              ).scalars().first()


def get_for_update(paper_id: int) -> Paper | None:
    return (db.session.query(Paper).filter_by(id=paper_id).with_for_update(of=Paper)
            .populate_existing().one_or_none())


def _check(paper: Paper, allowed: bool, expected_version: int | None, message: str) -> None:
    if expected_version is not None and expected_version != paper.version:
        raise StaleEdit("Văn bản vừa được người khác xử lý. Tải lại trang để xem trạng thái "
                        "mới.", current=paper)
    if not allowed:
        raise NotAllowed(message)


def _required(text: str, message: str, field: str) -> str:
    """The typed text (NFC), or the refusal that asks for it on its field."""
    text = nfc(text)
    if not text:
        raise DomainError(message, field=field)
    return text


def _move(paper: Paper, target: State, *, actor, action: str, summary: str, **changes) -> None:
    before = _snap(paper)
    paper.state = target
    for name, value in changes.items():
        setattr(paper, name, value)
    paper.version += 1
    db.session.flush()
    record(action, paper, before=before, after=_snap(paper), actor=actor,
           summary=summary)


def _unit_names(paper: Paper) -> str:
    names = [db.session.get(Unit, r.unit_id).short_name for r in paper.recipients]
    return "; ".join(names)


def _units_by_code(codes) -> list[Unit]:
    if not codes:
        return []
    return db.session.query(Unit).filter(Unit.code.in_(list(codes))).all()


def _leadership_units() -> list[Unit]:
    return db.session.query(Unit).filter_by(kind="leadership", is_active=True).all()


def _name(paper: Paper) -> str:
    label = kinds.get(paper.kind).label
    return f"{label} {paper.number_text}".strip() if paper.entry else label


# --- drafting --------------------------------------------------------------------------------

def create(plan, kind: kinds.PaperKind, *, actor, params: dict | None = None) -> Paper:
    if not policy.can_create(actor, kind):
        raise NotAllowed(f"{kind.label} do {_drafter_name(kind)} lập và trình ký.")
    if paper_for(plan, kind.code) is not None:
        raise DomainError(f"{kind.label} đã được lập; mở văn bản đang có.")
    params = dict(params or {})
    context = kind.context(plan, params)  # a DomainError here says what the paper still lacks
    drafting_unit = db.session.query(Unit).filter_by(code=kind.drafter).one()
    paper = Paper(plan_id=plan.id, kind=kind.code, drafting_unit_id=drafting_unit.id,
                  issuer=kind.issuer, doc_type=kind.doc_type, summary=nfc(kind.summary(plan, params)),
                  signer_authority=context.get("signer_authority", "") or "",
                  signer_title=context.get("signer_title", "") or "",
                  signer_name=context.get("signer_name", "") or "",
                  external_recipients=[r for r in context.get("recipients", [])
                                       if not r.startswith("Lưu")],
                  params=params, created_at=clock.now(), created_by_id=actor.id, version=1)
    db.session.add(paper)
    db.session.flush()
    for unit in _units_by_code(kind.default_units(plan, params)):
        paper.recipients.append(PaperRecipient(unit_id=unit.id))
    db.session.flush()
    record("paper.create", paper, after=_snap(paper), actor=actor,
           summary=f"Lập dự thảo {kind.label}")
    return paper


def _drafter_name(kind: kinds.PaperKind) -> str:
    unit = db.session.query(Unit).filter_by(code=kind.drafter).one_or_none()
    return unit.name if unit else "đơn vị soạn thảo"


@dataclass
class DraftData:
    summary: str
    signer_authority: str
    signer_title: str
    signer_name: str
    unit_ids: list[int]
    external_recipients: list[str]


def update_draft(paper: Paper, data: DraftData, *, actor, expected_version: int | None) -> None:
    _check(paper, policy.can_edit(actor, paper), expected_version,
           "Chỉ đơn vị soạn thảo sửa được văn bản khi còn là dự thảo.")
    summary = _required(data.summary, "Nhập trích yếu của văn bản.", "summary")
    _required(data.signer_name, "Nhập họ tên người ký.", "signer_name")
    before = _snap(paper)
    before["recipient_units"] = _unit_names(paper)
    paper.summary = summary
    paper.signer_authority = nfc(data.signer_authority).upper()
    paper.signer_title = nfc(data.signer_title).upper()
    paper.signer_name = nfc(data.signer_name)
    paper.external_recipients = [nfc(r).rstrip(";.") for r in data.external_recipients
                                 if nfc(r)]
    wanted = set(data.unit_ids)
    paper.recipients[:] = [r for r in paper.recipients if r.unit_id in wanted]
    have = {r.unit_id for r in paper.recipients}
    for unit_id in sorted(wanted - have):
        paper.recipients.append(PaperRecipient(unit_id=unit_id))
    paper.version += 1
    db.session.flush()
    after = _snap(paper)
    after["recipient_units"] = _unit_names(paper)
    record("paper.edit", paper, before=before, after=after, actor=actor,
           summary=f"Sửa dự thảo {kinds.get(paper.kind).label}")


def submit(paper: Paper, context: dict, draft_docx: bytes, *, actor,
           expected_version: int | None) -> None:
    """Put the paper up for sign-off with the text the leadership will read (kept as is)."""
    _check(paper, policy.can_edit(actor, paper), expected_version,
           "Chỉ đơn vị soạn thảo trình ký văn bản của mình.")
    kind = kinds.get(paper.kind)
    name = f"{kind.filename or kind.label} (dự thảo trình ký).docx"
    draft = store(CheckedUpload(name, "docx", draft_docx), user=actor)
    _move(paper, State.SUBMITTED, actor=actor, action="paper.submit",
          summary=f"Trình ký {kind.label}", context=frozen(context),
          draft_file_id=draft.id, submitted_at=clock.now(), comment="")
    for unit in _leadership_units():
        notify(unit.id, "paper_submitted",
               f"{paper.drafting_unit.short_name} trình ký {kind.label}: {paper.summary}",
               link(paper))


# --- sign-off (issue 10) ---------------------------------------------------------------------

def approve(paper: Paper, *, actor, comment: str = "", expected_version: int | None) -> None:
    _check(paper, policy.can_approve(actor, paper), expected_version,
           "Chỉ lãnh đạo duyệt văn bản đang trình ký.")
    kind = kinds.get(paper.kind)
    _move(paper, State.APPROVED, actor=actor, action="paper.approve",
          summary=f"Lãnh đạo duyệt {kind.label}", comment=nfc(comment),
          decided_at=clock.now(), decided_by_id=actor.id)
    notify(paper.drafting_unit_id, "paper_approved",
           f"Lãnh đạo đã duyệt {kind.label}" + (f": {nfc(comment)}" if nfc(comment) else "."),
           link(paper))
    if kind.numbered:
        clerk = db.session.query(Unit).filter_by(
            code=register.body(paper.issuer).clerk_unit).one_or_none()
        if clerk is not None and clerk.id != paper.drafting_unit_id:
            notify(clerk.id, "paper_to_number",
                   f"{kind.label} đã được lãnh đạo duyệt, chờ cấp số: {paper.summary}",
                   link(paper))


def return_paper(paper: Paper, comment: str, *, actor, expected_version: int | None) -> None:
    _check(paper, policy.can_approve(actor, paper), expected_version,
           "Chỉ lãnh đạo trả lại văn bản đang trình ký.")
    comment = _required(comment, "Ghi rõ lý do trả lại để đơn vị soạn thảo sửa.", "comment")
    kind = kinds.get(paper.kind)
    _move(paper, State.RETURNED, actor=actor, action="paper.return",
          summary=f"Lãnh đạo trả lại {kind.label}", comment=comment,
          decided_at=clock.now(), decided_by_id=actor.id)
    notify(paper.drafting_unit_id, "paper_returned",
           f"Lãnh đạo trả lại {kind.label}: {comment}", link(paper))


# --- register and issue ----------------------------------------------------------------------

def allocate_number(paper: Paper, *, actor, expected_version: int | None) -> RegisterEntry:
    """The văn thư takes the next number of the register, dated today (business date)."""
    _check(paper, policy.can_number(actor, paper), expected_version,
           "Chỉ văn thư của cơ quan ban hành cấp số văn bản đã được duyệt.")
    entry = register.register_paper(paper, actor=actor)
    db.session.refresh(paper)
    _move(paper, State.NUMBERED, actor=actor, action="paper.number",
          summary=f"Cấp số {entry.number_text} ngày {entry.issued_on:%d/%m/%Y} trong "
                  f"sổ văn bản đi", render_error="")
    record("register.entry", entry, actor=actor, object_type="register_entry",
           after={"number_text": entry.number_text, "issued_on": entry.issued_on,
                  "paper_id": paper.id},
           summary=f"Vào sổ văn bản đi: số {entry.number_text}")
    return entry


def attach_final(paper: Paper, docx: bytes, pdf: bytes, *, actor) -> None:
    kind = kinds.get(paper.kind)
    base = f"{kind.filename or kind.label} số {paper.number_text.replace('/', '-')}"
    docx_file = store(CheckedUpload(f"{base}.docx", "docx", docx), user=actor)
    pdf_file = store(CheckedUpload(f"{base}.pdf", "pdf", pdf), user=actor)
    paper.final_docx_id, paper.pdf_file_id, paper.render_error = docx_file.id, pdf_file.id, ""
    paper.version += 1
    db.session.flush()
    record("paper.render", paper, actor=actor, after={"pdf": pdf_file.original_name},
           summary=f"Tạo bản phát hành (.docx và PDF) số {paper.number_text}")
    signer_unit = _signer_unit(paper)
    for unit_id in signer_unit:
        notify(unit_id, "paper_to_sign", f"{_name(paper)} chờ ký số: {paper.summary}",
               link(paper))


def _signer_unit(paper: Paper) -> list[int]:
    """Whoever holds a signing key in the signer's name; else the leadership (UBND huyện) or
    the issuing phòng itself."""
    from .models import SigningKey
    keys = db.session.query(SigningKey).filter_by(holder="person", active=True).all()
    matching = {k.user.unit_id for k in keys if k.user is not None
                and nfc(k.holder_name).casefold() == nfc(paper.signer_name).casefold()}
    if matching:
        return sorted(matching)
    if paper.issuer == "ubnd":
        return [u.id for u in _leadership_units()]
    clerk = db.session.query(Unit).filter_by(code=register.body(paper.issuer).clerk_unit).one()
    return [clerk.id]


def note_render_error(paper: Paper, message: str) -> None:
    paper.render_error = message
    db.session.flush()


def choose_route(paper: Paper, route: str, *, actor, expected_version: int | None) -> None:
    _check(paper, policy.can_choose_route(actor, paper), expected_version,
           "Không đổi được cách phát hành văn bản này.")
    if route not in ("digital", "paper"):
        raise DomainError("Chọn phát hành điện tử (ký số) hoặc bản giấy.", field="route")
    before = _snap(paper)
    paper.route = route
    paper.version += 1
    db.session.flush()
    record("paper.route", paper, before=before, after=_snap(paper), actor=actor,
           summary="Chọn phát hành " + ("bản giấy (tải lên bản đã ký, đóng dấu)"
                                         if route == "paper" else "điện tử (ký số)"))


def signed_by_signer(paper: Paper, signed_pdf: bytes, *, actor,
                     expected_version: int | None) -> None:
    _check(paper, policy.can_sign(actor, paper), expected_version,
           "Chỉ người ký có khóa ký số ký được văn bản đã cấp số.")
    kind = kinds.get(paper.kind)
    base = f"{kind.filename or kind.label} số {paper.number_text.replace('/', '-')} (đã ký)"
    signed = store(CheckedUpload(f"{base}.pdf", "pdf", signed_pdf), user=actor)
    _move(paper, State.SIGNED, actor=actor, action="paper.sign",
          summary=f"Ký số {_name(paper)}", signed_file_id=signed.id, signed_at=clock.now(),
          signed_by_id=actor.id)
    clerk = db.session.query(Unit).filter_by(code=register.body(paper.issuer).clerk_unit).one()
    notify(clerk.id, "paper_signed", f"{_name(paper)} đã được ký số, chờ phát hành.",
           link(paper))


def issue(paper: Paper, issued_pdf: bytes, *, actor, expected_version: int | None,
          scan: bool = False) -> None:
    """Issued: the final PDF (body-signed, or the signed scan) is stored, the recipients in
    the app get it in their Văn bản đến, the feature records the number."""
    allowed = policy.can_upload_scan(actor, paper) if scan else policy.can_issue(actor, paper)
    _check(paper, allowed, expected_version, "Chỉ văn thư của cơ quan ban hành phát hành văn bản.")
    kind = kinds.get(paper.kind)
    base = f"{kind.filename or kind.label} số {paper.number_text.replace('/', '-')}"
    final = store(CheckedUpload(f"{base}{' (bản quét)' if scan else ''}.pdf", "pdf", issued_pdf),
                  user=actor)
    now = clock.now()
    _move(paper, State.ISSUED, actor=actor, action="paper.issue",
          summary=f"Phát hành {_name(paper)}" + (" (bản giấy đã ký, đóng dấu)" if scan else ""),
          issued_file_id=final.id, issued_at=now)
    for recipient in paper.recipients:
        recipient.delivered_at = now
        notify(recipient.unit_id, "paper_received",
               f"Văn bản đến: {_name(paper)} – {paper.summary}", link(paper))
    if paper.drafting_unit_id not in {r.unit_id for r in paper.recipients}:
        notify(paper.drafting_unit_id, "paper_issued", f"{_name(paper)} đã được phát hành.",
               link(paper))
    db.session.flush()
    if kind.on_issued is not None:
        kind.on_issued(paper, actor)


def withdraw(paper: Paper, reason: str, *, actor, expected_version: int | None) -> None:
    _check(paper, policy.can_withdraw(actor, paper), expected_version,
           "Không thu hồi được văn bản này.")
    reason = _required(reason, "Ghi lý do thu hồi.", "reason")
    kind = kinds.get(paper.kind)
    if paper.entry is not None:
        paper.entry.withdrawn = True
        paper.entry.withdraw_reason = reason
    _move(paper, State.WITHDRAWN, actor=actor, action="paper.withdraw",
          summary=f"Thu hồi {_name(paper)}: {reason}", withdraw_reason=reason)
    if kind.on_withdrawn is not None:
        kind.on_withdrawn(paper, reason, actor)
    for recipient in paper.recipients:
        if recipient.delivered_at is not None:
            notify(recipient.unit_id, "paper_withdrawn",
                   f"{_name(paper)} đã bị thu hồi: {reason}", link(paper))
    if actor.unit_id != paper.drafting_unit_id:
        notify(paper.drafting_unit_id, "paper_withdrawn",
               f"{_name(paper)} đã bị thu hồi: {reason}", link(paper))
