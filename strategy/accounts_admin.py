"""The admin's Users page, where a site administrator manages colleagues.

A site administrator need not be a superuser (the "Site administrator" group, migration
0008), so the page keeps anyone who is not a superuser from granting more than they hold:
they never make anyone a superuser or give single permissions, put colleagues only in groups
whose permissions they hold themselves, and only change colleagues who hold no more than
they do (so never a superuser, whose password would otherwise be theirs to set).
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.db.models import Exists, OuterRef, Q
from django_otp.plugins.otp_totp.models import TOTPDevice

GROUPS_HELP = (
    "LEP officer: keeps the strategy, targets, propositions and governance, and enters "
    "figures as drafts. Approver: also publishes figures. Site administrator: manages "
    "colleagues here."
)


def permissions_held(user):
    """Every permission the user has, directly or through a group, active or not."""
    if user.is_superuser:
        return Permission.objects.all()
    return Permission.objects.filter(Q(user=user) | Q(group__user=user))


def grantable_groups(manager):
    """The groups the manager may put a colleague in: those that give nothing they lack."""
    if manager.is_superuser:
        return Group.objects.all()
    lacking = Permission.objects.exclude(pk__in=permissions_held(manager))
    return Group.objects.exclude(permissions__in=lacking)


def may_manage(manager, colleague) -> bool:
    """Whether the manager may change this colleague: not if the colleague holds more.

    Deactivated colleagues count with the permissions they would get back.
    """
    if manager.is_superuser:
        return True
    if colleague.is_superuser:
        return False
    return not permissions_held(colleague).exclude(pk__in=permissions_held(manager)).exists()


admin.site.unregister(User)


@admin.register(User)
class ColleagueAdmin(UserAdmin):
    """Django's user admin, with each colleague's groups and two-factor sign-in in the list,
    the groups on the page that adds them, and the guard against granting more than held."""

    list_display = (
        "username",
        "first_name",
        "last_name",
        "email",
        "group_names",
        "has_two_factor",
        "is_staff",
        "is_active",
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        ("Who they are", {"classes": ("wide",), "fields": ("first_name", "last_name", "email")}),
        ("What they may do", {"classes": ("wide",), "fields": ("is_staff", "groups")}),
    )

    def get_queryset(self, request):
        devices = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return (
            super()
            .get_queryset(request)
            .annotate(two_factor=Exists(devices))
            .prefetch_related("groups")
        )

    @admin.display(description="groups")
    def group_names(self, user):
        return ", ".join(sorted(group.name for group in user.groups.all())) or "—"

    @admin.display(description="two-factor sign-in", boolean=True, ordering="two_factor")
    def has_two_factor(self, user):
        return user.two_factor

    def get_changeform_initial_data(self, request):
        # Everyone added here is a colleague who signs in to the admin.
        return {"is_staff": True, **super().get_changeform_initial_data(request)}

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return (*readonly, "is_superuser", "user_permissions")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = grantable_groups(request.user)
            kwargs["help_text"] = GROUPS_HELP
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_manage(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_manage(request.user, obj))
