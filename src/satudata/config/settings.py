"""Django settings. Every value a deployment may change is read from a SATUDATA_* variable
(documented in the README); nothing else needs editing."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from satudata.config.env import data_dir, env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()

DEBUG = env_bool("DEBUG", False)
DEMO = env_bool("DEMO", False)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    from satudata.platform.storage import local_secret_key

    SECRET_KEY = local_secret_key(DATA_DIR)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Satu Data Kota Tangerang")
# A MapLibre style URL for the maps' basemap (e.g. a self-hosted OpenStreetMap style); empty:
# the maps draw the boundaries on a plain background, fetching nothing from elsewhere.
MAP_BASEMAP_STYLE = env_str("MAP_BASEMAP_STYLE", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "huey.contrib.djhuey",
    "ninja",
    "satudata.platform",
    "satudata.apps.accounts",
    "satudata.apps.registry",
    "satudata.apps.catalog",
    "satudata.apps.monitoring",
    "satudata.apps.portal",
    "satudata.apps.search",
    "satudata.apps.usage",
    "satudata.apps.codelists",
    "satudata.apps.standards",
    "satudata.apps.consistency",
    "satudata.apps.interop",
    "satudata.apps.harvest",
    "satudata.apps.webhooks",
    "satudata.apps.geo",
    "satudata.apps.statistics",
    "satudata.apps.indicators",
    "satudata.apps.epss",
    "satudata.apps.helpdesk",
    "satudata.apps.bigdata",
    "satudata.apps.demo",
]

MIDDLEWARE = [
    "satudata.platform.timing.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "satudata.platform.middleware.FriendlyErrorsMiddleware",
    "axes.middleware.AxesMiddleware",
    "satudata.apps.usage.middleware.UsageMiddleware",
]

ROOT_URLCONF = "satudata.config.urls"
WSGI_APPLICATION = "satudata.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "satudata.platform.context.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'satudata.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "catalog:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = DATA_DIR / "files"
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 200) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None
DUCKDB_MEMORY_LIMIT = env_str("DUCKDB_MEMORY_LIMIT", "1GB")
DUCKDB_THREADS = env_int("DUCKDB_THREADS", 2)
QUERY_TIMEOUT = env_int("QUERY_TIMEOUT", 5)
QUERY_THREADS = env_int("QUERY_THREADS", DUCKDB_THREADS)
QUERY_CACHE_ENTRIES = env_int("QUERY_CACHE_ENTRIES", 256)
QUERY_COPIES = env_bool("QUERY_COPIES", True)
# Copies of versions no longer published are removed after this many days unused; the copies
# together are kept under this many MB (0: no limit), least recently used removed first.
QUERY_COPIES_KEEP_DAYS = env_int("QUERY_COPIES_KEEP_DAYS", 7)
QUERY_COPIES_MAX_MB = env_int("QUERY_COPIES_MAX_MB", 0)
EXPORT_TIMEOUT = env_int("EXPORT_TIMEOUT", 300)
BACKGROUND_INGEST_BYTES = env_int("BACKGROUND_INGEST_MB", 5) * 1024 * 1024
# Catalog search: each web process keeps the visible catalog and recent matches in memory, rebuilt
# when the index changes and at the latest after this many seconds (use counts, other edits).
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 60)

# Usage counting (views, downloads, API calls per dataset and day; nothing about the visitor):
# counters are held in each process and written every few seconds or every so many hits.
USAGE_COUNTING = env_bool("USAGE_COUNTING", True)
USAGE_FLUSH_SECONDS = env_int("USAGE_FLUSH_SECONDS", 5)
USAGE_FLUSH_HITS = env_int("USAGE_FLUSH_HITS", 200)

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST", "")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("EMAIL_FROM", "Satu Data <noreply@localhost>")

REDIS_URL = env_str("REDIS_URL", "")
JOBS_IMMEDIATE = env_bool("JOBS_IMMEDIATE", False)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "satudata",
        "url": REDIS_URL,
        "immediate": JOBS_IMMEDIATE,
        "consumer": {"workers": env_int("JOB_WORKERS", 2), "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "satudata",
        "filename": str(DATA_DIR / "jobs.sqlite3"),
        "immediate": JOBS_IMMEDIATE,
        "consumer": {"workers": env_int("JOB_WORKERS", 2), "worker_type": "thread"},
    }

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "satudata",
        }
    }
else:
    # Rendered fragments (dataset cards, facets, version tables) of one process.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# Requests per window for API clients that are not signed in ("120/minute"; "0" or "" disables).
API_RATE_ANON = env_str("API_RATE_ANON", "120/minute")
# Proxies in front of the app whose X-Forwarded-For entries are trusted for the client address.
API_TRUSTED_PROXIES = env_int("API_TRUSTED_PROXIES", 0)
# Hosts and networks ("intranet.kota.go.id", "10.20.0.0/16") that harvest sources and webhooks
# may reach although they are private or local; every other such address must be public.
OUTBOUND_ALLOW = env_list("OUTBOUND_ALLOW", [])
# The kode wilayah of the portal's own area (its kecamatan are offered as cakupan wilayah).
WILAYAH = env_str("WILAYAH", "36.71")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
