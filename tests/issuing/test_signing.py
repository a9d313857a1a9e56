"""Digital signatures: sign and validate (pyHanko), modified after signing, wrong passphrase,
the images placed between the title and the name."""
import io

import pytest

from webapp.extensions import db
from webapp.issuing import papers, policy, render, signing, verify
from webapp.issuing.models import State
from webapp.uploads.models import StoredFile

from .conftest import SOFFICE, submit

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


@pytest.fixture
def numbered(budget_paper, users, demo_keys):
    """The budget paper numbered, its PDF rendered (signed by the phòng's key holder)."""
    leader = users["leadership"]
    papers.update_draft(budget_paper, papers.DraftData(
        budget_paper.summary, "", "TRƯỞNG PHÒNG", leader.full_name, [], []),
        actor=users["coordinator"], expected_version=None)
    submit(budget_paper, users["coordinator"])
    papers.approve(budget_paper, actor=leader, expected_version=None)
    papers.allocate_number(budget_paper, actor=users["coordinator"], expected_version=None)
    docx = render.final_job(budget_paper).docx()
    papers.attach_final(budget_paper, docx, render.pdf_of(docx), actor=users["coordinator"])
    db.session.commit()
    return budget_paper


def pdf_of(paper):
    from webapp.uploads.service import path_of
    return path_of(paper.pdf_file).read_bytes()


def signed_twice(paper, users):
    person = policy.person_key(users["leadership"])
    body = policy.body_key("ldtbxh")
    once = signing.sign_as_person(pdf_of(paper), person, "thu-nghiem-2023",
                                  title="TRƯỞNG PHÒNG", name=paper.signer_name)
    return signing.sign_as_body(once, body, "thu-nghiem-2023", title="TRƯỞNG PHÒNG",
                                name=paper.signer_name, body_name="Phòng LĐTB&XH")


def test_signed_by_signer_and_body_validates_intact_and_trusted(numbered, users):
    reports = verify.check(signed_twice(numbered, users))
    assert [(r.signer, r.intact, r.modified_after, r.trusted) for r in reports] == [
        (users["leadership"].full_name, True, False, True),
        ("Phòng Lao động - Thương binh và Xã hội", True, False, True)]
    assert reports[0].signed_at_text.endswith("+07:00")


def test_the_signature_image_sits_between_the_title_and_the_name(numbered):
    block = signing.find_signature_block(pdf_of(numbered), "TRƯỞNG PHÒNG", numbered.signer_name)
    box = signing.signature_box(block, (900, 360))
    top_of_gap = block.title.page_height - block.title.y1
    bottom_of_gap = block.title.page_height - block.name.y0
    assert bottom_of_gap <= box.y0 < box.y1 <= top_of_gap
    assert abs((box.x0 + box.x1) / 2 - block.title.centre_x) < 30
    seal = signing.seal_box(box)
    assert seal.x1 == pytest.approx(box.x0 + box.width / 3)          # a third of the image
    assert seal.width == pytest.approx(38 * 72 / 25.4)                # actual size, 38 mm


def test_a_pdf_changed_after_signing_is_reported_modified(numbered, users):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils import generic
    signed = signed_twice(numbered, users)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)   # a change no signature allows
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    reports = verify.check(out.getvalue())
    assert all(r.modified_after and not r.ok for r in reports)
    tampered = bytearray(signed)
    tampered[1200] ^= 0x01                       # a byte inside the signed range
    assert verify.check(bytes(tampered))[0].intact is False


def test_a_wrong_passphrase_says_so_and_signs_nothing(numbered, users, client, login_as):
    login_as("leadership")
    files_before = db.session.query(StoredFile).count()
    response = client.post(f"/van-ban/{numbered.id}/ky-so",
                           data={"passphrase": "sai-mat-khau", "version": numbered.version})
    assert response.status_code == 422
    assert "Mật khẩu của khóa ký số không đúng; văn bản chưa được ký." in response.text
    assert "sai-mat-khau" not in response.text
    db.session.rollback()
    assert numbered.state == State.NUMBERED and numbered.signed_file_id is None
    assert db.session.query(StoredFile).count() == files_before


def test_signer_then_clerk_issue_through_the_pages(numbered, users, client, login_as):
    login_as("leadership")
    response = client.post(f"/van-ban/{numbered.id}/ky-so",
                           data={"passphrase": "thu-nghiem-2023", "version": numbered.version})
    assert response.status_code == 303
    db.session.rollback()
    assert numbered.state == State.SIGNED
    login_as("coordinator")
    response = client.post(f"/van-ban/{numbered.id}/phat-hanh",
                           data={"passphrase": "thu-nghiem-2023", "version": numbered.version})
    assert response.status_code == 303
    db.session.rollback()
    assert numbered.state == State.ISSUED
    page = client.get(f"/van-ban/{numbered.id}")
    assert "Còn nguyên vẹn" in page.text and "Tin cậy" in page.text


def test_an_attachment_is_signed_top_right_without_image(numbered, users):
    body = policy.body_key("ldtbxh")
    signed = signing.sign_attachment(pdf_of(numbered), body, "thu-nghiem-2023",
                                     number_text=numbered.number_text)
    report, = verify.check(signed)
    assert report.intact and report.trusted
    lines = signing.text_lines(signed)
    stamp = [ln for ln in lines if ln.text == numbered.number_text and ln.page == 0]
    assert stamp and stamp[0].x1 > 450 and stamp[0].y0 < 60


def test_the_check_page_reads_an_uploaded_pdf(numbered, users, client, login_as):
    login_as("commune")
    data = {"file": (io.BytesIO(signed_twice(numbered, users)), "van-ban.pdf")}
    response = client.post("/kiem-tra-chu-ky", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert users["leadership"].full_name in response.text and "Còn nguyên vẹn" in response.text
    bad = client.post("/kiem-tra-chu-ky", data={"file": (io.BytesIO(b"GIF89a"), "a.pdf")},
                      content_type="multipart/form-data")
    assert bad.status_code == 422 and "Chỉ nhận tệp PDF" in bad.text
