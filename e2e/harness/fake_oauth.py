"""A stand-in OAuth 2.0 provider for sign-in tests: it approves every login at once, checks the client secret and the
PKCE verifier at its token endpoint, and names the user at its user-info endpoint. Written here for tests only."""

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
                if url.path == "/authorize":
                    code = secrets.token_urlsafe(12)
                    provider.codes[code] = (query.get("code_challenge"), query["redirect_uri"])
                    location = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
                    self.send_response(302)
                    self.send_header("Location", location)
                    self.end_headers()
                elif url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    self.reply(200 if token in provider.tokens else 401, {"email": provider.email} if token in provider.tokens else {})
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
            '  generic-name = "Test Provider"\n'
            f'  generic-client-id = "{self.client_id}"\n'
            f'  generic-client-secret = "{self.client_secret}"\n'
            f'  generic-auth-url = "{self.url}/authorize"\n'
            f'  generic-token-url = "{self.url}/token"\n'
            f'  generic-api-url = "{self.url}/userinfo"\n'
        )

    def stop(self):
        self.server.shutdown()
