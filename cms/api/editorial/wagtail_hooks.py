from wagtail import hooks

from .views import TokenPolicyViewSet


@hooks.register("register_admin_viewset")
def register_token_policy_viewset():
    return TokenPolicyViewSet("editorial_token_policies", url_prefix="api-token-scopes")
