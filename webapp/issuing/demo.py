"""The demo's part: a test CA and test keys (CHỈ DÙNG THỬ NGHIỆM), and the reward decision
drafted by Phòng Nội vụ, approved by the leadership, numbered from the register by Văn phòng,
signed by the leader and issued with the seal's signature, as a district would do it.

The demo knows the test keys' passphrase; production never has one."""
from types import SimpleNamespace

from ..auth.models import User
from ..documents.service import DocumentError
from ..extensions import db
from ..plan.loader import current_plan
from . import kinds, keys, papers, policy, render, signing


def _key(key) -> SimpleNamespace:
    return SimpleNamespace(backend=key.backend, pkcs12_path=key.pkcs12_path,
                           image_path=key.image_path)


def issue_reward_decision(*, drafter, leader, clerk, passphrase: str = keys.DEMO_PASSPHRASE):
    plan = current_plan()
    kind = kinds.get("award_decision")
    paper = papers.create(plan, kind, actor=drafter)
    papers.update_draft(paper, papers.DraftData(
        paper.summary, paper.signer_authority, paper.signer_title, leader.full_name,
        [r.unit_id for r in paper.recipients], paper.external_recipients),
        actor=drafter, expected_version=None)
    context = papers.frozen(render.live_context(kind, plan, paper.params))
    papers.submit(paper, context, render.draft_job(kind, plan, context, paper).docx(),
                  actor=drafter, expected_version=None)
    papers.approve(paper, actor=leader, comment="Đồng ý ban hành.", expected_version=None)
    papers.allocate_number(paper, actor=clerk, expected_version=None)
    docx = render.final_job(paper).docx()
    try:
        pdf = render.pdf_of(docx)
    except DocumentError as exc:
        papers.note_render_error(paper, f"Chưa tạo được bản PDF: {exc}")
        return paper
    papers.attach_final(paper, docx, pdf, actor=clerk)
    signed = signing.sign_as_person(pdf, _key(policy.person_key(leader)), passphrase,
                                    title=paper.signer_title, name=paper.signer_name)
    papers.signed_by_signer(paper, signed, actor=leader, expected_version=None)
    issued = signing.sign_as_body(signed, _key(policy.body_key(paper.issuer)), passphrase,
                                  title=paper.signer_title, name=paper.signer_name,
                                  body_name="UBND huyện Bình Sơn")
    papers.issue(paper, issued, actor=clerk, expected_version=None)
    return paper


def build_scenario() -> None:
    users = {u.username: u for u in db.session.query(User)}
    keys.demo_ca(person_user=users["lanhdao"])
    issue_reward_decision(drafter=users["noivu"], leader=users["lanhdao"],
                          clerk=users["vanphong"])
