"""`sundial check-config` and `sundial config` on good and bad files, as a user runs them."""

import os
import subprocess
import textwrap


def run(binary, *args, env=None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("KAPACITOR_", "SUNDIAL_"))}
    environment.update(env or {})
    return subprocess.run([binary, *args], capture_output=True, text=True, env=environment, timeout=30)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


GOOD = """\
    hostname = "localhost"
    data_dir = "/var/lib/kapacitor"

    [http]
      bind-address = ":9092"
      shared-secret = "jwt-signing-secret"

    [[influxdb]]
      enabled = true
      default = true
      name = "localhost"
      urls = ["http://localhost:8086"]
      username = "kapacitor"
      password = "hunter2"
      timeout = 0
      [influxdb.excluded-subscriptions]
        _kapacitor = ["autogen"]

    [smtp]
      enabled = false
      password = "mail-secret"
    """


def test_check_config_accepts_a_kapacitor_conf(sundial_binary, tmp_path):
    result = run(sundial_binary, "check-config", str(write(tmp_path, "good.conf", GOOD)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "ok\n"


def test_check_config_lists_every_error_with_its_line(sundial_binary, tmp_path):
    bad = """\
        data_dir = 5
        [http]
          bind-adress = ":9092"
        [[influxdb]]
          name = "a"
          default = true
          urls = "http://x"
        """
    result = run(sundial_binary, "check-config", str(write(tmp_path, "bad.conf", bad)))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "line 1: data_dir: expected a string, got 5",
        'line 3: warning: [http] bind-adress: unknown key, ignored (did you mean "bind-address"?)',
        'line 7: [[influxdb]] urls: expected an array of strings, got "http://x"',
    ]


def test_check_config_reports_toml_syntax_errors_with_position(sundial_binary, tmp_path):
    result = run(sundial_binary, "check-config", str(write(tmp_path, "syntax.conf", "[http]\nbind-address = \n")))
    assert result.returncode == 1
    assert result.stdout.startswith("line 2, column 16: invalid TOML:")


def test_check_config_on_a_missing_file(sundial_binary, tmp_path):
    result = run(sundial_binary, "check-config", str(tmp_path / "absent.conf"))
    assert result.returncode == 1
    assert f"{tmp_path / 'absent.conf'}: cannot read the config file" in result.stdout


def test_unknown_keys_only_warn(sundial_binary, tmp_path):
    result = run(sundial_binary, "check-config", str(write(tmp_path, "warn.conf", "[store]\ncolour = 1\n")))
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["line 2: warning: [store] colour: unknown key, ignored", "ok"]


def test_config_prints_effective_values_with_secrets_masked(sundial_binary, tmp_path):
    path = write(tmp_path, "good.conf", GOOD)
    result = run(sundial_binary, "config", "--config", str(path), env={"KAPACITOR_INFLUXDB_0_URLS_0": "http://remote:8086"})
    assert result.returncode == 0, result.stderr
    for secret in ("hunter2", "jwt-signing-secret", "mail-secret"):
        assert secret not in result.stdout
    assert 'password = "********"' in result.stdout
    assert 'urls = ["http://remote:8086"]' in result.stdout
    assert 'username = "kapacitor"' in result.stdout


def test_kapacitor_single_dash_config_flag(sundial_binary, tmp_path):
    path = write(tmp_path, "good.conf", GOOD)
    result = run(sundial_binary, "config", "-config", str(path))
    assert result.returncode == 0, result.stderr
    assert 'data_dir = "/var/lib/kapacitor"' in result.stdout


def test_serve_refuses_a_bad_config(sundial_binary, tmp_path):
    path = write(tmp_path, "bad.conf", "[http]\nlog-enabled = \"yes\"\n")
    result = run(sundial_binary, "serve", "--config", str(path), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 1
    assert 'line 2: [http] log-enabled: expected a boolean (true or false), got "yes"' in result.stderr
    assert not (tmp_path / "d").exists()


def test_serve_refuses_auth_nobody_could_use(sundial_binary, tmp_path):
    """[http] auth-enabled needs a way in (users or a shared secret); otherwise start-up stops, naming why."""
    path = write(tmp_path, "secured.conf", """\
        [http]
          auth-enabled = true
        """)
    result = run(sundial_binary, "serve", "--config", str(path), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "line 2: [http] auth-enabled: needs [auth] enabled = true (users) or shared-secret (signed tokens); nobody could sign in",
    ], result.stderr
    assert not (tmp_path / "d").exists()


def test_version_and_help(sundial_binary):
    assert run(sundial_binary, "version").stdout.startswith("Sundial ")
    help_text = run(sundial_binary, "--help").stdout
    for command in ("serve", "check-config", "config", "version"):
        assert command in help_text
    serve_help = run(sundial_binary, "serve", "--help").stdout
    assert "--data-dir" in serve_help and "--config" in serve_help
