from urllib.parse import urlsplit

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from ..audit.service import record
from ..core.errors import DomainError
from ..core.htmx import form_error, redirect_to, toast
from ..core.permissions import Cap, login_only, public, requires
from .forms import ChangePasswordForm, LoginForm
from .service import LoginRefused, authenticate, change_password, end_all_sessions

bp = Blueprint("auth", __name__)


# Pages a user who must change the password may still open (the rest redirect to the form).
OPEN_BEFORE_PASSWORD_CHANGE = {"auth.password", "auth.logout", "auth.login", "auth.health",
                               "auth.index", "static"}


def _safe_next(target: str | None) -> str | None:
    """A return address that stays on this site: a local path, nothing a browser could read
    as another host ("//x", "/\\x", "http:..."), no control characters."""
    if not target:
        return None
    parts = urlsplit(target)
    if (parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//")
            or "\\" in target or any(ord(c) < 32 for c in target)):
        return None
    return target


@bp.before_app_request
def _first_login_changes_the_password():
    """An account created or reset by the administrator ("must change password") reaches
    nothing but the password form until the password is its own (htmx: 204 + HX-Redirect)."""
    if (current_user.is_authenticated and current_user.must_change_password
            and request.endpoint not in OPEN_BEFORE_PASSWORD_CHANGE):
        back = request.full_path.rstrip("?") if request.method == "GET" and not \
            request.headers.get("HX-Request") else None
        return redirect_to(url_for("auth.password", next=_safe_next(back)))
    return None


@bp.route("/")
@public
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return redirect(home_url(current_user))


def _new_csrf_token() -> None:
    """A token seen before login (or by the previous user of this browser) stops working:
    Flask-WTF keeps the raw token in the session (and caches it in g for this request)."""
    name = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    session.pop(name, None)
    g.pop(name, None)


def home_url(user) -> str:
    from ..core.permissions import Cap, has_cap
    if not has_cap(user, Cap.DUTIES_VIEW_OWN):
        return url_for("admin.accounts")
    return url_for("duties.my_duties")


@bp.route("/healthz")
@public
def health():
    """For load balancers and the benchmark's trivial route: no database, no template."""
    return {"status": "ok"}


@bp.route("/dang-nhap", methods=["GET", "POST"])
@public
def login():
    next_url = _safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or home_url(current_user))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        try:
            user = authenticate(form.username.data, form.password.data,
                                request.remote_addr or "unknown")
        except LoginRefused as exc:
            error = exc.message
            g.commit_despite_error = True  # the failure counter must be kept
        else:
            _new_csrf_token()
            login_user(user)
            record("auth.login", user, summary=f"{user.username} đăng nhập", actor=user)
            if user.must_change_password:
                return redirect(url_for("auth.password", next=next_url))
            return redirect(next_url or home_url(user))
    status = 422 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form, error=error, next_url=next_url), status


@bp.route("/dang-xuat", methods=["POST"])
@login_only
def logout():
    from .forms import EmptyForm
    form = EmptyForm()
    if not form.validate_on_submit():
        return redirect(url_for("auth.index"))
    user = current_user._get_current_object()
    end_all_sessions(user)
    record("auth.logout", user, summary=f"{user.username} đăng xuất", actor=user)
    logout_user()
    _new_csrf_token()
    toast("Bạn đã đăng xuất.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/tai-khoan/mat-khau", methods=["GET", "POST"])
@requires(Cap.PASSWORD_CHANGE_OWN)
def password():
    next_url = _safe_next(request.args.get("next"))
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            change_password(user, form.current_password.data, form.new_password.data)
        except DomainError as exc:
            status = form_error(form, exc, "current_password")
            return render_template("auth/password.html", form=form, next_url=next_url), status
        else:
            # The old session is over; keep this browser logged in with the new version.
            login_user(user)
            toast("Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.")
            return redirect(next_url or home_url(user))
    status = 422 if request.method == "POST" else 200
    return render_template("auth/password.html", form=form, next_url=next_url), status
