"""A test certificate authority for the demo and the tests, and the images of a test seal and
a test handwritten signature. Every certificate says in its subject that it is for testing and
has no legal value; the seal image says so too. Production uses the office's own certificates
(see README: "Chữ ký số")."""
import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image, ImageDraw, ImageFont

TEST_MARK = "CHỈ DÙNG THỬ NGHIỆM – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
CA_NAME = "CA thử nghiệm Sơ kết GNBV"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_ITALIC = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf"
SEAL_RED = (214, 20, 30, 255)
INK_BLUE = (20, 50, 160, 255)


def _name(common_name: str, organisation: str = "", title: str = "") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
             x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "Quảng Ngãi")]
    if organisation:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    parts.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, TEST_MARK))
    if title:
        parts.append(x509.NameAttribute(NameOID.TITLE, title))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(parts)


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Issued:
    p12_path: Path
    common_name: str
    subject: str


def _validity():
    # Valid from 2023 (the demo's business year) for ten years.
    start = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc)
    return start, start + dt.timedelta(days=3650)


def make_ca(directory: Path):
    key = _key()
    name = _name(CA_NAME, "Sơ kết GNBV (thử nghiệm)")
    start, end = _validity()
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True, crl_sign=True,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "ca-thu-nghiem.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key, cert


def issue_certificate(ca_key, ca_cert, directory: Path, filename: str, passphrase: str, *,
                      common_name: str, organisation: str, title: str = "") -> Issued:
    key = _key()
    start, end = _validity()
    cert = (x509.CertificateBuilder().subject_name(_name(common_name, organisation, title))
            .issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=False, crl_sign=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    data = pkcs12.serialize_key_and_certificates(
        common_name.encode(), key, cert, [ca_cert],
        serialization.BestAvailableEncryption(passphrase.encode()))
    path = directory / filename
    path.write_bytes(data)
    path.chmod(0o600)
    return Issued(path, common_name, cert.subject.rfc4514_string())


# --- images ---------------------------------------------------------------------------------

def _curved_text(img: Image.Image, text: str, centre: float, radius: float, font, *,
                 start_deg: float, end_deg: float, colour) -> None:
    """Letters along an arc, clockwise from start_deg to end_deg (0° = top)."""
    widths = [font.getlength(c) for c in text]
    total = sum(widths)
    span = end_deg - start_deg
    angle = start_deg + (span - math.degrees(total / radius)) / 2 if total / radius < math.radians(span) else start_deg
    for char, width in zip(text, widths):
        a = angle + math.degrees(width / 2 / radius)
        size = int(font.size * 1.6)
        tile = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((size / 2, size / 2), char, font=font, fill=colour, anchor="mm")
        tile = tile.rotate(-a, resample=Image.BICUBIC)
        x = centre + radius * math.sin(math.radians(a)) - size / 2
        y = centre - radius * math.cos(math.radians(a)) - size / 2
        img.alpha_composite(tile, (int(x), int(y)))
        angle += math.degrees(width / radius)


def seal_png(path: Path, upper: str, diameter_px: int = 900) -> Path:
    """A red round test seal on a transparent background (printed at 38 mm)."""
    img = Image.new("RGBA", (diameter_px, diameter_px), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    c = diameter_px / 2
    for r, w in ((c - 8, 16), (c - 120, 7)):
        draw.ellipse((c - r, c - r, c + r, c + r), outline=SEAL_RED, width=w)
    font = ImageFont.truetype(FONT_BOLD, int(diameter_px * 0.07))
    _curved_text(img, upper, c, c - 68, font, start_deg=-105, end_deg=105, colour=SEAL_RED)
    # the star and the test mark in the middle
    star = [(c + (85 if i % 2 == 0 else 34) * math.sin(math.radians(i * 36)),
             c - 130 - (85 if i % 2 == 0 else 34) * math.cos(math.radians(i * 36)))
            for i in range(10)]
    draw.polygon(star, fill=SEAL_RED)
    mid = ImageFont.truetype(FONT_BOLD, int(diameter_px * 0.052))
    for i, line in enumerate(("MẪU DẤU", "THỬ NGHIỆM", "KHÔNG CÓ GIÁ", "TRỊ PHÁP LÝ")):
        draw.text((c, c + 10 + i * diameter_px * 0.068), line, font=mid, fill=SEAL_RED,
                  anchor="mm")
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path)
    return path


def signature_png(path: Path, name: str, width_px: int = 900, height_px: int = 360) -> Path:
    """A blue handwritten-looking test signature (a flourish and the name in italics)."""
    img = Image.new("RGBA", (width_px, height_px), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    points = []
    for i in range(0, 400):
        t = i / 399
        x = 60 + t * (width_px - 120)
        y = height_px * 0.45 + math.sin(t * 9.5) * 55 * (1 - t * 0.6) - t * 40
        points.append((x, y))
    draw.line(points, fill=INK_BLUE, width=9, joint="curve")
    draw.line([(width_px * 0.2, height_px * 0.78), (width_px * 0.85, height_px * 0.62)],
              fill=INK_BLUE, width=7)
    font = ImageFont.truetype(FONT_ITALIC, int(height_px * 0.2))
    draw.text((width_px / 2, height_px * 0.3), name.split()[-1], font=font, fill=INK_BLUE,
              anchor="mm")
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path)
    return path
