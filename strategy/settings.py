"""Settings for the strategy tracker.

Everything that differs between a laptop and production comes from the environment,
and a bad value stops the start-up with a message rather than running half-configured.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as corsheaders_default_headers
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of at least {minimum}, not {raw!r}."
        )
    return value


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (set DEBUG=true for local development)."
        )
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "corsheaders",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    # Staff sign-in: the cool-off after failed attempts, and the admin's second factor.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "strategy",
    "governance",
    "targets",
    "propositions",
    # Last: the site, which composes the apps above (strategy/site/).
    "strategy.site",
]

MIDDLEWARE = [
    # First, so that the request log times everything below and sees every response.
    "strategy.site.middleware.RequestLogMiddleware",
    # The Content-Security-Policy header, then HSTS, nosniff and the Referrer-Policy (and the
    # redirect to https): above WhiteNoise, so that static files get them too, and CSP
    # above SecurityMiddleware, so that its redirects do.
    "csp.middleware.CSPMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files, compressed and cached for ever under their hashed names.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, with a write to an API address that lacks its trailing slash told so.
    "strategy.site.middleware.CommonMiddleware",
    # ETag on every GET, and 304 Not Modified when a partner already has the response.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Tells whether the signed-in user has also given their second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user on every history row.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a refused sign-in into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "strategy.site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "strategy.site.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "strategy.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # In production each worker keeps its connection (a new one costs more than most
        # requests' queries: bench/RESULTS.md), checked before reuse after a restart.
        conn_max_age=env_int("CONN_MAX_AGE", 0 if DEBUG else 600),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic writes; `make bench` points it at a temporary folder of its own.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Each process keeps the targets' standings and the rendered charts in memory
# (targets/standings.py, targets/views.py); their keys change with the data, so nothing
# is ever stale and nothing needs clearing. Room for every target of a large estate.
# "responses" keeps whole public responses in memory under the data version, which lives
# in "shared", a table in the database that every worker reads (strategy/data_version.py;
# migration 0005 creates the table).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20000, minimum=1)},
    },
    "responses": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "responses",
        "OPTIONS": {"MAX_ENTRIES": env_int("RESPONSE_CACHE_MAX_ENTRIES", 300, minimum=1)},
    },
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "shared_cache",
    },
}

# The strategy whose targets the home page shows.
PRIMARY_STRATEGY = os.environ.get("PRIMARY_STRATEGY", "north-east-sep")

# The REST API (DESIGN.md, "REST API contract (v1)").
API_ANON_RATE = os.environ.get("API_ANON_RATE", "120/minute")
API_MAX_PAGE_SIZE = 1000

REST_FRAMEWORK = {
    # Deny by default: every view says who may do what; reading published data is open.
    "DEFAULT_PERMISSION_CLASSES": ["strategy.site.api.permissions.ReadOrModelPermissions"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an anonymous write is told how to authenticate (401).
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        # No BrowsableAPIRenderer: its pages need inline styles that the
        # Content-Security-Policy refuses, and /api/docs/ is the browsable reference.
        "strategy.site.api.csv.CSVRenderer",
    ],
    # An unknown ?format= is a 400 naming the parameter, not DRF's 404.
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "strategy.site.api.errors.ContentNegotiation",
    "DEFAULT_PAGINATION_CLASS": "strategy.site.api.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": [
        # First: an unknown parameter, or a value too long to be a filter, is refused
        # before any filter reads it.
        "strategy.filters.QueryLimits",
        "django_filters.rest_framework.DjangoFilterBackend",
        "strategy.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Figures are JSON numbers, not strings.
    "COERCE_DECIMAL_TO_STRING": False,
    "EXCEPTION_HANDLER": "strategy.site.api.errors.exception_handler",
}

# The published data's licence, named by the API's root, the schema and every download.
DATA_LICENCE = {
    "name": "Open Government Licence v3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
# The attribution statement the licence asks re-users to give.
DATA_ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0."
)

SPECTACULAR_SETTINGS = {
    "TITLE": "Strategy tracker API",
    "DESCRIPTION": (
        "Targets, official figures, published assessments, propositions and governance of "
        "the strategies held. Anyone may read published data; lists answer ?format=csv.\n\n"
        f"The data is under the {DATA_LICENCE['name']} ({DATA_LICENCE['url']}). "
        "Cite it as: Strategy tracker API, <the API's address> (accessed <date>). "
        + DATA_ATTRIBUTION
    ),
    "LICENSE": DATA_LICENCE,
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # validatorUrl None: no badge fetched from validator.swagger.io, which would tell a
    # third party our schema's address and break the Content-Security-Policy (img-src).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Writes are documented as JSON, the one body that can say `null`; DRF's form parsers
    # still read a form, but a form cannot send every value the JSON schema allows.
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    "ENUM_NAME_OVERRIDES": {
        "StateEnum": "targets.models.Publishable.State",
        "TargetKindEnum": "targets.models.Target.Kind",
        "StatusEnum": "targets.progress.STATUSES",
        "StatusBasisEnum": "targets.progress.BASES",
        "PropositionStatusEnum": "propositions.models.Proposition.Status",
        "DatePrecisionEnum": "strategy.models.DatePrecision",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "strategy.site.api.schema.declare_error_responses",
        "strategy.site.api.schema.declare_request_bodies",
        "strategy.site.api.schema.declare_nulls_strictly",
        "strategy.site.api.schema.declare_csv_responses",
        "strategy.site.api.schema.declare_csv_parameters",
        "strategy.site.api.schema.declare_query_limits",
    ],
}

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
# Headers a partner's script may read besides the safelisted ones (Last-Modified is one):
# the ETag to poll with, how long to wait after a 429, a download's file name, the licence.
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "Content-Disposition", "Link"]
# A script may poll conditionally, sending back the ETag it was given.
CORS_ALLOW_HEADERS = [*corsheaders_default_headers, "if-none-match"]
# How long browsers and shared caches may reuse an anonymous read of the API. Short: a
# published figure then reaches every reader within a minute.
API_CACHE_SECONDS = 60

# Serving in production and the security headers (README, "Running in production"):
# gunicorn behind a proxy that terminates TLS. Every default is the safe one when DEBUG is
# off; DEBUG (local development and the tests) keeps plain http and unhashed static names.

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed files under hashed names, cached for ever, once collectstatic has run.
    # With DEBUG, files come straight from the apps' folders, as runserver and the tests'
    # live_server serve them (the manifest would not know their plain names).
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The proxy says the visitor came over https in X-Forwarded-Proto. Trust it only behind a
# proxy that sets that header on every request (replacing what the client sent): anyone
# who can reach gunicorn directly could claim https.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Off only where the proxy itself redirects http to https.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Browsers sent this (over https only) keep to https for a year, subdomains included, and
# the domain may be submitted to the browsers' preload list.
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
# No script reads the CSRF cookie: forms carry the token, and the API docs get it rendered.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Origins (scheme and host) other than the site's own from which a signed-in officer's form
# may be posted, e.g. when the proxy changes the Host header.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS must list origins such as https://tracker.example.org, "
            f"not {_origin!r}."
        )

# Only our own scripts, styles and images; no inline script or style anywhere, no plugins,
# no framing. Applied with DEBUG too, so that `make run` and the tests see what production
# sends.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Swagger UI's stylesheet (/api/docs/) draws its icons as data: URLs.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Staff sign-in (README, "Staff sign-in"): a timed cool-off after failed attempts
# (django-axes), the admin's second factor (django-otp, TOTP), and a log of sign-ins.

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out sign-in is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AXES_FAILURE_LIMIT = 10
# Never a permanent lock: the lock lifts by itself this long after the tenth failure.
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("SIGN_IN_COOLOFF_MINUTES", 15, minimum=1))
# A refused attempt during the cool-off does not restart it, so the wait shown holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The lock is on a user name from one address: an attacker elsewhere cannot lock a
# colleague out, and cannot try one user's password from an address that is locked.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "strategy.site.signin.locked_out"
# Attempts are stored with their form data: keep the code and the CSRF token out of it, as
# axes already does for the password.
AXES_SENSITIVE_PARAMETERS = ["otp_token", "csrfmiddlewaretoken"]

# How many proxies in front of the site add the address they were reached from to
# X-Forwarded-For. 0: nobody, the client's address is the connection's (REMOTE_ADDR).
# N: the client is the Nth address from the right of X-Forwarded-For; anything further
# left was sent by the client itself and is ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if TRUSTED_PROXY_COUNT else ("REMOTE_ADDR",)
)
AXES_IPWARE_PROXY_ORDER = "left-most"
# django-ipware counts the proxies named in the header after the client; the last proxy,
# the one that connects to us, is not among them.
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1 if TRUSTED_PROXY_COUNT else None
# A header with more entries than the proxies (a client's own X-Forwarded-For) still
# gives the address at the trusted position, rather than falling back to the proxy's.
IPWARE_STRICT = False

# On by default in production; `make run` and the tests sign in with a password only.
OTP_REQUIRED = env_bool("OTP_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Strategy tracker"
# An officer's secret key is shown once, when the device is made, never again in the admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Logging goes to stderr, where gunicorn and the host collect it. Each part of the site adds
# its own formatters, handlers and loggers to this dictionary in its own block.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {},
    "handlers": {},
    "loggers": {},
}

# The sign-in log (strategy/site/signin.py): who signed in, out or failed, from which address;
# never a password, a code or a session key.
LOGGING["formatters"]["signin"] = {"format": "{asctime} {levelname} {name} {message}", "style": "{"}
LOGGING["handlers"]["signin"] = {"class": "logging.StreamHandler", "formatter": "signin"}
LOGGING["loggers"]["strategy.signin"] = {
    "handlers": ["signin"],
    "level": "INFO",
    "propagate": False,
}

# The request log (strategy/site/middleware.py): one JSON line per request, with its time,
# method, path and query string, status, duration, size, client address and user id;
# never a header, a cookie or a body. On when DEBUG is off; REQUEST_LOG=false turns it off.
REQUEST_LOG = env_bool("REQUEST_LOG", not DEBUG)
LOGGING["formatters"]["json"] = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(levelname)s %(name)s %(message)s",
    "timestamp": "time",
}
LOGGING["handlers"]["requests"] = {"class": "logging.StreamHandler", "formatter": "json"}
LOGGING["loggers"]["strategy.requests"] = {
    "handlers": ["requests"],
    "level": "INFO" if REQUEST_LOG else "WARNING",
    "propagate": False,
}
# The balancer checks /healthz over plain http, straight to gunicorn: it must get an answer
# there, not the redirect to https.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
