from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "strategy.site"
    label = "site"
    verbose_name = "The site"

    def ready(self):
        # The sign-in log listens to Django's, django-axes's and django-otp's signals.
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
        from django_otp.forms import otp_verification_failed

        from strategy.site import response_cache, signin

        user_logged_in.connect(signin.log_signed_in, dispatch_uid="strategy.signin.in")
        user_logged_out.connect(signin.log_signed_out, dispatch_uid="strategy.signin.out")
        user_login_failed.connect(signin.log_sign_in_failed, dispatch_uid="strategy.signin.failed")
        user_locked_out.connect(signin.log_locked_out, dispatch_uid="strategy.signin.locked")
        otp_verification_failed.connect(signin.log_wrong_code, dispatch_uid="strategy.signin.code")

        # Any change to the published data gives the kept public responses a new version.
        response_cache.watch_published_models()
