from rest_framework import permissions


class ReadOrModelPermissions(permissions.DjangoModelPermissions):
    """Anyone may read; writing needs an authenticated user with the model permission."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return super().has_permission(request, view)
