"""Single sign-on through the organisation's OpenID Connect provider, used only when OIDC_ENABLED is set.

Staff accounts come from the HR import, so by default a login through the provider only reaches an account that
already exists, found by its e-mail address; OIDC_CREATE_USERS lets the provider create accounts as well.
"""

import logging

from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import Employee

logger = logging.getLogger(__name__)


class EmployeeOIDCBackend(OIDCAuthenticationBackend):
    """Logs staff in with the provider's e-mail claim; never lets in an inactive account or someone who has left.

    `mozilla_django_oidc` calls `verify_claims`, then `filter_users_by_claims`, then `update_user` for the one
    match or `create_user` when there is none; a SuspiciousOperation raised there refuses the login (logged).
    """

    def verify_claims(self, claims):
        """A login needs an e-mail address that the provider hasn't marked as unverified."""
        email = (claims.get("email") or "").strip()
        # Some providers send the flag as a string; a missing flag is trusted (the organisation runs the provider).
        return bool(email) and claims.get("email_verified") not in (False, "false")

    def filter_users_by_claims(self, claims):
        """Accounts whose e-mail address is the claim's, ignoring case; more than one match refuses the login."""
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email)

    def create_user(self, claims):
        """An account for an unknown address, with username = e-mail, only when OIDC_CREATE_USERS allows it."""
        email = claims["email"].strip()
        if not self.get_settings("OIDC_CREATE_USER", False):
            logger.warning("Single sign-on refused %s: no account has that e-mail address.", email)
            return None
        if self.UserModel.objects.filter(username__iexact=email).exists():
            raise SuspiciousOperation(f"The username {email} is taken by an account with another e-mail address.")
        user = self.UserModel(username=email, email=email)
        user.set_unusable_password()
        self._copy_names(user, claims)
        user.save()
        return user

    def update_user(self, user, claims):
        """Refuse leavers and inactive accounts; otherwise keep the name in step with the provider's."""
        if not self.user_can_authenticate(user):
            raise SuspiciousOperation(f"Single sign-on refused for {user.get_username()}: inactive or has left.")
        changed = self._copy_names(user, claims)
        if changed:
            user.save(update_fields=changed)
        return user

    def user_can_authenticate(self, user):
        """Inactive accounts and employees marked as left by HR can't log in, whatever the provider says."""
        if not super().user_can_authenticate(user):
            return False
        employee = getattr(user, "employee", None)
        return employee is None or employee.status != Employee.Status.LEFT

    def get_user(self, user_id):
        """Ends the session of an account deactivated, or marked as left, after it logged in."""
        user = self.UserModel._default_manager.select_related("employee").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def _copy_names(self, user, claims) -> list[str]:
        """Set first/last name from the claims the provider sent (empty ones are ignored); return changed fields."""
        changed = []
        for field, claim in (("first_name", "given_name"), ("last_name", "family_name")):
            max_length = self.UserModel._meta.get_field(field).max_length
            value = (claims.get(claim) or "").strip()[:max_length]
            if value and getattr(user, field) != value:
                setattr(user, field, value)
                changed.append(field)
        return changed
