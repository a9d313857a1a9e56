"""`flask signing ...`: the keys an office signs with, the demo's test CA, checking a PDF."""
from pathlib import Path

import click
from flask import current_app

from ..extensions import db
from . import keys, register, verify
from .views import bp


@bp.cli.command("demo-ca")
@click.option("--user", "username", default="lanhdao", show_default=True,
              help="Tài khoản lãnh đạo nhận khóa ký thử nghiệm.")
@click.option("--passphrase", default=keys.DEMO_PASSPHRASE, show_default=True)
def demo_ca(username, passphrase):
    """Tạo CA thử nghiệm, khóa ký của người ký và của cơ quan (CHỈ DÙNG THỬ NGHIỆM)."""
    from ..auth.models import User
    if current_app.config["PRODUCTION"]:
        raise click.ClickException("Không tạo CA thử nghiệm ở chế độ production.")
    user = db.session.query(User).filter_by(username=username).one_or_none()
    if user is None:
        raise click.ClickException(f"Không có tài khoản {username}.")
    created = keys.demo_ca(person_user=user, passphrase=passphrase)
    db.session.commit()
    for key in created:
        click.echo(f"Đã tạo khóa thử nghiệm: {key.label}")
    click.echo("Chứng thư gốc thử nghiệm đã được thêm vào danh sách tin cậy của máy chủ này.")


@bp.cli.command("add-key")
@click.option("--person", "username", help="Tài khoản của người ký (khóa cá nhân).")
@click.option("--body", "issuer", help="Mã cơ quan ban hành (khóa của cơ quan): "
                                       + ", ".join(register.bodies()))
@click.option("--pkcs12", "p12", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Tệp .p12/.pfx trên máy chủ (ngoài thư mục static).")
@click.option("--pkcs11-module", type=click.Path(exists=True, dir_okay=False),
              help="Thư viện PKCS#11 của USB token (.so/.dll).")
@click.option("--token", default="", help="Nhãn token (PKCS#11).")
@click.option("--key-label", default="", help="Nhãn khóa trên token (PKCS#11).")
@click.option("--cert-label", default="", help="Nhãn chứng thư trên token (PKCS#11).")
@click.option("--holder-name", default="", help="Tên trên chứng thư (PKCS#11; PKCS#12 tự đọc).")
@click.option("--image", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Ảnh chữ ký (người ký, màu xanh) hoặc con dấu (cơ quan, màu đỏ): PNG nền trong suốt.")
def add_key(username, issuer, p12, pkcs11_module, token, key_label, cert_label, holder_name,
            image):
    """Khai báo khóa ký số (PKCS#12 hoặc PKCS#11) cho một người ký hoặc một cơ quan."""
    from ..auth.models import User
    if bool(username) == bool(issuer):
        raise click.ClickException("Chọn một trong --person hoặc --body.")
    if bool(p12) == bool(pkcs11_module):
        raise click.ClickException("Chọn một trong --pkcs12 hoặc --pkcs11-module.")
    user = None
    if username:
        user = db.session.query(User).filter_by(username=username).one_or_none()
        if user is None:
            raise click.ClickException(f"Không có tài khoản {username}.")
    subject = ""
    if p12:
        # Asked once to read the certificate; neither kept nor echoed.
        passphrase = click.prompt("Mật khẩu tệp PKCS#12 (để đọc chứng thư)", hide_input=True)
        holder_name, subject = keys.read_pkcs12(p12, passphrase)
        del passphrase
    elif not holder_name:
        raise click.ClickException("Với PKCS#11, ghi --holder-name đúng tên trên chứng thư.")
    label = f"{holder_name} ({'PKCS#12' if p12 else 'USB token'})"
    key = keys.add_key(holder="person" if user else "body", user=user, issuer=issuer or "",
                       label=label, holder_name=holder_name, subject=subject,
                       backend="pkcs12" if p12 else "pkcs11",
                       pkcs12_path=str(Path(p12).resolve()) if p12 else "",
                       pkcs11_module=pkcs11_module or "", pkcs11_token=token,
                       pkcs11_key_label=key_label, pkcs11_cert_label=cert_label,
                       image_path=str(Path(image).resolve()))
    db.session.commit()
    click.echo(f"Đã khai báo khóa: {key.label}")


@bp.cli.command("list-keys")
def list_keys():
    """Các khóa ký số đang dùng."""
    from .models import SigningKey
    for key in db.session.query(SigningKey).filter_by(active=True).order_by(SigningKey.id):
        owner = key.user.username if key.user else register.body(key.issuer).name
        click.echo(f"{key.id}\t{'người ký' if key.holder == 'person' else 'cơ quan'}\t{owner}\t"
                   f"{key.backend}\t{key.label}")


@bp.cli.command("verify")
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def verify_command(pdf):
    """Kiểm tra chữ ký số của một tệp PDF."""
    reports = verify.check_file(pdf)
    if not reports:
        click.echo("Tệp không có chữ ký số.")
    for r in reports:
        click.echo(f"{r.signer} – {r.signed_at_text} – "
                   f"{'nguyên vẹn' if r.intact and not r.modified_after else 'ĐÃ BỊ SỬA'} – "
                   f"{'tin cậy' if r.trusted else 'KHÔNG tin cậy'}")
