import pytest

from sq.analysis.address import (
    choose_base_url,
    client_is_local,
    host_allowed,
    is_loopback,
    parse_allowed_hosts,
    setting_base_url,
    split_host,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://sociale-basis.example", "https://sociale-basis.example"),
        ("https://sociale-basis.example/", "https://sociale-basis.example"),
        (
            "https://Sociale-Basis.example:8443/dashboard/",
            "https://sociale-basis.example:8443/dashboard",
        ),
        ("http://192.168.1.20:8080", "http://192.168.1.20:8080"),
        ("  https://dorpum.example  ", "https://dorpum.example"),
        ("", None),
        ("dorpum.example", None),
        ("ftp://dorpum.example", None),
        ("javascript:alert(1)", None),
        ("https://user:pw@dorpum.example", None),
        ("https://dorpum.example/?x=1", None),
        ("https://dorpum.example/#frag", None),
        ("https://dorpum.example:99999", None),
        ("https://dorp um.example", None),
        ("https://<script>.example", None),
    ],
)
def test_setting_is_used_only_when_clean(value, expected):
    assert setting_base_url(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("dorpum.example", ("dorpum.example", None)),
        ("Dorpum.Example:8080", ("dorpum.example", 8080)),
        ("10.0.0.5:80", ("10.0.0.5", 80)),
        ("[::1]:8501", ("[::1]", 8501)),
        ("[fe80::1]", ("[fe80::1]", None)),
        ("", None),
        ("evil.example/path", None),
        ("evil.example\r\nX-Injected: 1", None),
        ("a" * 300 + ".example", None),
        ("-bad-.example", None),
        ("host:0", None),
        ("host:abc", None),
        ("[not-ipv6]", None),
        ('evil.example"onload=', None),
        ("xn--drp-qoa.example", ("xn--drp-qoa.example", None)),
    ],
)
def test_split_host_refuses_malformed_values(value, expected):
    assert split_host(value) == expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("[::1]", True),
        ("app.localhost", True),
        ("192.168.1.20", False),
        ("dorpum.example", False),
    ],
)
def test_is_loopback(host, expected):
    assert is_loopback(host) is expected


def test_allowed_hosts_patterns():
    allowed = parse_allowed_hosts(" sociale-basis.example, *.dorpum.example ,intern.example:8080")
    assert allowed == {"sociale-basis.example", "*.dorpum.example", "intern.example:8080"}
    assert host_allowed("sociale-basis.example", 443, allowed)
    assert host_allowed("kaart.dorpum.example", None, allowed)
    assert not host_allowed("dorpum.example.evil.example", None, allowed)
    assert not host_allowed("evildorpum.example", None, allowed)
    assert host_allowed("intern.example", 8080, allowed)
    assert not host_allowed("intern.example", 8081, allowed)
    assert host_allowed("anything.example", None, parse_allowed_hosts(""))


VISITOR = {"host": "192.168.1.20:8080"}


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        # the setting always wins, whatever the request says
        (
            {"setting": "https://sb.example", "browser_url": "http://evil.example/gesprek",
             "headers": {"host": "evil.example"}},
            "https://sb.example",
        ),
        # no setting: the address in the visitor's own browser (its page path dropped)
        (
            {"setting": None, "browser_url": "http://192.168.1.20:8080/gesprek",
             "headers": VISITOR},
            "http://192.168.1.20:8080",
        ),
        # an unusable setting falls through to the visitor's address, never to localhost
        (
            {"setting": "not a url", "browser_url": "https://sb.example/profiel", "headers": {}},
            "https://sb.example",
        ),
        # behind nginx without a browser URL: X-Forwarded-Host/-Proto
        (
            {"setting": None, "browser_url": None,
             "headers": {"host": "127.0.0.1:8601", "x-forwarded-host": "sb.example",
                         "x-forwarded-proto": "https"}},
            "https://sb.example",
        ),
        # proxies append: only the first value counts
        (
            {"setting": None, "browser_url": None,
             "headers": {"X-Forwarded-Host": "sb.example, evil.example", "Host": "x"}},
            "http://sb.example",
        ),
        # the app's own path prefix (server.baseUrlPath)
        (
            {"setting": None, "browser_url": "https://sb.example/dashboard/gesprek",
             "headers": {}, "base_path": "/dashboard/"},
            "https://sb.example/dashboard",
        ),
        # localhost only for a visitor at this machine
        (
            {"setting": None, "browser_url": "http://localhost:8501/gesprek", "headers": {},
             "client_is_local": True},
            "http://localhost:8501",
        ),
        (
            {"setting": None, "browser_url": "http://localhost:8501/gesprek",
             "headers": {"host": "localhost:8501"}, "client_is_local": False},
            None,
        ),
    ],
)  # fmt: skip
def test_choose_base_url(kwargs, expected):
    assert choose_base_url(**kwargs) == expected


HOSTILE_HEADERS = [
    {"host": "evil.example"},
    {"host": "sb.example", "x-forwarded-host": "evil.example"},
    {"host": "evil.example\r\nSet-Cookie: x=1"},
    {"host": "sb.example@evil.example"},
    {"x-forwarded-host": "<img src=x onerror=alert(1)>"},
    {"x-forwarded-host": "sb.example", "x-forwarded-proto": "javascript"},
    {"host": "a" * 10_000},
]


@pytest.mark.parametrize("headers", HOSTILE_HEADERS)
def test_forged_headers_never_become_the_address(headers):
    allowed = parse_allowed_hosts("sb.example")
    got = choose_base_url(setting=None, browser_url=None, headers=headers, allowed_hosts=allowed)
    assert got is None


@pytest.mark.parametrize("headers", HOSTILE_HEADERS)
def test_forged_headers_cannot_override_the_setting(headers):
    got = choose_base_url(setting="https://sb.example", browser_url="http://evil.example/",
                          headers=headers)  # fmt: skip
    assert got == "https://sb.example"


def test_forged_browser_url_refused_with_allowed_hosts():
    allowed = parse_allowed_hosts("sb.example")
    got = choose_base_url(
        setting=None,
        browser_url="https://evil.example/gesprek",
        headers={"host": "sb.example"},
        allowed_hosts=allowed,
    )
    assert got == "http://sb.example"  # the browser's claim fails; the Host header passes


@pytest.mark.parametrize(
    ("remote_ip", "headers", "expected"),
    [
        (None, {}, True),
        (None, {"x-real-ip": "127.0.0.1"}, True),
        (None, {"x-real-ip": "192.168.1.30"}, False),
        (None, {"x-forwarded-for": "203.0.113.9, 127.0.0.1"}, False),
        ("192.168.1.30", {}, False),
    ],
)
def test_client_is_local(remote_ip, headers, expected):
    assert client_is_local(remote_ip, headers) is expected
