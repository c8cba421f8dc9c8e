"""Chronograf's GitHub-, Google- and Auth0-shaped sign-in, each against a stand-in provider on loopback
(harness/fake_oauth.py): the calls each makes (GitHub's primary verified address and every page of organizations,
Google's hosted domain, Auth0's organization), the restrictions each applies, the groups organization mappings
match, Auth0's super-admin organization, and several providers at once in Chronograf's order."""

import subprocess
from urllib.parse import parse_qs, urlparse

import requests

from harness.sundial_server import free_port

SECRET = "a-long-random-token-secret"


def start(make_server, tmp_path, text, **kwargs):
    config = tmp_path / "sundial.conf"
    config.write_text(text)
    return make_server(extra_args=["--config", str(config)], **kwargs).start()


def sign_in(server, route):
    """Follows the login to its end: a session on the UI, or the login page with the provider's refusal."""
    session = requests.Session()
    landed = session.get(f"{server.control_url}/oauth/{route}/login")
    return session, landed


def refusal(landed):
    return parse_qs(urlparse(landed.url).query).get("error", [""])[0]


def test_github_signs_in_with_the_primary_verified_address(make_server, provider, tmp_path):
    server = start(make_server, tmp_path, provider.github_config(organizations=["org11"]))
    provider.registered_callback = f"{server.control_url}/oauth/github/callback"
    session, landed = sign_in(server, "github")
    assert landed.url == server.control_url + "/", refusal(landed)
    authorize = next(query for path, query in provider.requests if path == "/login/oauth/authorize")
    assert authorize["scope"] == "user:email read:org" and "redirect_uri" not in authorize, authorize
    me = session.get(f"{server.control_url}/chronograf/v1/me").json()
    assert me["name"] == "ada@example.com" and me["provider"] == "github", me
    pages = [query["page"] for path, query in provider.requests if path == "/api/v3/user/orgs"]
    assert pages == ["1", "2"], "org11 is on the second page of ten"

    provider.github_orgs = ["elsewhere"]
    _, landed = sign_in(server, "github")
    assert landed.url.startswith(server.control_url + "/login") and refusal(landed) == "Not a member of required github organization"


def test_google_checks_the_hosted_domain_and_calls_back_to_the_public_url(make_server, provider, tmp_path):
    port = free_port()
    public = f"http://127.0.0.1:{port}"
    server = start(make_server, tmp_path, provider.google_config(public, domains=["example.com"]), control_port=port)
    session, landed = sign_in(server, "google")
    assert landed.url == server.control_url + "/", refusal(landed)
    authorize = next(query for path, query in provider.requests if path == "/o/oauth2/auth")
    assert authorize["redirect_uri"] == public + "/oauth/google/callback"
    assert authorize["scope"].split() == ["https://www.googleapis.com/auth/userinfo.email",
                                          "https://www.googleapis.com/auth/userinfo.profile"]
    assert session.get(f"{server.control_url}/chronograf/v1/me").json()["name"] == "ada@example.com"

    provider.hosted_domain = "gmail.example"
    _, landed = sign_in(server, "google")
    assert refusal(landed) == "Not in required domain"


def test_auth0_organizations_restrict_make_super_admins_and_map(make_server, provider, tmp_path):
    server = start(make_server, tmp_path, provider.auth0_config(organizations=["acme", "globex"], superadmin_org="acme"))
    api = f"{server.control_url}/chronograf/v1"
    ada, landed = sign_in(server, "auth0")
    assert landed.url == server.control_url + "/", refusal(landed)
    assert ada.get(f"{api}/me").json()["superAdmin"] is True, "the first person is a super admin in any case"
    organization = ada.post(f"{api}/organizations", json={"name": "Globex", "defaultRole": "viewer"}).json()
    mapping = {"id": "", "organizationId": organization["id"], "provider": "auth0", "scheme": "oauth2",
               "providerOrganization": "globex"}
    assert ada.post(f"{api}/mappings", json=mapping).status_code == 201

    provider.email, provider.organization = "bob@globex.example", "globex"
    bob, _ = sign_in(server, "auth0")
    bob_me = bob.get(f"{api}/me").json()
    assert "superAdmin" not in bob_me and {"name": "viewer", "organization": organization["id"]} in bob_me["roles"], bob_me

    provider.email, provider.organization = "cy@acme.example", "acme"
    cy, _ = sign_in(server, "auth0")
    assert cy.get(f"{api}/me").json()["superAdmin"] is True, "a member of auth0-superadmin-org is a super admin"

    provider.organization = "initech"
    _, landed = sign_in(server, "auth0")
    assert refusal(landed) == "not a member of the required organization"


def test_several_providers_at_once_in_chronografs_order(make_server, provider, tmp_path):
    text = provider.auth0_config() + "\n".join(provider.github_config().splitlines()[2:]) + "\n" + \
        "\n".join(provider.config().splitlines()[2:]) + "\n"
    server = start(make_server, tmp_path, text)
    discovery = requests.get(f"{server.control_url}/chronograf/v1/").json()
    assert [(entry["name"], entry["label"], entry["login"]) for entry in discovery["auth"]] == [
        ("github", "Github", "/oauth/github/login"), ("generic", "Generic", "/oauth/generic/login"),
        ("auth0", "Auth0", "/oauth/auth0/login")]
    _, landed = sign_in(server, "generic")
    assert landed.url == server.control_url + "/"
    out = requests.get(f"{server.control_url}/oauth/logout", allow_redirects=False)
    assert out.status_code == 307 and "Max-Age=0" in out.headers["Set-Cookie"]


def test_chronografs_environment_names_and_incomplete_providers(make_server, sundial_binary, provider, tmp_path):
    server = make_server(env={"TOKEN_SECRET": SECRET, "GH_CLIENT_ID": "id", "GH_CLIENT_SECRET": "gh-s3cret-value", "GH_URL": provider.url,
                              "GH_ORGS": "org1,org2"}).start()
    discovery = requests.get(f"{server.control_url}/chronograf/v1/").json()
    assert [entry["name"] for entry in discovery["auth"]] == ["github"]

    partial = tmp_path / "partial.conf"
    partial.write_text(f'[control]\n  token-secret = "{SECRET}"\n  google-client-id = "id"\n  google-client-secret = "s"\n'
                       '  auth0-client-id = "id"\n')
    result = subprocess.run([sundial_binary, "check-config", str(partial)], capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "missing Google oauth setting[s]: public url" in output and "missing Auth0 oauth setting[s]: client secret, domain" in output
    assert "gh-s3cret-value" not in server.log(), "no secret in the log"
