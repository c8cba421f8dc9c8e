"""Chronograf's users and roles with sign-in on: the first person to sign in becomes a super admin, everyone after
gets the default organization's default role (`member`), and each route needs the role Chronograf 1.10 asks for —
a member cannot list sources, a viewer can but cannot create one, an editor can; only super admins manage users and
`/config/auth`."""

import requests


def sign_in(server, provider, email) -> requests.Session:
    provider.email = email
    session = requests.Session()
    assert session.get(f"{server.control_url}/oauth/generic/login").status_code == 200
    return session


def start(make_server, provider, tmp_path):
    """A server with sign-in through `provider`, its API base, and the first person signed in (a super admin)."""
    config = tmp_path / "sundial.conf"
    config.write_text(provider.config())
    server = make_server(extra_args=["--config", str(config)]).start()
    return server, f"{server.control_url}/chronograf/v1", sign_in(server, provider, "ada@example.com")


def test_roles_decide_what_each_user_may_do(make_server, provider, tmp_path):
    server, api, ada = start(make_server, provider, tmp_path)
    me = ada.get(f"{api}/me").json()
    assert me["superAdmin"] is True and me["roles"] == [{"name": "member", "organization": "default"}], me
    source = {"name": "store", "url": server.store_url, "type": "influx"}
    assert ada.post(f"{api}/sources", json=source).status_code == 201

    bob = sign_in(server, provider, "bob@example.com")
    bob_me = bob.get(f"{api}/me").json()
    assert "superAdmin" not in bob_me and bob_me["roles"] == [{"name": "member", "organization": "default"}], bob_me
    denied = bob.get(f"{api}/sources")
    assert denied.status_code == 403 and denied.json() == {"code": 403, "message": "User is not authorized"}
    assert bob.get(f"{api}/env").status_code == 200
    assert bob.get(f"{api}/users").status_code == 403
    assert bob.get(f"{api}/config/auth").status_code == 403

    user = f"{api}/users/{bob_me['id']}"
    for role, can_list, can_create in (("viewer", True, False), ("editor", True, True)):
        changed = ada.patch(user, json={"roles": [{"name": role, "organization": "default"}]})
        assert changed.status_code == 200 and changed.json()["roles"] == [{"name": role, "organization": "default"}], changed.text
        assert (bob.get(f"{api}/sources").status_code == 200) == can_list, role
        created = bob.post(f"{api}/sources", json={**source, "name": f"by-{role}"})
        assert (created.status_code == 201) == can_create, (role, created.text)
    assert bob.patch(user, json={"roles": [{"name": "admin", "organization": "default"}], "superAdmin": True}).status_code == 403

    # An admin of an organization adds people to it before they sign in; nobody else's sources show there.
    org = ada.post(f"{api}/organizations", json={"name": "ops", "defaultRole": "viewer"}).json()
    assert ada.put(f"{api}/me", json={"organization": org["id"]}).status_code == 200
    added = ada.post(f"{api}/organizations/{org['id']}/users",
                     json={"name": "dan@example.com", "provider": "generic", "scheme": "oauth2",
                           "roles": [{"name": "*", "organization": org["id"]}]})
    assert added.status_code == 201 and added.json()["roles"] == [{"name": "viewer", "organization": org["id"]}], added.text
    assert added.headers["Location"] == f"/chronograf/v1/organizations/{org['id']}/users/{added.json()['id']}"
    assert ada.get(f"{api}/sources").json()["sources"] == [], "the new organization has no sources yet"
    other = ada.get(f"{api}/sources/1")
    assert other.status_code == 404, "a source of another organization is not found by id"
    ada.put(f"{api}/me", json={"organization": "default"})

    listed = ada.get(f"{api}/users").json()["users"]
    assert [u["name"] for u in listed] == ["ada@example.com", "bob@example.com", "dan@example.com"]
    assert ada.get(f"{api}/config/auth").json() == {"links": {"self": "/chronograf/v1/config/auth"}, "superAdminNewUsers": False}
    assert ada.put(f"{api}/config/auth", json={"superAdminNewUsers": True}).json()["superAdminNewUsers"] is True
    carol = sign_in(server, provider, "carol@example.com")
    assert carol.get(f"{api}/me").json()["superAdmin"] is True


