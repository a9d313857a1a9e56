"""Object rules of account administration."""
from ..auth.models import User
from ..core.errors import NotFound
from ..core.permissions import Cap, has_cap, policy
from ..extensions import db


@policy("admin.lock")
def can_lock(user, target: User) -> bool:
    """The administrator locks any account but their own (they would lock themselves out)."""
    return has_cap(user, Cap.ACCOUNTS_MANAGE) and target.active and target.id != user.id


def get_user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("Tài khoản này không tồn tại.")
    return user
