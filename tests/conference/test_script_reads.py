"""The script page within its budget (statements, and what it still shows the coordinator),
and the script's .docx rendered only outside a write transaction."""
from html.parser import HTMLParser

from webapp.conference import duty, views_script
from webapp.conference.script import script_context
from webapp.extensions import db

from .helpers import plan
from .test_script_introductions import _statements


def test_script_page_reads_at_most_ten_statements_and_shows_the_duty_and_versions(
        app, client, login_as):
    login_as("coordinator")
    assert client.post("/hoi-nghi/kich-ban/tai-ve").status_code == 303
    db.session.rollback()
    # the budget of issue 13 (11 before the script's duty came with the agenda)
    assert _statements(client, "/hoi-nghi/kich-ban") <= 10
    page = client.get("/hoi-nghi/kich-ban").get_data(as_text=True)
    # the coordinator's duty with its status, the kept version and its download
    assignment = duty.script_assignment(plan())
    assert f"Nhiệm vụ “{assignment.duty.short_title}”" in page
    assert assignment.status_label in page
    assert "Phiên bản đầu tiên" in page and "/hoi-nghi/kich-ban/phien-ban/1.docx" in page
    assert "Không có thay đổi nào so với phiên bản 1" in page


def test_saving_a_version_renders_nothing_and_the_file_renders_after_the_transaction(
        app, client, login_as, monkeypatch):
    from flask import request
    seen = []
    render_paper = views_script.render_paper

    def watched(template, context):
        seen.append((request.method, db.session().in_transaction()))
        return render_paper(template, context)

    monkeypatch.setattr(views_script, "render_paper", watched)
    login_as("coordinator")
    r = client.post("/hoi-nghi/kich-ban/tai-ve")
    assert r.status_code == 303 and seen == []
    r = client.get(r.headers["Location"])
    assert r.status_code == 200 and r.mimetype.endswith("wordprocessingml.document")
    assert seen == [("GET", False)]


class _Paragraphs(HTMLParser):
    """The text of each <p> inside the page's div.script-paper (the preview), in order."""

    def __init__(self):
        super().__init__()
        self.depth, self.texts, self.current = 0, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "div" and ("class", "script-paper") in attrs:
            self.depth = 1
        elif tag == "div" and self.depth:
            self.depth += 1
        elif tag == "p" and self.depth:
            self.current = []

    def handle_endtag(self, tag):
        if tag == "div" and self.depth:
            self.depth -= 1
        elif tag == "p" and self.current is not None:
            self.texts.append("".join(self.current))
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


def _expected_preview(ctx: dict) -> list[str]:
    lines = ["KỊCH BẢN ĐIỀU HÀNH", ctx["summary"],
             f"Thời gian: {ctx['when']}. Địa điểm: {ctx['venue']}.", "ỔN ĐỊNH TỔ CHỨC, CHÀO CỜ",
             *ctx["opening_lines"]]
    for i in ctx["items"]:
        when = (f"Thời gian: {i['clock']} ({i['duration']} phút)" if i["clock"]
                else f"Thời lượng: {i['duration']} phút")
        lines += [f"{i['number']}. {i['title']}",
                  f"{when}. Người thực hiện: {i['performer'] or i['lead']}.",
                  "Người dẫn chương trình:", *i["mc_lines"],
                  *[("- " if b["style"] == "bullet" else "") + b["text"] for b in i["blocks"]]]
    return lines + ["BẾ MẠC", *ctx["closing_lines"]]


def test_the_preview_prints_the_script_line_for_line(app, client, login_as):
    """Every line of the page's preview, in order, as script_context builds it for the page
    (the .docx's text, the introductions cut at the page's thirty): the page formats nothing
    of its own."""
    from ..delegates.factories import delegate
    delegate("Trần Văn Tỉnh", "tinh-ubnd", title="Giám đốc Sở <Lao động> & “Xã hội”",
             reply="attending")
    db.session.commit()
    login_as("coordinator")
    with app.test_request_context("/hoi-nghi/kich-ban"):
        ctx = script_context(plan(), preview=True)
    parser = _Paragraphs()
    parser.feed(client.get("/hoi-nghi/kich-ban").get_data(as_text=True))
    assert parser.texts == _expected_preview(ctx)
    assert any("Giám đốc Sở <Lao động> & “Xã hội”" in t for t in parser.texts)


def test_an_mc_edit_answers_its_own_editor_only(app, client, login_as):
    from ..conftest import htmx
    from .helpers import item
    login_as("coordinator")
    target = item("khai-mac")
    r = client.post(f"/hoi-nghi/kich-ban/loi-dan/{target.id}", headers=htmx(),
                    data={"mc_text": "Kính mời {người phát biểu} phát biểu.",
                          "version": target.version})
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and page.count('class="mc-editor"') == 1
    assert f'id="mc-{target.id}"' in page and 'name="csrf_token" value="' in page
    assert "“{người phát biểu}” được thay bằng" in page and "Lưu lời dẫn" in page
