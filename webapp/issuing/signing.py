"""Digital signatures in the form Nghị định 30 (Phụ lục I) gives them, with pyHanko (PAdES).

- The signer's signature: the image of the handwritten signature, centred between the title
  ("PHÓ CHỦ TỊCH") and the name on the rendered PDF (their positions are read from the PDF).
- The body's signature: the image of its seal (≈ 38 mm) over the left third of the signer's
  image, with the body's name and the signing time (ISO 8601, +07:00) under it.
- An attachment in its own file: the body's signature top right of page 1, no image, the
  number and symbol and the signing time in Times New Roman 10 pt.

PAdES B-B; B-T when a time-stamp authority is configured (SIGNING_TSA_URL). The passphrase
(or token PIN) is an argument of the call and nothing else: it is never stored or logged.
Signing works on bytes: callers run it outside any write transaction.
"""
import asyncio
import io
import re
import subprocess
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree

from flask import current_app
from PIL import Image
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.stamp import StaticStampStyle, TextStampStyle

from ..core import clock
from ..core.errors import DomainError
from .models import SigningKey

VN_TIME = timezone(timedelta(hours=7))
MM = 72 / 25.4
SEAL_MM = 38
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
    "/usr/share/fonts/truetype/msttcorefonts/times.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",  # metric-compatible
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)


class SigningError(DomainError):
    """Signing refused; nothing was signed (the message says why, in Vietnamese)."""


def signing_dir() -> Path:
    configured = current_app.config.get("SIGNING_DIR")
    return Path(configured) if configured else Path(current_app.config["UPLOAD_FOLDER"]).parent / "signing"


def trust_dir() -> Path:
    return signing_dir() / "trust"


def _font_path() -> str:
    """The font of the signature texts, scaled to 1000 units per em (pyHanko writes glyph
    widths in font units, which a PDF reads as thousandths of an em: a 2048-unit font such
    as Times New Roman would print letter-spaced)."""
    configured = current_app.config.get("SIGNING_FONT")
    for candidate in ((configured,) if configured else ()) + FONT_CANDIDATES:
        if candidate and Path(candidate).is_file():
            return _scaled_font(Path(candidate))
    raise SigningError("Máy chủ chưa có phông chữ Times New Roman (hoặc Liberation Serif) để "
                       "ghi thông tin chữ ký số; cài phông rồi thử lại.")


class _InMemoryFont(GlyphAccumulatorFactory):
    """pyHanko's factory opens the font file and never closes it; read it into memory."""

    def create_font_engine(self, writer, obj_stream=None):
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(writer=writer, font_handle=io.BytesIO(Path(self.font_file).read_bytes()),
                                font_size=self.font_size, obj_stream=obj_stream)


def _scaled_font(source: Path) -> str:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem
    target = signing_dir() / "fonts" / f"{source.stem}-1000.ttf"
    if not target.is_file():
        font = TTFont(str(source))
        if font["head"].unitsPerEm != 1000:
            scale_upem(font, 1000)
        if "FFTM" in font:
            del font["FFTM"]
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".tmp")
        font.save(str(partial))
        partial.replace(target)
    return str(target)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split()).casefold()


# --- where the signature block is --------------------------------------------------------

@dataclass
class Line:
    page: int
    text: str
    x0: float
    y0: float   # from the top of the page, as pdftotext gives it
    x1: float
    y1: float
    page_height: float

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2


def text_lines(pdf: bytes) -> list[Line]:
    binary = current_app.config.get("PDFTOTEXT_BINARY", "pdftotext")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        try:
            done = subprocess.run([binary, "-bbox-layout", str(source), "-"], check=True,
                                  capture_output=True, timeout=60)
        except FileNotFoundError:
            raise SigningError("Máy chủ chưa cài công cụ đọc PDF (pdftotext, gói poppler-utils) "
                               "để tìm vị trí chữ ký.") from None
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            raise SigningError("Không đọc được nội dung bản PDF để tìm vị trí chữ ký.") from None
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", done.stdout)
    root = ElementTree.fromstring(xml)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    lines = []
    for index, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page")):
        height = float(page.get("height"))
        for line in page.iterfind(".//x:line", ns):
            words = [w.text or "" for w in line.iterfind("x:word", ns)]
            lines.append(Line(index, " ".join(words), float(line.get("xMin")),
                              float(line.get("yMin")), float(line.get("xMax")),
                              float(line.get("yMax")), height))
    return lines


@dataclass
class Block:
    page: int
    title: Line
    name: Line


