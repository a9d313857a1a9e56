import pytest

from ..conftest import user_for


@pytest.fixture
def users(app):
    """The test accounts of the roles of the reward flow."""
    class Users:
        commune = user_for("commune")
        department = user_for("department")
        mass_org = user_for("mass_org")
        coordinator = user_for("coordinator")
        home_affairs = user_for("home_affairs")
        leadership = user_for("leadership")
        office = user_for("office")
    return Users
