"""Routes of issuing: papers drafted by a unit, signed off by leadership, numbered by the
văn thư of the issuing body, signed and issued; the register, the inbox, the signature check."""
from . import Rule, everyone, only

DRAFTERS = ("coordinator", "home_affairs", "office")
CLERKS = ("coordinator", "home_affairs", "office")
WORKING = ("coordinator", "home_affairs", "office", "leadership")


def make_paper(session, state="submitted", drafter="noivu", kind="award_decision", route="digital",
               numbered=False):
    from webapp.core import clock
    from webapp.issuing.models import Paper, RegisterEntry
    from webapp.plan.loader import current_plan
    from webapp.plan.models import Unit
    unit = session.query(Unit).filter_by(code=drafter).one()
    paper = Paper(plan_id=current_plan().id, kind=kind, drafting_unit_id=unit.id, issuer="ubnd",
                  doc_type="QĐ" if kind == "award_decision" else "", summary="Về việc thử",
                  signer_authority="KT. CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH",
                  signer_name="Người Ký", external_recipients=[], params={}, context={},
                  state=state, route=route, created_at=clock.now(), version=1)
    session.add(paper)
    session.flush()
    if numbered:
        session.add(RegisterEntry(paper_id=paper.id, issuer="ubnd", register="qd", year=2023,
                                  number=900 + paper.id, symbol="QĐ-UBND",
                                  number_text=f"{900 + paper.id}/QĐ-UBND",
                                  issued_on=clock.today(), registered_at=clock.now()))
    session.commit()
    return {"paper_id": paper.id}


def paper(**kw):
    return lambda session: make_paper(session, **kw)


def expect(default, **roles):
    out = everyone(default, anonymous="login")
    out.update(roles)
    return out


RULES = {
    "issuing.index": Rule(expect=only(WORKING, allowed=200)),
    # Nội vụ drafts the decision, which the bare test plan cannot fill yet: refused with why
    "issuing.create": Rule(method="POST", data={"kind": "award_decision"},
                           expect=only(DRAFTERS, allowed=403, others=403) | {"home_affairs": 422}),
    "issuing.paper": Rule(args=paper(), expect=expect(404, home_affairs=200, leadership=200,
                                                      admin=403)),
    "issuing.edit": Rule(method="POST", args=paper(state="draft"),
                         data={"summary": "Về việc thử", "signer_name": "Người Ký", "version": 1},
                         expect=expect(403, home_affairs=303, coordinator=404, office=404)),
    "issuing.submit": Rule(method="POST", args=paper(state="draft", drafter="ldtbxh",
                                                     kind="programme"), data={"version": 1},
                           expect=expect(403, coordinator=303, home_affairs=404, office=404)),
    "issuing.approve": Rule(method="POST", args=paper(), data={"version": 1},
                            expect=expect(403, leadership=303)),
    "issuing.return_": Rule(method="POST", args=paper(), data={"comment": "Sửa lại Điều 2."},
                            expect=expect(403, leadership=303)),
    "issuing.withdraw": Rule(method="POST", args=paper(state="draft"),
                             data={"reason": "Lập nhầm"},
                             expect=expect(403, home_affairs=303, coordinator=404, office=404)),
    "issuing.number": Rule(method="POST", args=paper(state="approved", route="paper"),
                           data={"version": 1},
                           expect=expect(403, office=303, home_affairs=403, coordinator=404)),
    "issuing.render_final": Rule(method="POST", args=paper(state="approved"), data={"version": 1},
                                 expect=expect(403, office=403, home_affairs=403, coordinator=404)),
    "issuing.route": Rule(method="POST", args=paper(state="approved"),
                          data={"route": "paper", "version": 1},
                          expect=expect(403, office=303, home_affairs=303, coordinator=404)),
    "issuing.sign": Rule(method="POST", args=paper(state="numbered", numbered=True),
                         data={"passphrase": "x", "version": 1},
                         expect=expect(403, coordinator=404)),
    "issuing.issue": Rule(method="POST", args=paper(state="signed", numbered=True),
                          data={"passphrase": "x", "version": 1},
                          expect=expect(403, office=422, coordinator=404)),
    "issuing.scan": Rule(method="POST", args=paper(state="numbered", route="paper", numbered=True),
                         data={"version": 1},
                         expect=expect(403, office=422, home_affairs=422, coordinator=404)),
    "issuing.file": Rule(args=lambda s: {**make_paper(s), "which": "phat-hanh"},
                         expect=expect(404, admin=403)),
    "issuing.preview_pdf": Rule(args=paper(),
                                expect=expect(403, coordinator=404, home_affairs=404, office=404,
                                              leadership=404)),
    "issuing.register_page": Rule(expect=only(CLERKS, allowed=200)),
    "issuing.register_xlsx": Rule(expect=only(CLERKS, allowed=200)),
    "issuing.inbox": Rule(expect=everyone(200, anonymous="login", admin=403)),
    "issuing.verify": Rule(expect=everyone(200, anonymous="login")),
}
