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
