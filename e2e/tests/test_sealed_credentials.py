"""With `[control] credentials-key-file` (a key kept outside the data directory), connection passwords are sealed in
`control.sqlite`: the file holds no password in clear, the connections keep working across a restart, and a start
without the key stops with the reason instead of failing later."""

import base64
import os
import subprocess

import requests


def test_connection_passwords_are_sealed_at_rest(make_server, sundial_binary, tmp_path):
    key = tmp_path / "keys" / "credentials.key"
    key.parent.mkdir()
    key.write_text(base64.b64encode(os.urandom(32)).decode())
    config = tmp_path / "sealed.conf"
    config.write_text(f'[store]\n  auth-enabled = true\n[control]\n  credentials-key-file = "{key}"\n')
    data = tmp_path / "data"
    server = make_server(data_dir=data, extra_args=["--config", str(config)]).start()
    assert requests.post(f"{server.store_url}/query",
                         params={"q": "CREATE USER root WITH PASSWORD 'sealed-pw-1' WITH ALL PRIVILEGES"}).status_code == 200
    created = requests.post(f"{server.control_url}/chronograf/v1/sources",
                            json={"name": "store", "url": server.store_url, "username": "root", "password": "sealed-pw-1"})
    assert created.status_code == 201, created.text
    source = created.json()
    server.stop()
    assert b"sealed-pw-1" not in (data / "control.sqlite").read_bytes()

    server = make_server("again", data_dir=data, extra_args=["--config", str(config)], store_port=server.store_port,
                         tasks_port=server.tasks_port, control_port=server.control_port).start()
    databases = requests.get(f"{server.control_url}{source['links']['databases']}")
    assert databases.status_code == 200, databases.text
    server.stop()

    plain = tmp_path / "plain.conf"
    plain.write_text("[store]\n  auth-enabled = true\n")
    result = subprocess.run([sundial_binary, "serve", "--config", str(plain), "--data-dir", str(data),
                             "--store-bind-address", "127.0.0.1:0", "--tasks-bind-address", "127.0.0.1:0",
                             "--control-bind-address", "127.0.0.1:0"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "control.sqlite holds sealed credentials: configure [control] credentials-key-file" in result.stderr, result.stderr