def find_signature_block(pdf: bytes, title: str, name: str) -> Block:
    """The first place where the signer's title is followed, lower on the same page and
    roughly centred on it, by the signer's name."""
    lines = text_lines(pdf)
    want_title, want_name = _norm(title), _norm(name)
    for t in lines:
        if _norm(t.text) != want_title:
            continue
        below = [n for n in lines if n.page == t.page and _norm(n.text) == want_name
                 and n.y0 > t.y1 and abs(n.centre_x - t.centre_x) < 60]
        if below:
            return Block(t.page, t, min(below, key=lambda n: n.y0))
    raise SigningError(f"Không tìm thấy khối chữ ký (“{title}” rồi “{name}”) trong bản PDF; "
                       "kiểm tra chức vụ và họ tên người ký trên văn bản.")


@dataclass
class Box:
    page: int
    x0: float   # PDF user space: from the bottom-left corner
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (round(self.x0), round(self.y0), round(self.x1), round(self.y1))


def signature_box(block: Block, image_size: tuple[int, int]) -> Box:
    """The signer's image: centred between title and name, as tall as the gap allows."""
    gap_top, gap_bottom = block.title.y1, block.name.y0
    height = max(28.0, min(gap_bottom - gap_top - 2, 80.0))
    width = min(height * image_size[0] / image_size[1], 170.0)
    height = width * image_size[1] / image_size[0]
    centre_x = (block.title.centre_x + block.name.centre_x) / 2
    centre_y_top = (gap_top + gap_bottom) / 2
    ph = block.title.page_height
    return Box(block.page, centre_x - width / 2, ph - centre_y_top - height / 2,
               centre_x + width / 2, ph - centre_y_top + height / 2)


SEAL_TEXT_HEIGHT = 22.0


def seal_box(signature: Box) -> Box:
    """The seal over about a third of the signer's image, on the left; its text under it."""
    d = SEAL_MM * MM
    right = signature.x0 + signature.width / 3
    centre_y = (signature.y0 + signature.y1) / 2
    return Box(signature.page, right - d, centre_y - d / 2 - SEAL_TEXT_HEIGHT, right,
               centre_y + d / 2)


# --- keys ----------------------------------------------------------------------------------

def load_signer(key: SigningKey, passphrase: str):
    """A pyHanko signer for the key; a wrong passphrase or PIN says so and signs nothing."""
    if not passphrase:
        raise SigningError("Nhập mật khẩu của khóa ký số.", field="passphrase")
    if key.backend == "pkcs12":
        path = Path(key.pkcs12_path)
        if not path.is_file():
            raise SigningError("Không tìm thấy tệp khóa ký số trên máy chủ; nhờ quản trị kiểm tra "
                               "cấu hình khóa.")
        try:
            return signers.SimpleSigner.load_pkcs12_data(path.read_bytes(), other_certs=[],
                                                         passphrase=passphrase.encode())
        except ValueError:
            raise SigningError("Mật khẩu của khóa ký số không đúng; văn bản chưa được ký.",
                               field="passphrase") from None
    if key.backend == "pkcs11":
        return _pkcs11_signer(key, passphrase)
    raise SigningError("Khóa ký số cấu hình không đúng loại (PKCS#12 hoặc PKCS#11).")


def _pkcs11_signer(key: SigningKey, pin: str):
    from pkcs11 import exceptions as p11_errors
    from pyhanko.sign import pkcs11 as p11
    if not Path(key.pkcs11_module).is_file():
        raise SigningError("Không tìm thấy thư viện PKCS#11 của thiết bị ký số (USB token) trên "
                           "máy chủ; nhờ quản trị kiểm tra cấu hình.")
    try:
        session = p11.open_pkcs11_session(key.pkcs11_module, token_label=key.pkcs11_token,
                                          user_pin=pin)
    except p11_errors.PinIncorrect:
        raise SigningError("Mã PIN của thiết bị ký số không đúng; văn bản chưa được ký.",
                           field="passphrase") from None
    except p11_errors.PKCS11Error:
        raise SigningError("Không mở được thiết bị ký số (USB token): kiểm tra thiết bị đã cắm "
                           "và nhãn token trong cấu hình.") from None
    return p11.PKCS11Signer(session, cert_label=key.pkcs11_cert_label or None,
                            key_label=key.pkcs11_key_label or None)


def _timestamper():
    url = current_app.config.get("SIGNING_TSA_URL")
    return timestamps.HTTPTimeStamper(url) if url else None


def _sign(pdf: bytes, signer, *, field_name: str, box: Box, style, text_params=None,
          reason: str = "", location: str = "") -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    existing = {name for name, _, _ in fields.enumerate_sig_fields(writer)}
    name, n = field_name, 2
    while name in existing:
        name, n = f"{field_name}{n}", n + 1
    meta = signers.PdfSignatureMetadata(
        field_name=name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None)
    pdf_signer = signers.PdfSigner(
        meta, signer, timestamper=_timestamper(), stamp_style=style,
        new_field_spec=fields.SigFieldSpec(name, on_page=box.page, box=box.as_tuple()))
    out = io.BytesIO()
    outside_event_loop(lambda: pdf_signer.sign_pdf(writer, output=out,
                                                   appearance_text_params=text_params or {}))
    return out.getvalue()


