"""The words of the district report drafts in histories and the audit log."""
from ..audit.labels import register_actions, register_object
from .service import KINDS

SECTIONS: dict[str, str] = {}
for _kind in KINDS.values():   # a code both reports share keeps the mid-term report's words
    for _section in _kind.sections:
        SECTIONS.setdefault(_section.code, _section.label)

register_object("synthesis_draft", "Dự thảo báo cáo của huyện",
                fields={"number": "Số văn bản", **SECTIONS})
register_actions({"synthesis.save": "Lưu dự thảo báo cáo của huyện",
                  "synthesis.issued": "Phát hành báo cáo của huyện"})
