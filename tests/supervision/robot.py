"""A group robot standing in for WeCom's or DingTalk's: a real HTTP server on 127.0.0.1, in a thread."""

import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

OK = b'{"errcode":0,"errmsg":"ok"}'


@dataclass
class Robot:
    url: str
    bodies: list[dict] = field(default_factory=list)
    content_types: list[str] = field(default_factory=list)


@contextmanager
def robot(*, status: int = 200, reply: bytes = OK) -> Iterator[Robot]:
    """A robot answering every POST with `status` and `reply`, keeping the JSON bodies it was sent."""
    found = Robot(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers["Content-Length"])
            found.bodies.append(json.loads(self.rfile.read(length)))
            found.content_types.append(self.headers["Content-Type"])
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = Thread(target=server.serve_forever, daemon=True)
    thread.start()
    found.url = f"http://127.0.0.1:{server.server_port}/cgi-bin/webhook/send?key=test"
    try:
        yield found
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def closed_port_url() -> str:
    """An address on 127.0.0.1 where nothing listens: the connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/send"
