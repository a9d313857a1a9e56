"""The script page within its budget (statements, and what it still shows the coordinator),
and the script's .docx rendered only outside a write transaction."""
from webapp.conference import duty, views_script
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
