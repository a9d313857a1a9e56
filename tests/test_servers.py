"""The app as README serves it: waitress and gunicorn do not name themselves in the Server
header, and a server started without a real secret key refuses to start."""
import http.client
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from waitress.adjustments import Adjustments
from waitress.server import create_server

from webapp import create_app

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SOFTWARE = ("waitress", "gunicorn", "werkzeug", "python")


def _get(port: int, path: str = "/healthz") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response
    finally:
        connection.close()


def _names_software(response) -> list[str]:
    return [f"{k}: {v}" for k, v in response.getheaders()
            if any(name in v.lower() for name in SOFTWARE)]


def test_waitress_with_readme_options_sends_no_server_header(app_config):
    app = create_app(app_config)
    # The options exactly as README and scripts/run-demo give them to waitress-serve.
    options, _ = Adjustments.parse_args(["--ident=", "--listen=127.0.0.1:0"])
    options.pop("help"), options.pop("call")
    server = create_server(app, **options)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        response = _get(server.effective_port)
        assert response.status == 200
        assert response.getheader("Server") is None
        assert _names_software(response) == []
        missing = _get(server.effective_port, "/khong-co-trang-nay")
        assert missing.status == 404 and _names_software(missing) == []
    finally:
        # Closed from the server's own loop thread (closing its socket from here races the
        # loop's select): the loop ends when nothing is left in its map.
        server.trigger.pull_trigger(lambda: [d.close() for d in list(server._map.values())])
        thread.join(timeout=10)
        server.task_dispatcher.shutdown()
        assert not thread.is_alive()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GNBV_", "FLASK_", "TEST_DATABASE"))}
    env.update({"GNBV_DATABASE_URL": f"sqlite:///{tmp_path / 'server.sqlite3'}",
                "GNBV_UPLOAD_FOLDER": str(tmp_path / "uploads")}, **extra)
    return env


@pytest.mark.skipif(shutil.which("gunicorn", path=str(BIN)) is None,
                    reason="gunicorn is not installed (Windows)")
def test_gunicorn_with_the_shipped_config_does_not_name_itself(tmp_path):
    port = _free_port()
    env = _server_env(tmp_path, GNBV_SECRET_KEY=secrets.token_hex(32))
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "webapp:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = _get(port)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(process.stderr.read().decode()[-2000:]) from None
                time.sleep(0.2)
        assert response.status == 200
        assert _names_software(response) == []
        assert response.getheader("Server") == "GNBV"
    finally:
        process.terminate()
        process.wait(timeout=20)
        process.stderr.close()


def test_waitress_serve_without_a_secret_key_refuses_to_start(tmp_path):
    """README's production line with GNBV_SECRET_KEY forgotten (and GNBV_PRODUCTION unset)."""
    result = subprocess.run(
        [str(BIN / "waitress-serve"), f"--listen=127.0.0.1:{_free_port()}", "--ident=",
         "--call", "webapp:create_app"],
        cwd=ROOT, env=_server_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "InsecureSecretKey" in result.stderr and "GNBV_SECRET_KEY" in result.stderr
