"""Operator tasks, each a Flask CLI command (documented in README.md)."""
from datetime import date
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .extensions import db


def register_cli(app: Flask) -> None:
    plan_cli = AppGroup("plan", help="Kế hoạch: nạp dữ liệu kế hoạch, đơn vị, Chương trình.")
    backup_cli = AppGroup("backup", help="Sao lưu và phục hồi cơ sở dữ liệu cùng tệp tải lên.")

    @plan_cli.command("load")
    @click.option("--units", "units_file", type=click.Path(exists=True, path_type=Path))
    @click.option("--program", "program_file", type=click.Path(exists=True, path_type=Path))
    @click.option("--plan", "plan_file", type=click.Path(exists=True, path_type=Path))
    def plan_load(units_file, program_file, plan_file):
        """Load (or reload, without duplicates) the units, the Program and the plan."""
        from .plan import loader
        plan, result = loader.load_all(units_file or loader.DEFAULT_UNITS_FILE,
                                       program_file or loader.DEFAULT_PROGRAM_FILE,
                                       plan_file or loader.DEFAULT_PLAN_FILE)
        db.session.commit()
        click.echo(f"Đã nạp kế hoạch {plan.code}: {result.describe()}")

    @app.cli.command("create-admin")
    @click.argument("username")
    @click.option("--full-name", default="Quản trị hệ thống")
    @click.password_option("--password", help="At least 10 characters.")
    def create_admin(username, full_name, password):
        """Create the first administrator account."""
        from .admin.service import create_account
        from .plan.models import Unit
        if len(password) < 10:
            raise click.ClickException("Mật khẩu cần ít nhất 10 ký tự.")
        unit = db.session.query(Unit).filter_by(kind="admin").first()
        if unit is None:
            raise click.ClickException("Chưa có đơn vị quản trị: chạy `flask plan load` trước.")
        create_account(unit_id=unit.id, username=username, full_name=full_name,
                       password=password, must_change_password=False)
        db.session.commit()
        click.echo(f"Đã tạo tài khoản quản trị {username}.")

    @app.cli.command("demo")
    def demo():
        """Fill the app with the demo accounts and the INVENTED mid-way scenario."""
        if current_app.config["PRODUCTION"]:
            raise click.ClickException("Không chạy dữ liệu minh họa ở chế độ production.")
        from . import demo as demo_module
        from .auth.models import User
        from .plan import loader
        if db.session.query(User).filter_by(username="ldtbxh").first():
            click.echo("Dữ liệu minh họa đã có; bỏ qua.")
            return
        plan, _ = loader.load_all()
        if plan.conference_date is None:
            plan.conference_date = date(2023, 12, 5)  # invented: "dự kiến đầu tháng 12/2023"
        demo_module.create_demo_accounts()
        demo_module.run_scenarios()
        db.session.commit()
        click.echo(f"Đã tạo {len(demo_module.DEMO_ACCOUNTS)} tài khoản minh họa "
                   f"(mật khẩu: {demo_module.DEMO_PASSWORD}) và kịch bản minh họa.")

    @backup_cli.command("create")
    @click.argument("destination", type=click.Path(path_type=Path), default=Path("var/backups"))
    def backup_create(destination):
        """Write a consistent backup (database + uploaded files) to a .tar.gz."""
        from .ops.backup import create_backup
        destination = Path(destination)
        if not destination.suffix:
            destination.mkdir(mode=0o700, parents=True, exist_ok=True)
        db.session.remove()
        path = create_backup(current_app.config["SQLALCHEMY_DATABASE_URI"],
                             current_app.config["UPLOAD_FOLDER"], destination,
                             pg_dump=current_app.config["PG_DUMP_BINARY"])
        click.echo(f"Đã sao lưu vào {path}")

    @backup_cli.command("restore")
    @click.argument("archive", type=click.Path(exists=True, path_type=Path))
    @click.confirmation_option(prompt="Phục hồi sẽ ghi đè dữ liệu hiện tại. Tiếp tục?")
    def backup_restore(archive):
        """Restore a backup made by `flask backup create` (the app should be stopped)."""
        from .ops.backup import restore_backup
        db.session.remove()
        db.engine.dispose()
        manifest = restore_backup(current_app.config["SQLALCHEMY_DATABASE_URI"],
                                  current_app.config["UPLOAD_FOLDER"], archive,
                                  pg_restore=current_app.config["PG_RESTORE_BINARY"])
        click.echo(f"Đã phục hồi bản sao lưu ngày {manifest['created_at']}")

    uploads_cli = AppGroup("uploads", help="Tệp tải lên.")

    @uploads_cli.command("orphans")
    @click.option("--delete", "remove", is_flag=True, help="Delete the files listed.")
    @click.option("--min-age-minutes", default=60, show_default=True,
                  help="Leave younger files alone (a request may still be saving them).")
    def uploads_orphans(remove, min_age_minutes):
        """List (or delete) files in the upload folder that no record names."""
        from .uploads.service import orphan_files
        folder = Path(current_app.config["UPLOAD_FOLDER"])
        orphans = orphan_files(min_age_s=min_age_minutes * 60)
        for path in orphans:
            click.echo(f"{path.relative_to(folder).as_posix()}\t{path.stat().st_size} byte")
            if remove:
                path.unlink()
        verb = "Đã xóa" if remove else "Có"
        click.echo(f"{verb} {len(orphans)} tệp không thuộc hồ sơ nào trong {folder}.")

    documents_cli = AppGroup("documents", help="Mẫu văn bản .docx.")

    @documents_cli.command("build-templates")
    @click.option("--only", help="Build only this template file.")
    def build_templates(only):
        """(Re)write the .docx templates from their builders (overwrites edited templates)."""
        from .documents.registry import build_all
        for name in build_all(only):
            click.echo(f"Đã tạo mẫu {name}")

    app.cli.add_command(documents_cli)
    app.cli.add_command(plan_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(uploads_cli)
