from satudata.apps.accounts.models.notifications import Notification
from satudata.apps.accounts.models.organisations import Organisation
from satudata.apps.accounts.models.tokens import ApiToken
from satudata.apps.accounts.models.users import Role, RoleGrant, User

__all__ = ["ApiToken", "Notification", "Organisation", "Role", "RoleGrant", "User"]
