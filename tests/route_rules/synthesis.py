"""Routes of the synthesis package: overview (leadership, coordinator), the mid-term report
(drafted by the coordinator), the emulation report (drafted by Phòng Nội vụ); leadership reads
both. Saves are htmx autosaves; a completion with nothing written is refused (422)."""
from . import Rule, only

RULES = {
    "synthesis.overview": Rule(expect=only(("coordinator", "leadership"), allowed=200)),
    "synthesis.mid_term": Rule(expect=only(("coordinator", "leadership"), allowed=200)),
    "synthesis.mid_term_save": Rule(method="POST", data={"version": 0, "tinh_hinh": "x"},
                                    expect=only(("coordinator",), allowed=200), htmx=True),
    "synthesis.mid_term_complete": Rule(method="POST", data={"version": 0},
                                        expect=only(("coordinator",), allowed=422), htmx=True),
    "synthesis.mid_term_docx": Rule(expect=only(("coordinator", "leadership"), allowed=200)),
    "synthesis.emulation": Rule(expect=only(("home_affairs", "leadership"), allowed=200)),
    "synthesis.emulation_save": Rule(method="POST", data={"version": 0, "to_chuc": "x"},
                                     expect=only(("home_affairs",), allowed=200), htmx=True),
    "synthesis.emulation_complete": Rule(method="POST", data={"version": 0},
                                         expect=only(("home_affairs",), allowed=422), htmx=True),
    "synthesis.emulation_docx": Rule(expect=only(("home_affairs", "leadership"), allowed=200)),
}
