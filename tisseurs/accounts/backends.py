"""The user of each request, read with their relais profile in the same query."""

from django.contrib.auth.backends import ModelBackend


class UserBackend(ModelBackend):
    """Django's ModelBackend, except that the user of a session comes with their
    relais profile (a LEFT JOIN: staff have none). Every request of a relais asks
    for it: the session policy (`User.access_suspended`), the header of their pages
    and `get_own_relais_or_404`; one query less per page. The relais app is named,
    not imported: the core imports no app."""

    def get_user(self, user_id):
        try:
            user = (
                self._user_model()
                ._default_manager.select_related("relais")
                .get(pk=user_id)
            )
        except self._user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    @staticmethod
    def _user_model():
        from django.contrib.auth import get_user_model

        return get_user_model()
