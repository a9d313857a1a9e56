"""gunicorn settings for Sơ kết GNBV: `gunicorn -c gunicorn.conf.py "webapp:create_app()"`.

Everything here can be overridden on the command line (--bind, --workers...). The app keeps no
state in process memory, so any number of workers behave as one.
"""
import os

import gunicorn.http.wsgi

bind = os.environ.get("GNBV_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GNBV_WORKERS", "2"))
# SQLite or PostgreSQL calls block: a few threads per worker keep a slow page from holding one.
threads = int(os.environ.get("GNBV_THREADS", "4"))
timeout = 120  # PDF conversion of a long document
accesslog = "-"

# The Server header names neither the server software nor its version. gunicorn has no setting
# for it; the header's value is this module constant (gunicorn/http/wsgi.py, Response.version).
gunicorn.http.wsgi.SERVER = "GNBV"
