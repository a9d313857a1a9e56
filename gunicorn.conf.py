"""gunicorn settings for Sơ kết GNBV: `gunicorn -c gunicorn.conf.py "webapp:create_app()"`.

Everything here can be overridden on the command line (--bind, --workers...). The app keeps no
state in process memory, so any number of workers behave as one.
"""
import gc
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


def post_worker_init(worker):
    """Once the app is loaded, its ~200,000 long-lived objects (modules, templates, compiled
    statements) leave the garbage collector's view: a full collection over them took 115-150 ms
    and fell on whichever request was running (measured by perf-home, 02/12/2026); after
    gc.freeze() it takes well under a millisecond."""
    gc.freeze()
