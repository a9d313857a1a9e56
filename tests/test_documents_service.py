"""What a clerk or a unit typed reaches a paper as text: no character that breaks the file's
XML (U+FFFE, U+FFFF, C0 controls) or disguises what it says (bidi overrides)."""
import io

from docx import Document

from webapp.documents import nd30, service


def test_clean_strips_non_characters_controls_and_bidi_overrides_through_the_context():
    typed = "Nguye\u0302\u0303n\u202e Văn\ufffe An\uffff\x01\x85\u2066"
    cleaned = service.clean({"rows": [{"name": typed}], "count": 3, "note": "dòng 1\n\tdòng 2"})
    assert cleaned == {"rows": [{"name": "Nguyễn Văn An"}], "count": 3,
                       "note": "dòng 1\n\tdòng 2"}


def test_a_name_with_such_characters_renders_to_a_file_word_opens(app, tmp_path, monkeypatch):
    doc = nd30.new_document()
    nd30.paragraph(doc, "Đại biểu: {{ name }}")
    doc.save(tmp_path / "thu.docx")
    monkeypatch.setattr(service, "TEMPLATE_DIR", tmp_path)
    with app.app_context():
        data = service.render("thu.docx", {"name": "Trần\ufffe Thị\u202e Bình & <Cộng sự>"},
                              title="Thử", author="UBND huyện Bình Sơn")
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "Đại biểu: Trần Thị Bình & <Cộng sự>" in text
    assert "\ufffe" not in text and "\u202e" not in text


def test_a_download_keeps_its_vietnamese_name_and_falls_back_to_d_for_dd(app):
    """An old client that reads only the ASCII `filename` gets "De nghi ... Dong" (đ → d, Đ → D),
    never the name with its letters dropped ("e nghi"); others read the UTF-8 name."""
    from urllib.parse import unquote
    assert service.ascii_name("Đề nghị khen thưởng Bình Đông.docx") == \
        "De nghi khen thuong Binh Dong.docx"
    with app.test_request_context(method="POST"):
        response = service.send_document(b"PK", "Đề nghị khen thưởng đợt 2.docx")
    header = response.headers["Content-Disposition"]
    assert header.startswith("attachment; ")
    assert 'filename="De nghi khen thuong dot 2.docx"' in header
    assert unquote(header.split("filename*=UTF-8''")[1]) == "Đề nghị khen thưởng đợt 2.docx"
    with app.test_request_context():
        plain = service.name_download(app.response_class(b"%PDF"), "van-ban-3.pdf", inline=True)
    assert plain.headers["Content-Disposition"] == "inline; filename=van-ban-3.pdf"
