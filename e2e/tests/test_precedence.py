"""Defaults < config file < environment < flags, observed on the ports the real server listens on."""

from harness.sundial_server import free_port, http_status


def answering(ports) -> list:
    return [port for port in ports if _answers(port)]


def _answers(port: int) -> bool:
    try:
        return http_status(f"http://127.0.0.1:{port}/ping", timeout=0.5) == 204
    except OSError:
        return False


def test_environment_beats_the_file_and_flags_beat_both(make_server, tmp_path):
    file_port, env_port, flag_port = free_port(), free_port(), free_port()
    config = tmp_path / "sundial.conf"
    config.write_text(f'[store]\nbind-address = "127.0.0.1:{file_port}"\n')
    env = {"SUNDIAL_STORE_BIND_ADDRESS": f"127.0.0.1:{env_port}"}

    from_env = make_server("env", env=env, store_port=env_port, address_flags=("tasks", "control"))
    from_env.extra_args = ["--config", str(config)]
    from_env.start()
    assert answering([file_port, env_port]) == [env_port]
    from_env.stop()

    from_flag = make_server("flag", env=env, store_port=flag_port)
    from_flag.extra_args = ["--config", str(config)]
    from_flag.start()
    assert answering([file_port, env_port, flag_port]) == [flag_port]


def test_chronograf_host_and_port_variables_move_the_control_plane(make_server):
    port = free_port()
    server = make_server(env={"HOST": "127.0.0.1", "PORT": str(port)}, control_port=port, address_flags=("store", "tasks"))
    server.start()
    assert http_status(f"http://127.0.0.1:{port}/chronograf/v1/") == 200
