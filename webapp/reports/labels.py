"""The words of reports in histories and the audit log: every field of every outline (read from
the outline files and the Program's data file, as the report page names them), the review
decisions as the review page says them."""
import tomllib

from ..audit.labels import register_actions, register_object
from ..plan.loader import DEFAULT_PROGRAM_FILE
from . import figures as fig
from .models import REVIEW_LABELS
from .outline import DATA_DIR, load_outline


def _projects() -> list[fig.ProjectRef]:
    with open(DEFAULT_PROGRAM_FILE, "rb") as fh:
        rows = tomllib.load(fh).get("project", [])
    parents = {r.get("parent") for r in rows if r.get("parent")}
    return [fig.ProjectRef(r["code"], r["short_label"], r["title"]) for r in rows
            if r["code"] not in parents]


def draft_fields() -> dict[str, str]:
    """Every field a report or a discussion paper may hold, with the label its page shows."""
    names: dict[str, str] = {}
    projects = _projects()
    for path in sorted(DATA_DIR.glob("*.toml")):
        outline = load_outline(path.stem)
        for kind in ("result", "paper"):
            names.update(fig.field_names(outline, kind=kind, is_commune=True, projects=projects))
    return names


register_object("report", "Báo cáo của đơn vị", fields=draft_fields())
register_object("report_version", "Lần nộp báo cáo", fields={
    "number": "Lần nộp", "file": "Tệp đã ký", "sha256": "Mã kiểm tra của tệp (SHA-256)",
    "review_status": "Kết quả xem xét", "review_comment": "Ý kiến của Phòng LĐTB&XH",
}, values={"review_status": {str(k): v for k, v in REVIEW_LABELS.items()}})
register_actions({"report.save": "Lưu bản nháp báo cáo", "report.submit": "Nộp báo cáo",
                  "report.review": "Xem xét báo cáo"})
