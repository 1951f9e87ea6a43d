"""Settings for the Aksi Konvergensi portal, read from environment variables.

Safe local defaults make `make run` work on a fresh machine: SQLite under var/, Celery
eager (no broker). A bare `manage.py` has DEBUG on (the developer's tool); every served
product turns it off: `make run` (DJANGO_DEBUG=0 unless `make run DEBUG=1`) and Docker.
Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DATABASE_URL, REDIS_URL and, behind
HTTPS, DJANGO_HTTPS=1 (docs/operations.md); with DEBUG off a missing secret key fails
fast, except in the embedded demo (AKSI_EMBEDDED=1, set by `make run`), which keeps a
generated one in var/.
"""
import os
import secrets
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("AKSI_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # SQLite database, demo logins, local media



def _kunci_tersimpan(berkas: Path) -> str:
    """The embedded demo's secret key: generated once into `berkas` (mode 0600, never committed:
    var/ is git-ignored) and read back on every later start, so sessions survive a restart."""
    try:
        fd = os.open(berkas, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return berkas.read_text().strip()
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_urlsafe(50))
    return berkas.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG", True)
# The embedded demo (`make run`): with DEBUG off it keeps a generated secret key in var/ and
# WhiteNoise serves static files straight from their source folders (no collectstatic step).
EMBEDDED = env_bool("AKSI_EMBEDDED", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"
    elif EMBEDDED:
        SECRET_KEY = _kunci_tersimpan(VAR_DIR / "secret_key")
    else:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (or use `make run`)")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our own static files, no CDN
    "guardian",
    "axes",
    "inti",
    "wilayah",
    "indikator",
    "aksi",
    "isian",
    "analisis",
    "musrenbang",
    "penandaan",
    "monev",
    "penilaian",
    "paparan",
    "publikasi",
    "pengaduan",
    "rad",
    "usulan",
    "pembinaan",
    "tahunan",
    "tugas",
    "notifikasi",
    "akun",
    "administrasi",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes must be last: it turns a lockout into a response.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Production serves collected static files itself (no extra proxy needed); the
    # development server serves them from STATICFILES_DIRS; the embedded demo through
    # WhiteNoise from the finders (collecting and compressing takes minutes on 2 cores).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
    WHITENOISE_USE_FINDERS = EMBEDDED

ROOT_URLCONF = "config.urls"
# The per-desa grid posts one field per (desa, item): ~60 items × up to ~200 desa.
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 20_000)
WSGI_APPLICATION = "config.wsgi.application"

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
                "tugas.context_processors.tugas",
                "notifikasi.context_processors.notifikasi",
                "administrasi.context_processors.administrasi",
            ],
            # |unlocalize everywhere: numbers that are identifiers (versi, pk) must never get
            # USE_THOUSAND_SEPARATOR's "1.000" inside hidden fields and attributes
            "builtins": ["django.templatetags.l10n"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'aksi.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before any other backend runs.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_VERBOSE = False

# django-guardian: no anonymous user row; object permissions on Wilayah carry the roles.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True  # also lets forms read "1.500.000"; years are shown with |stringformat:"d"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or EMBEDDED
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Source maps are read by developer tools only: not worth compressing at build time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br",
                                       "swf", "flv", "woff", "woff2", "3gp", "3gpp", "asf", "avi", "m4v", "mov", "mp4",
                                       "mpeg", "mpg", "webm", "wmv", "map")
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))

SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# HTTPS: the site is served over HTTPS by a reverse proxy that sets X-Forwarded-Proto (and
# strips it from clients). Then Django redirects plain HTTP and sends HSTS.
HTTPS = env_bool("DJANGO_HTTPS", False) and not DEBUG
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)  # one year
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

# Content-Security-Policy on every response (DEBUG too, so a violation shows up while
# developing and in the browser tests): scripts only from our static files or with the
# response's nonce; no inline event handlers (forms ask for confirmation through
# data-konfirmasi, static/js/portal.js). Style *elements* only from our files (htmx's own
# indicator style is off, templates/base.html); style *attributes* (progress bars) are
# allowed through style-src, which browsers without style-src-elem apply to both.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "style-src-elem": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap's icons are data: SVGs in its CSS
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Celery: Redis when REDIS_URL is set; otherwise tasks run eagerly in-process.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_TRACK_STARTED = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE = {
    # e-mails that failed (mail server down) are sent again until they go through
    "notifikasi-kirim-ulang": {"task": "notifikasi.kirim_ulang_surel", "schedule": 15 * 60},
    # reminders of closing windows (7, 3, 1 days) every morning; the supervisors' digest on Mondays
    "notifikasi-pengingat": {"task": "notifikasi.pengingat_harian", "schedule": crontab(hour=7, minute=0)},
    "notifikasi-ringkasan": {"task": "notifikasi.ringkasan_mingguan", "schedule": crontab(hour=7, minute=30, day_of_week=1)},
}
# a part untouched this many days is "idle" in the weekly digest
NOTIFIKASI_HARI_DIAM = env_int("NOTIFIKASI_HARI_DIAM", 14)

# E-mail: EMAIL_URL (smtp://user:password@host:587, smtps://... for implicit TLS; `smtp+tls`
# for STARTTLS) or Django's usual EMAIL_* variables; without either, mail is written to files
# under var/mail/ (the embedded demo), where `make run` says to look.
EMAIL_URL = env_str("EMAIL_URL")
if EMAIL_URL:
    from urllib.parse import unquote, urlsplit

    _surel = urlsplit(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _surel.hostname or "localhost"
    EMAIL_PORT = _surel.port or (465 if _surel.scheme == "smtps" else 25)
    EMAIL_HOST_USER = unquote(_surel.username or "")
    EMAIL_HOST_PASSWORD = unquote(_surel.password or "")
    EMAIL_USE_SSL = _surel.scheme == "smtps"
    EMAIL_USE_TLS = _surel.scheme == "smtp+tls"
elif env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Portal Aksi Konvergensi <noreply@aksi-konvergensi.local>")
# the portal's address in e-mails (links to the page to act on)
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "inti.api.Halaman",
    "PAGE_SIZE": 100,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "inti.renderers.CSVRenderer",
        "inti.renderers.XLSXRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "inti.api.PenggunaThrottle",
    ],
    # "off" disables a rate (load tests from one loopback address; never in production)
    "DEFAULT_THROTTLE_RATES": {
        "anon": None if env_str("API_THROTTLE_ANON", "120/min") == "off" else env_str("API_THROTTLE_ANON", "120/min"),
        "user": None if env_str("API_THROTTLE_USER", "1200/min") == "off" else env_str("API_THROTTLE_USER", "1200/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Aksi Konvergensi",
    "DESCRIPTION": (
        "Data aksi konvergensi stunting: wilayah, katalog indikator, rekap cakupan, nilai, "
        "penandaan anggaran, regulasi dan publikasi. Tanpa login hanya data yang sudah disetujui "
        "dan dipublikasikan; dengan token, sesuai lingkup wilayah pengguna. Tambahkan "
        "?format=csv atau ?format=xlsx untuk mengunduh daftar."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint and fontTools narrate every render at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
