from tisseurs import roles as roles_module
from tisseurs.i18n import language_choices


def roles(request):
    """`roles`, `is_<role>` flags, and `layout` (the base template of the role)."""
    held = roles_module.user_roles(getattr(request, "user", None))
    if roles_module.COORDINATION in held or roles_module.DIRECTION in held:
        layout = "base_coordination.html"
    elif roles_module.RELAIS in held:
        layout = "base_relais.html"
    elif held:
        layout = "base_coordination.html"
    else:
        layout = "base.html"
    return {
        "interface_languages": language_choices(getattr(request, "user", None)),
        "layout": layout,
        "roles": held,
        "is_coordination": roles_module.COORDINATION in held,
        "is_relais": roles_module.RELAIS in held,
        "is_direction": roles_module.DIRECTION in held,
        "is_comite": roles_module.COMITE in held,
    }
