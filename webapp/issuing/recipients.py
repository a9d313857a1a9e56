"""The Nơi nhận of a paper as the register records it: each body once.

A paper has two lists: the lines of its Nơi nhận as typed (the plan's or the feature's, kept in
`external_recipients`, printed on the paper) and the units of the app it is delivered to. The
same body is often in both ("Phòng LĐ-TB&XH huyện" typed, Phòng LĐTB&XH delivered), or a typed
line stands for a group of units ("UBND các xã, thị trấn" for the 22 communes). The register
writes the lines as the paper prints them, then the delivered units no line already names.
"""
import re

from ..core.text import nfc

# A typed line that names a group of units, by the start of its words: the unit kind it covers.
GROUP_LINES = (
    ("ubnd các xã", "commune"),
    ("các tổ chức ct-xh", "mass_org"),
    ("các tổ chức chính trị - xã hội", "mass_org"),
    ("các phòng, ban", "department"),
)
# Words that address a body's standing board or its place, not another body.
_PREFIXES = ("ban thường trực ", "thường trực ")
_SUFFIXES = (" huyện", " huyện bình sơn")


def _words(text: str) -> str:
    text = nfc(text).casefold().rstrip(";.").replace("uỷ", "ủy")
    return re.sub(r"\s+", " ", text).strip()


# Abbreviations of the Nơi nhận, by word: what they stand for in the units' names.
_ABBREVIATIONS = {"vp": "văn phòng", "ubndh": "ubnd"}


def name_key(text: str) -> str:
    """What two spellings of one body's name share: "Phòng LĐ-TB&XH huyện" and
    "Phòng LĐTB&XH"; "Ban Thường trực Ủy ban MTTQ Việt Nam huyện" and "Ủy ban MTTQ Việt Nam
    huyện"; "VP HĐND&UBNDH: CVP, PCVP" (the office, for its chief and deputies) and "Văn phòng
    HĐND&UBND"."""
    text = _words(text).split(":")[0].strip()
    text = " ".join(_ABBREVIATIONS.get(w, w) for w in re.findall(r"[^\s&]+|&", text))
    for prefix in _PREFIXES:
        text = text.removeprefix(prefix)
    for suffix in _SUFFIXES:
        text = text.removesuffix(suffix)
    return re.sub(r"[\s\-–.,]", "", text)


def _covers(line: str, unit) -> bool:
    words = _words(line)
    if any(words.startswith(start) and unit.kind == kind for start, kind in GROUP_LINES):
        return True
    return name_key(line) in {name_key(unit.short_name), name_key(unit.name)}


def _typed_lines(paper) -> list[str]:
    """The typed lines, each once (a line repeated under another spelling is dropped)."""
    seen, lines = set(), []
    for line in paper.external_recipients or []:
        key = name_key(line)
        if key and key not in seen:
            seen.add(key)
            lines.append(line)
    return lines


def register_lines(paper) -> list[str]:
    """The Nơi nhận of the register: the paper's lines, then the units no line names."""
    lines = _typed_lines(paper)
    units = sorted((r.unit for r in paper.recipients), key=lambda u: u.position)
    return lines + [u.short_name for u in units if not any(_covers(line, u) for line in lines)]


def outside_lines(paper) -> list[str]:
    """The typed lines that name no unit the paper is delivered to in the app: where the văn
    thư still sends it by post or by mail."""
    units = [r.unit for r in paper.recipients]
    return [line for line in _typed_lines(paper)
            if not any(_covers(line, u) for u in units)]
