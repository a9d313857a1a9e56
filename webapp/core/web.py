"""Request plumbing shared by every page: login loading, the htmx contract, security headers,
error pages and template helpers."""
from flask import Flask, g, has_app_context, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import func, select

from ..extensions import db, login_manager
from . import clock, formatting
from .errors import DomainError, NotAllowed, NotFound, StaleEdit
from .htmx import is_htmx, refusal
from .permissions import Cap, allowed, has_cap, may_open, route_rule

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; "
    "object-src 'none'; frame-ancestors 'none'"
)


def _load_user(user_id: str):
    """The user of the session cookie, with its unit, its unit's unread notification count
    (the bell every page shows) and whether its unit has a speech slot at the conference (a
    menu entry) in one statement."""
    from ..auth.models import User
    from ..notifications.models import Notification
    from ..plan.models import SpeechSlot
    try:
        raw_id, version = user_id.split(":", 1)
        raw_id = int(raw_id)
    except (ValueError, TypeError):
        return None
    unread = (select(func.count(Notification.id))
              .where(Notification.unit_id == User.unit_id, Notification.read_at.is_(None))
              .correlate(User).scalar_subquery())
    speaks = (select(SpeechSlot.id).where(SpeechSlot.unit_id == User.unit_id)
              .correlate(User).exists())
    row = db.session.execute(select(User, unread, speaks).where(User.id == raw_id)).first()
    if row is None:
        return None
    user, g.unread_notifications, has_slot = row
    g.speech_slot_of = (user.id, bool(has_slot))
    # A cookie from before a logout, password change or role change carries an old version.
    if str(user.session_version) != version or not user.is_active:
        return None
    return user


def unread_notifications() -> int:
    """The bell's count for the current user's unit, as read with the user."""
    if "unread_notifications" not in g:
        from ..notifications.service import unread_count
        g.unread_notifications = unread_count(current_user.unit_id)
    return g.unread_notifications


def unit_has_speech_slot(user) -> bool:
    """Whether `user`'s unit presents a discussion paper (a speech slot of plan §II.5): read
    with the user of the request, so the menu's entry costs no query of its own."""
    known = g.get("speech_slot_of") if has_app_context() else None
    if known is not None and known[0] == user.id:
        return known[1]
    from ..plan.models import SpeechSlot
    return db.session.query(SpeechSlot.id).filter_by(unit_id=user.unit_id).first() is not None


def _return_address() -> str | None:
    """Where to come back after logging in: the page the user was on. For htmx that is the
    page (HX-Current-URL), never the fragment the panel asked for; for a plain POST the page
    the form was on (Referer); only a path of this site (auth.views checks it again)."""
    from urllib.parse import urlsplit
    if is_htmx() or request.method != "GET":
        source = request.headers.get("HX-Current-URL") or request.referrer or ""
        parts = urlsplit(source)
        if parts.netloc and parts.netloc != request.host:
            return None
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return path if path.startswith("/") and not path.startswith("/dang-nhap") else None
    return request.full_path.rstrip("?")


def _unauthorized():
    login_url = url_for("auth.login", next=_return_address())
    if is_htmx():
        # Never the login form inside a panel: send the whole browser to the login page.
        response = login_manager_response(login_url)
        return response
    return redirect(login_url)


def login_manager_response(login_url: str):
    from flask import make_response
    response = make_response("", 204)
    response.headers["HX-Redirect"] = login_url
    return response


def _domain_refusal(error: DomainError):
    return refusal(error.status, error.title, error.message)


def init_web(app: Flask) -> None:
    login_manager.user_loader(_load_user)
    login_manager.unauthorized_handler(_unauthorized)
    login_manager.session_protection = "basic"

    @app.after_request
    def _headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.vary.add("HX-Request")
        if request.endpoint != "static":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.errorhandler(403)
    def _forbidden(_e):
        return refusal(403, "Không có quyền truy cập",
                       "Vai trò của bạn không được thực hiện thao tác này.")

    @app.errorhandler(404)
    def _not_found(_e):
        return refusal(404, "Không tìm thấy", "Trang hoặc hồ sơ bạn tìm không tồn tại.")

    @app.errorhandler(405)
    def _method(_e):
        return refusal(405, "Thao tác không hợp lệ", "Thao tác này không được hỗ trợ.")

    @app.errorhandler(413)
    def _too_large(_e):
        return refusal(413, "Tệp quá lớn", "Tệp gửi lên vượt quá dung lượng cho phép.")

    @app.errorhandler(CSRFError)
    def _csrf(_e):
        # The token check runs before the login check: a user whose session has expired is
        # first sent to the login page (htmx: 204 + HX-Redirect), as any other call of theirs.
        view = app.view_functions.get(request.endpoint) if request.endpoint else None
        if route_rule(view) != "public" and not current_user.is_authenticated:
            return _unauthorized()
        return refusal(400, "Phiên làm việc đã hết hạn",
                       "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi thử lại.")

    # One handler per domain error class: each carries its own status and title.
    for error_class in (DomainError, NotAllowed, StaleEdit, NotFound):
        app.register_error_handler(error_class, _domain_refusal)

    @app.errorhandler(500)
    def _server_error(_e):
        db.session.rollback()
        return refusal(500, "Lỗi hệ thống",
                       "Đã có lỗi xảy ra. Thao tác chưa được lưu; vui lòng thử lại.")

    app.jinja_env.filters["ddmmyyyy"] = formatting.ddmmyyyy
    app.jinja_env.filters["ddmmyyyy_hhmm"] = formatting.ddmmyyyy_hhmm
    app.jinja_env.filters["money"] = formatting.money
    app.jinja_env.filters["number"] = formatting.number
    app.jinja_env.globals["Cap"] = Cap
    app.jinja_env.globals["business_today"] = clock.today
    from ..audit.labels import action_label, changes as audit_changes, object_label
    app.jinja_env.filters["audit_changes"] = audit_changes
    app.jinja_env.filters["object_label"] = object_label
    app.jinja_env.filters["action_label"] = action_label
    from ..audit.service import history as object_history
    app.jinja_env.globals["object_history"] = object_history
    from .nav import feature_nav
    app.jinja_env.globals["feature_nav"] = feature_nav
    app.jinja_env.globals["unread_notifications"] = unread_notifications

    app.jinja_env.globals["allowed"] = allowed
    app.jinja_env.globals["may_open"] = may_open

    @app.context_processor
    def _helpers():
        return {
            "can": lambda cap: has_cap(current_user, cap),
            "is_htmx": is_htmx(),
        }
