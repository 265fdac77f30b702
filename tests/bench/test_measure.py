"""The benchmark's client and its figures (bench/measure.py), against a small server of
our own on loopback."""

import http.server
import threading

import pytest

from bench import measure


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/cut":
            # Promises more than it sends, then closes: a response cut short.
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"only ten b")
            return
        status = 200 if self.path == "/ok" else 404
        body = b"hello" if status == 200 else b"not here"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address
    httpd.shutdown()
    httpd.server_close()


def fetch(address, path):
    return measure.fetch(address, path, measure.request_bytes(path, "127.0.0.1", {}))


def test_a_complete_response_gives_its_status_and_body_size(server):
    outcome = fetch(server, "/ok")

    assert (outcome.status, outcome.size, outcome.ok) == (200, 5, True)


def test_a_response_cut_short_counts_as_no_response(server):
    outcome = fetch(server, "/cut")

    assert (outcome.status, outcome.ok) == (None, False)


def test_a_refused_connection_counts_as_no_response():
    # Nothing listens on port 1 of loopback.
    assert fetch(("127.0.0.1", 1), "/ok").status is None


def test_a_response_without_the_end_of_its_headers_is_not_complete():
    assert measure.parse(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n") == (None, 0)


def test_a_body_longer_than_its_content_length_is_not_complete():
    assert measure.parse(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhello") == (None, 5)


def test_the_95th_percentile_interpolates_as_spreadsheets_do():
    # PERCENTILE.INC(1..100, 0.95) is 95.05.
    assert measure.percentile(list(range(1, 101)), 95) == pytest.approx(95.05)


def test_the_percentile_of_one_value_is_that_value():
    assert measure.percentile([0.25], 95) == 0.25


def test_a_run_asks_for_every_path_and_counts_all_but_a_200_as_an_error(server):
    run = measure.run(server, ["/ok", "/missing"], concurrency=2, seconds=0.3, headers={})

    ok, missing = run.for_path("/ok"), run.for_path("/missing")
    assert ok.requests > 0
    assert missing.requests > 0
    assert ok.errors == 0
    assert missing.errors == missing.requests
    assert run.errors == missing.requests
    assert missing.statuses == {"404": missing.requests}
    assert run.per_second == pytest.approx(run.requests / run.elapsed)
    assert 0 < run.client_share == pytest.approx(run.client_cpu / run.elapsed)


def test_a_run_stops_at_its_request_limit(server):
    run = measure.run(server, ["/ok"], concurrency=1, seconds=30, headers={}, max_requests=5)

    assert run.requests == 5
