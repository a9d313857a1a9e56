"""Signing keys: registering a PKCS#12 file or a PKCS#11 token for a signer or a body, and
the demo's test keys. Passphrases are arguments only: never stored."""
import shutil
from pathlib import Path

from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from ..audit.service import record
from ..core import clock
from ..core.errors import DomainError
from ..extensions import db
from . import democa, register
from .models import SigningKey
from .signing import signing_dir, trust_dir

DEMO_PASSPHRASE = "thu-nghiem-2023"   # the demo's test keys only; production never has one


def read_pkcs12(path: Path, passphrase: str) -> tuple[str, str]:
    """(common name, subject) of the certificate in a PKCS#12 file."""
    try:
        _key, cert, _chain = pkcs12.load_key_and_certificates(path.read_bytes(),
                                                               passphrase.encode())
    except ValueError:
        raise DomainError("Không mở được tệp PKCS#12: mật khẩu không đúng hoặc tệp hỏng.") from None
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return (names[0].value if names else ""), cert.subject.rfc4514_string()


def add_key(*, holder: str, label: str, backend: str, holder_name: str, subject: str = "",
            user=None, issuer: str = "", pkcs12_path: str = "", image_path: str = "",
            pkcs11_module: str = "", pkcs11_token: str = "", pkcs11_key_label: str = "",
            pkcs11_cert_label: str = "", actor=None) -> SigningKey:
    if holder not in ("person", "body"):
        raise DomainError("Khóa ký số là của một người ký hoặc của cơ quan.")
    if holder == "person" and user is None:
        raise DomainError("Khóa của người ký phải gắn với tài khoản của người đó.")
    if holder == "body":
        register.body(issuer)
    if not image_path or not Path(image_path).is_file():
        raise DomainError("Cần ảnh chữ ký (người ký) hoặc ảnh con dấu (cơ quan), tệp PNG nền "
                          "trong suốt.")
    query = db.session.query(SigningKey).filter_by(holder=holder, active=True)
    query = query.filter_by(user_id=user.id) if holder == "person" else query.filter_by(issuer=issuer)
    for old in query:
        old.active = False
    key = SigningKey(holder=holder, user_id=getattr(user, "id", None), issuer=issuer,
                     label=label, holder_name=holder_name, certificate_subject=subject,
                     backend=backend, pkcs12_path=pkcs12_path, image_path=image_path,
                     pkcs11_module=pkcs11_module, pkcs11_token=pkcs11_token,
                     pkcs11_key_label=pkcs11_key_label, pkcs11_cert_label=pkcs11_cert_label,
                     active=True, created_at=clock.now())
    db.session.add(key)
    db.session.flush()
    record("signing_key.add", key, actor=actor,
           after={"label": label, "holder_name": holder_name, "backend": backend},
           summary=f"Khai báo khóa ký số: {label}")
    return key


def seal_text(body_name: str) -> str:
    """The name round a seal: the body's name in capitals, "UBND" written out ("ỦY BAN NHÂN DÂN
    HUYỆN BÌNH SƠN", "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")."""
    words = ["ỦY BAN NHÂN DÂN" if w == "UBND" else w.upper() for w in body_name.split()]
    return " ".join(words)


def demo_ca(*, person_user, passphrase: str = DEMO_PASSPHRASE) -> list[SigningKey]:
    """A test CA (trusted by this installation), the signer's key for `person_user` and the
    body keys of UBND huyện and the two phòng, with their test images."""
    folder = signing_dir() / "demo"
    ca_key, ca_cert = democa.make_ca(folder)
    trust_dir().mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / "ca-thu-nghiem.pem", trust_dir() / "ca-thu-nghiem.pem")
    keys = []
    person = democa.issue_certificate(
        ca_key, ca_cert, folder, f"nguoi-ky-{person_user.id}.p12", passphrase,
        common_name=person_user.full_name, organisation="UBND huyện Bình Sơn",
        title=person_user.position)
    image = democa.signature_png(folder / f"chu-ky-{person_user.id}.png", person_user.full_name)
    keys.append(add_key(holder="person", user=person_user, backend="pkcs12",
                        label=f"{person_user.full_name} (khóa thử nghiệm)",
                        holder_name=person.common_name, subject=person.subject,
                        pkcs12_path=str(person.p12_path), image_path=str(image)))
    for code in ("ubnd", "ldtbxh", "noivu"):
        body = register.body(code)
        issued = democa.issue_certificate(ca_key, ca_cert, folder, f"co-quan-{code}.p12",
                                          passphrase, common_name=body.name,
                                          organisation=body.name)
        seal = democa.seal_png(folder / f"con-dau-{code}.png", seal_text(body.name))
        keys.append(add_key(holder="body", issuer=code, backend="pkcs12",
                            label=f"{body.name} (khóa thử nghiệm)", holder_name=body.name,
                            subject=issued.subject, pkcs12_path=str(issued.p12_path),
                            image_path=str(seal)))
    return keys