def outside_event_loop(call):
    """pyHanko's synchronous API runs asyncio.run(), which refuses to start inside a running
    event loop (an async host, or a test driving a browser in the same thread): then run it
    on a worker thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def _image(path) -> Image.Image:
    """The image loaded into memory: the file is closed at once."""
    with Image.open(path) as image:
        image.load()
        return image.copy()


def sign_as_person(pdf: bytes, key: SigningKey, passphrase: str, *, title: str,
                   name: str) -> bytes:
    signer = load_signer(key, passphrase)
    image = _image(key.image_path)
    box = signature_box(find_signature_block(pdf, title, name), image.size)
    style = StaticStampStyle(background=PdfImage(image), background_opacity=1.0, border_width=0,
                             background_layout=layout.SimpleBoxLayoutRule(
                                 x_align=layout.AxisAlignment.ALIGN_MID,
                                 y_align=layout.AxisAlignment.ALIGN_MID,
                                 margins=layout.Margins.uniform(0)))
    return _sign(pdf, signer, field_name="ChuKyNguoiKy", box=box, style=style,
                 reason="Ký ban hành văn bản", location="Bình Sơn")


DEFAULT_SIGNATURE_SIZE = (900, 360)


def _signer_field_box(pdf: bytes) -> Box | None:
    """Where the signer's image already is (the field the signer's signature filled)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    for name, _value, ref in fields.enumerate_sig_fields(reader):
        if not name.startswith("ChuKyNguoiKy"):
            continue
        field = ref.get_object()
        rect = [float(v) for v in field["/Rect"]]
        page_ref = field.raw_get("/P")
        for index in range(int(reader.root["/Pages"]["/Count"])):
            candidate, _ = reader.find_page_for_modification(index)
            if candidate.idnum == page_ref.idnum:
                return Box(index, *rect)
    return None


def now_iso() -> str:
    """The signing time shown on the paper: Vietnam time on the app's business date (the demo
    runs as of 15/11/2023), read through webapp.core.clock like every other date."""
    real = datetime.now(VN_TIME).replace(microsecond=0)
    return datetime.combine(clock.today(), real.timetz()).isoformat()


def sign_as_body(pdf: bytes, key: SigningKey, passphrase: str, *, title: str, name: str,
                 body_name: str) -> bytes:
    signer = load_signer(key, passphrase)
    sig = (_signer_field_box(pdf)
           or signature_box(find_signature_block(pdf, title, name), DEFAULT_SIGNATURE_SIZE))
    box = seal_box(sig)
    seal = PdfImage(_image(key.image_path), box=layout.BoxConstraints(box.width, box.width))
    style = TextStampStyle(
        stamp_text="%(body)s\n%(when)s", border_width=0, background=seal,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins(0, 0, 0, SEAL_TEXT_HEIGHT)),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins(0, 0, 1, 0)),
        text_box_style=TextBoxStyle(font=_InMemoryFont(_font_path(), font_size=7),
                                    font_size=7, leading=8, border_width=0))
    return _sign(pdf, signer, field_name="ChuKyCoQuan", box=box, style=style,
                 text_params={"body": body_name, "when": now_iso()},
                 reason="Phát hành văn bản", location="Bình Sơn")


def sign_attachment(pdf: bytes, key: SigningKey, passphrase: str, *, number_text: str) -> bytes:
    """An attachment in its own file: the body signs top right of page 1, text only."""
    signer = load_signer(key, passphrase)
    from pyhanko.pdf_utils.reader import PdfFileReader
    page = PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Kids"][0]
    x0, y0, x1, y1 = (float(v) for v in page["/MediaBox"])
    width, height = 62 * MM, 12 * MM
    box = Box(0, x1 - 15 * MM - width, y1 - 6 * MM - height, x1 - 15 * MM, y1 - 6 * MM)
    style = TextStampStyle(
        stamp_text="%(number)s\n%(when)s", border_width=0,
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0)),
        text_box_style=TextBoxStyle(font=_InMemoryFont(_font_path(), font_size=10),
                                    font_size=10, leading=12, border_width=0))
    return _sign(pdf, signer, field_name="ChuKyCoQuanPhuLuc", box=box, style=style,
                 text_params={"number": number_text, "when": now_iso()},
                 reason="Phát hành văn bản", location="Bình Sơn")
