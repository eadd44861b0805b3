"""Reading serve.sh's nginx access log: which replica answered each sticky route."""

from __future__ import annotations

from bench.load_test import upstreams_by_route

LOG = "\n".join(
    [
        '127.0.0.1 [02/Dec/2026] "GET / HTTP/1.1" 200 upstream=127.0.0.1:8601 route=r1 rt=0.1',
        '127.0.0.1 [02/Dec/2026] "GET /x HTTP/1.1" 200'
        " upstream=127.0.0.1:8601, 127.0.0.1:8602 route=r2 rt=0.2",
        '127.0.0.1 [02/Dec/2026] "GET /y HTTP/1.1" 502 upstream=- route=r3 rt=0.0',
    ]
)


def test_the_replica_that_answered_counts_also_after_a_retry():
    assert upstreams_by_route(LOG) == {"r1": {"127.0.0.1:8601"}, "r2": {"127.0.0.1:8602"}}
