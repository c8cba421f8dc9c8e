"""A stand-in OAuth 2.0 provider for sign-in tests: it approves every login at once, checks the client secret and the
PKCE verifier at its token endpoint, and names the user at its user-info endpoints, shaped as the generic provider's,
GitHub's (`/api/v3/user/emails`, `/api/v3/user/orgs`, paged), Google's (`/oauth2/v2/userinfo`) and Auth0's
(`/userinfo` with `organization`). Written here for tests only."""

import base64
import hashlib
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse


class FakeOAuthProvider:
    def __init__(self, email="ada@example.com", client_id="sundial", client_secret="s3cret"):
        self.email, self.client_id, self.client_secret = email, client_id, client_secret
        self.github_orgs = [f"org{n}" for n in range(12)]  # more than one page of ten
        self.hosted_domain = "example.com"
        self.organization = "acme"
        self.registered_callback = None  # where a login without redirect_uri returns (GitHub's registered callback)
        self.codes = {}  # code -> (challenge, redirect_uri)
        self.tokens = set()
        self.requests = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                provider.requests.append((url.path, query))
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if url.path in ("/authorize", "/login/oauth/authorize", "/o/oauth2/auth"):
                    code = secrets.token_urlsafe(12)
                    provider.codes[code] = (query.get("code_challenge"), query.get("redirect_uri"))
                    back = query.get("redirect_uri") or provider.registered_callback
                    location = back + "?" + urlencode({"code": code, "state": query["state"]})
                    self.send_response(302)
                    self.send_header("Location", location)
                    self.end_headers()
                elif token not in provider.tokens:
                    self.reply(401, {})
                elif url.path == "/userinfo":
                    self.reply(200, {"email": provider.email, "organization": provider.organization})
                elif url.path == "/oauth2/v2/userinfo":
                    self.reply(200, {"email": provider.email, "hd": provider.hosted_domain})
                elif url.path == "/api/v3/user/emails":
                    self.reply(200, [{"email": "old@example.org", "primary": False, "verified": True},
                                     {"email": "unverified@example.org", "primary": True, "verified": False},
                                     {"email": provider.email, "primary": True, "verified": True}])
                elif url.path == "/api/v3/user/orgs":
                    page, size = int(query.get("page", "1")), int(query.get("per_page", "30"))
                    chunk = provider.github_orgs[(page - 1) * size:page * size]
                    self.reply(200, [{"login": login} for login in chunk])
                else:
                    self.reply(404, {})

            def do_POST(self):
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
                provider.requests.append(("/token", form))
                challenge, redirect_uri = provider.codes.pop(form.get("code"), (None, None))
                verifier = form.get("code_verifier", "")
                computed = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
                valid = (challenge is not None and computed == challenge and form.get("redirect_uri") == redirect_uri
                         and form.get("client_id") == provider.client_id and form.get("client_secret") == provider.client_secret)
                if not valid:
                    return self.reply(400, {"error": "invalid_grant"})
                token = secrets.token_urlsafe(16)
                provider.tokens.add(token)
                self.reply(200, {"access_token": token, "token_type": "bearer"})

            def reply(self, status, document):
                body = json.dumps(document).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def config(self, token_secret="a-long-random-token-secret"):
        return (
            "[control]\n"
            f'  token-secret = "{token_secret}"\n'
            f'  generic-client-id = "{self.client_id}"\n'
            f'  generic-client-secret = "{self.client_secret}"\n'
            f'  generic-auth-url = "{self.url}/authorize"\n'
            f'  generic-token-url = "{self.url}/token"\n'
            f'  generic-api-url = "{self.url}/userinfo"\n'
        )

    def github_config(self, token_secret="a-long-random-token-secret", organizations=()):
        """GitHub Enterprise-shaped: authorize and token pages under github-url, the API under <github-url>/api/v3."""
        return ("[control]\n"
                f'  token-secret = "{token_secret}"\n'
                f'  github-client-id = "{self.client_id}"\n'
                f'  github-client-secret = "{self.client_secret}"\n'
                f'  github-url = "{self.url}"\n'
                f"  github-organizations = {list(organizations)!r}\n".replace("'", '"'))

    def google_config(self, public_url, domains=()):
        return ("[control]\n"
                '  token-secret = "a-long-random-token-secret"\n'
                f'  public-url = "{public_url}"\n'
                f'  google-client-id = "{self.client_id}"\n'
                f'  google-client-secret = "{self.client_secret}"\n'
                f'  google-auth-url = "{self.url}/o/oauth2/auth"\n'
                f'  google-token-url = "{self.url}/o/oauth2/token"\n'
                f'  google-api-url = "{self.url}/oauth2/v2/userinfo"\n'
                f"  google-domains = {list(domains)!r}\n".replace("'", '"'))

    def auth0_config(self, organizations=(), superadmin_org=""):
        return ("[control]\n"
                '  token-secret = "a-long-random-token-secret"\n'
                f'  auth0-domain = "{self.url}"\n'
                f'  auth0-client-id = "{self.client_id}"\n'
                f'  auth0-client-secret = "{self.client_secret}"\n'
                f'  auth0-superadmin-org = "{superadmin_org}"\n'
                f"  auth0-organizations = {list(organizations)!r}\n".replace("'", '"'))

    def stop(self):
        self.server.shutdown()
