"""Sign-in for the control plane: with a token secret and a generic OAuth 2.0 provider configured, every
/chronograf/v1 route but discovery needs a session, which the OAuth login (authorization code with PKCE, against a
stand-in provider) sets as a signed `session` cookie; logout ends it. Without sign-in configured nothing changes."""

import http.client
import subprocess

import pytest
import requests

from harness.browser import Page, start_browser


@pytest.fixture
def signed_in_server(make_server, provider, tmp_path):
    config = tmp_path / "sundial.conf"
    config.write_text(provider.config())
    return make_server(extra_args=["--config", str(config)]).start()


def test_the_api_needs_a_session_which_oauth_login_gives(signed_in_server, provider):
    base = signed_in_server.control_url
    assert requests.get(base + "/chronograf/v1/sources").status_code == 403
    assert requests.get(base + "/chronograf/v1/me").status_code == 403
    discovery = requests.get(base + "/chronograf/v1/").json()
    assert discovery["auth"] == [{"name": "generic", "label": "Generic", "login": "/oauth/generic/login",
                                  "logout": "/oauth/generic/logout", "callback": "/oauth/generic/callback",
                                  "redirectLogin": False}]
    assert discovery["logout"] == "/oauth/logout"

    session = requests.Session()
    landed = session.get(base + "/oauth/generic/login")
    assert landed.status_code == 200 and landed.url == base + "/", "the login ends on the UI"
    authorize = next(query for path, query in provider.requests if path == "/authorize")
    assert authorize["code_challenge_method"] == "S256" and authorize["client_id"] == "sundial"
    assert authorize["redirect_uri"] == base + "/oauth/generic/callback"
    assert "session" in session.cookies
    assert session.get(base + "/chronograf/v1/sources").status_code == 200
    me = session.get(base + "/chronograf/v1/me").json()
    assert me["name"] == "ada@example.com" and me["scheme"] == "oauth2"

    forged = session.cookies["session"][:-2] + ("AA" if not session.cookies["session"].endswith("AA") else "BB")
    assert requests.get(base + "/chronograf/v1/sources", cookies={"session": forged}).status_code == 403

    bad_state = requests.get(base + "/oauth/generic/callback", params={"code": "x", "state": "bogus"}, allow_redirects=False,
                             cookies={"sundial-oauth-verifier": "v"})
    assert bad_state.status_code == 307 and bad_state.headers["Location"] == "/login?error=invalid%20state"
    # A session token is signed with the same secret: it must not pass for a login's state.
    stolen = requests.get(base + "/oauth/generic/callback", params={"code": "x", "state": session.cookies["session"]},
                          allow_redirects=False, cookies={"sundial-oauth-verifier": "v"})
    assert stolen.headers["Location"] == "/login?error=invalid%20state"

    out = session.get(base + "/oauth/generic/logout", allow_redirects=False)
    assert out.status_code == 307 and "Max-Age=0" in out.headers["Set-Cookie"]
    session.cookies.clear()
    assert session.get(base + "/chronograf/v1/sources").status_code == 403
    assert "s3cret" not in signed_in_server.log(), "the client secret is never logged"


def test_no_spelling_of_a_private_path_skips_the_session(signed_in_server):
    """Decided on the path as the router reads it: doubled slashes, dot segments, a trailing slash, percent-encoding
    and climbing out of a public directory all still need a session."""
    variants = ["//chronograf/v1/sources", "/chronograf//v1/sources", "/./chronograf/v1/sources", "/chronograf/v1/./sources",
                "/chronograf/v1/sources/", "/chronograf/v1/%73ources", "/%63hronograf/v1/sources", "/ui/../chronograf/v1/sources",
                "/ui/%2e%2e/chronograf/v1/sources", "//chronograf/v1/sources/1/proxy?query=SHOW+DATABASES",
                "/CHRONOGRAF/v1/sources", "/chronograf/v1/me"]
    for path in variants:
        connection = http.client.HTTPConnection("127.0.0.1", signed_in_server.control_port, timeout=5)
        connection.request("GET", path)
        status = connection.getresponse().status
        connection.close()
        assert status in (403, 404), f"{path}: {status}"
    connection = http.client.HTTPConnection("127.0.0.1", signed_in_server.control_port, timeout=5)
    connection.request("GET", "//chronograf/v1/")
    assert connection.getresponse().status == 200, "discovery stays public"


def test_sign_in_needs_a_whole_provider(sundial_binary, tmp_path, provider):
    alone = tmp_path / "alone.conf"
    alone.write_text('[control]\n  token-secret = "x"\n')
    result = subprocess.run([sundial_binary, "check-config", str(alone)], capture_output=True, text=True)
    assert result.returncode != 0 and "token secret without oauth config is invalid" in result.stdout + result.stderr
    partial = tmp_path / "partial.conf"
    partial.write_text('[control]\n  token-secret = "x"\n  generic-client-id = "id"\n  generic-auth-url = "http://a"\n')
    result = subprocess.run([sundial_binary, "check-config", str(partial)], capture_output=True, text=True)
    assert "missing Generic oauth setting[s]: client secret, token url" in result.stdout + result.stderr


def test_the_ui_shows_the_login_page_and_signs_in(signed_in_server):
    driver = start_browser()
    try:
        page = Page(driver)
        driver.get(signed_in_server.control_url + "/")
        page.text_appears("Log in to Sundial", "h1")
        page.button("Log in with Generic").click()
        page.text_appears("Configuration", "h1")
        page.text_appears("ada@example.com", ".account")
        page.button("Log out").click()
        page.text_appears("Log in to Sundial", "h1")
    finally:
        driver.quit()
