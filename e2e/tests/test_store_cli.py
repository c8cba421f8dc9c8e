"""`sundial store setup | bucket create | token create` on a stopped server's data directory, then the tokens and
buckets they made used by the PyPI `influxdb-client` against the running server."""

import subprocess

import pytest
from influxdb_client import InfluxDBClient
from influxdb_client.client.write_api import SYNCHRONOUS
from influxdb_client.rest import ApiException


def store(binary, data_dir, *args):
    result = subprocess.run([binary, "store", *args, "--data-dir", str(data_dir)], capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout.strip(), result.stderr.strip()


def test_tokens_and_buckets_made_offline_work_online(make_server, sundial_binary, tmp_path):
    data_dir = tmp_path / "data"
    code, operator, _ = store(sundial_binary, data_dir, "setup", "--org", "acme", "--bucket", "telegraf")
    assert code == 0 and len(operator) == 86
    code, _, error = store(sundial_binary, data_dir, "setup", "--org", "again", "--bucket", "b")
    assert code == 1 and error == "sundial: onboarding has already been completed"
    code, out, _ = store(sundial_binary, data_dir, "bucket", "create", "--org", "acme", "--name", "metrics/weekly", "--retention", "168h")
    assert code == 0 and out.endswith("\tmetrics/weekly\tmetrics.weekly")
    code, writer, _ = store(sundial_binary, data_dir, "token", "create", "--org", "acme", "--write-bucket", "metrics/weekly")
    assert code == 0
    code, _, error = store(sundial_binary, data_dir, "token", "create", "--org", "acme", "--write-bucket", "nope")
    assert code == 1 and error == 'sundial: no bucket "nope" in organization acme'

    config = tmp_path / "sundial.conf"
    config.write_text("[store]\n  auth-enabled = true\n")
    server = make_server(data_dir=data_dir, extra_args=["--config", str(config)]).start()
    code, _, error = store(sundial_binary, data_dir, "token", "create", "--org", "acme", "--operator")
    assert code == 1 and "is in use by another sundial process" in error, "the CLI refuses a directory a server is using"

    with InfluxDBClient(url=server.store_url, token=writer, org="acme") as client:
        writes = client.write_api(write_options=SYNCHRONOUS)
        writes.write(bucket="metrics/weekly", record="mem used=1i")
        with pytest.raises(ApiException) as caught:
            writes.write(bucket="telegraf", record="mem used=1i")
        assert caught.value.status == 403
    with InfluxDBClient(url=server.store_url, token=operator, org="acme") as client:
        names = [bucket.name for bucket in client.buckets_api().find_buckets().buckets]
        assert names == ["telegraf", "metrics/weekly"]
