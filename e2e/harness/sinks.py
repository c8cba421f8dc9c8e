"""Local stand-ins for the services alert handlers send to: an HTTP capture server that answers each path with the
status the real service gives (Discord's webhooks 204, the rest 200), and a TCP listener that keeps what it is sent.
Written here for tests only; everything listens on loopback."""

import json
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HTTPSink:
    def __init__(self, statuses=None, delays=None):
        self.requests = []  # (path, headers, parsed JSON body)
        self.answered = []  # (path, status answered, parsed JSON body)
        self.statuses = statuses or {}
        self.delays = delays or {}  # path: seconds to wait before answering
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                try:
                    parsed = json.loads(body) if body else None
                except ValueError:
                    parsed = body.decode()  # a templated body, kept as text
                sink.requests.append((self.path, dict(self.headers), parsed))
                time.sleep(sink.delays.get(self.path.split("?")[0], 0))
                status = sink.statuses.get(self.path.split("?")[0], 200)
                sink.answered.append((self.path, status, parsed))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def bodies(self, path):
        return [body for got, _, body in self.requests if got == path]

    def accepted(self, path):
        """The bodies of the requests to `path` answered with a 2xx status, in arrival order."""
        return [body for got, status, body in self.answered if got == path and 200 <= status < 300]

    def stop(self):
        self.server.shutdown()


class TCPSink:
    def __init__(self):
        self.received = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                sink.received.append(self.rfile.read())

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.address = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


class SensuSink:
    """A Sensu client's socket: reads one JSON check result per connection, answers `ok` and closes."""

    def __init__(self):
        self.received = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                sink.received.append(json.loads(self.rfile.readline()))
                self.wfile.write(b"ok")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.address = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
