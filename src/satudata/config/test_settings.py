"""Settings for the test suite: a throw-away data folder and jobs that run inline."""

import os
import tempfile

os.environ.setdefault("SATUDATA_DATA_DIR", tempfile.mkdtemp(prefix="satudata-test-"))
os.environ.setdefault("SATUDATA_JOBS_IMMEDIATE", "true")
os.environ.setdefault("SATUDATA_SECRET_KEY", "test-secret-key-not-for-production-use-0123456789")

from satudata.config.settings import *  # noqa: F403
from satudata.config.settings import STATIC_ROOT

STATIC_ROOT.mkdir(parents=True, exist_ok=True)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
API_RATE_ANON = ""