def test_mappings_decide_who_gets_in_and_where(make_server, provider, tmp_path):
    server, api, ada = start(make_server, provider, tmp_path)
    ada_me = ada.get(f"{api}/me").json()
    org = ada.post(f"{api}/organizations", json={"name": "ops", "defaultRole": "viewer"}).json()
    roles = ada.get(f"{api}/users/{ada_me['id']}").json()["roles"]
    assert {"name": "admin", "organization": org["id"]} in roles, "the creator of an organization is its admin"
    refused = ada.patch(f"{api}/users/{ada_me['id']}", json={"roles": roles, "superAdmin": False})
    assert refused.status_code == 401 and refused.json()["message"] == "user cannot modify their own SuperAdmin status"

    assert [m["id"] for m in ada.get(f"{api}/mappings").json()["mappings"]] == ["default"]
    assert ada.delete(f"{api}/mappings/default").status_code == 204
    created = ada.post(f"{api}/mappings", json={"organizationId": org["id"], "provider": "*", "scheme": "*",
                                                "providerOrganization": "partner.example"})
    assert created.status_code == 201 and created.json()["providerOrganization"] == "partner.example", created.text
    assert ada.post(f"{api}/mappings", json={"organizationId": org["id"], "provider": "*", "scheme": "*"}).json()["message"] == \
        "mapping must specify group"

    eve = sign_in(server, provider, "eve@elsewhere.example")
    private = eve.get(f"{api}/me")
    assert private.status_code == 403 and private.json()["message"].startswith("This Chronograf is private")
    frank = sign_in(server, provider, "frank@partner.example")
    assert frank.get(f"{api}/me").json()["roles"] == [{"name": "viewer", "organization": org["id"]}]
    assert [u["name"] for u in ada.get(f"{api}/users").json()["users"]] == ["ada@example.com", "frank@partner.example"]


def test_the_ui_offers_only_what_the_role_may_do(make_server, provider, tmp_path):
    """In headless Chromium: a member is told they have no access, a viewer sees connections without the buttons
    that change them, and an admin gets them all."""
    from selenium.webdriver.common.by import By

    from harness.browser import Page, start_browser

    server, api, ada = start(make_server, provider, tmp_path)
    assert ada.post(f"{api}/sources", json={"name": "store", "url": server.store_url, "type": "influx"}).status_code == 201
    bob = sign_in(server, provider, "bob@example.com")
    bob_user = f"{api}/users/{bob.get(f'{api}/me').json()['id']}"
    driver = start_browser()
    try:
        page = Page(driver)

        def browse_as(email):
            driver.get(server.control_url + "/login")
            driver.delete_all_cookies()
            provider.email = email
            driver.get(server.control_url + "/login")
            page.button("Log in with Generic").click()

        def shown(label):
            xpath = f"//*[(self::button or self::a) and normalize-space(.)={label!r}]"
            return [element for element in driver.find_elements(By.XPATH, xpath) if element.is_displayed()]

        browse_as("bob@example.com")
        page.text_appears("No access yet", "h1")
        page.text_appears("(member)", ".notice")

        assert ada.patch(bob_user, json={"roles": [{"name": "viewer", "organization": "default"}]}).status_code == 200
        browse_as("bob@example.com")
        page.text_appears("store", "table")
        assert not shown("+ Add Connection") and not shown("Delete Connection"), "a viewer cannot change connections"
        assert not driver.find_elements(By.CSS_SELECTOR, "a.source-name"), "nor open a connection's form"

        browse_as("ada@example.com")
        page.text_appears("store", "table")
        assert shown("+ Add Connection") and shown("Delete Connection"), "an admin can"
    finally:
        driver.quit()
