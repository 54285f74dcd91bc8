"""The refused-address rules, address by address, and the URL checks that run before them."""

from __future__ import annotations

import pickle

import pytest

from services.config import Settings
from services.fetching import FetchError, check_url, is_public_address, refusal_reason, resolve_target

STRICT = Settings(fetch_allow_loopback=False)

REFUSED = [
    # IPv4
    ("127.0.0.1", "loopback"),
    ("127.255.255.254", "loopback"),
    ("10.0.0.1", "private"),
    ("172.16.0.1", "private"),
    ("172.31.255.254", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local (cloud metadata)"),
    ("169.254.0.1", "link-local"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("100.127.255.254", "carrier-grade NAT"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "broadcast"),
    ("0.0.0.0", "unspecified"),
    ("0.1.2.3", "unspecified"),
    ("192.0.0.8", "IETF protocol assignment"),
    ("192.0.2.10", "documentation"),
    ("198.51.100.7", "documentation"),
    ("203.0.113.9", "documentation"),
    ("198.18.0.1", "benchmarking"),
    ("192.88.99.1", "6to4 relay"),
    # IPv6
    ("::1", "loopback"),
    ("::", "unspecified"),
    ("fc00::1", "unique-local"),
    ("fd12:3456:789a::1", "unique-local"),
    ("fe80::1", "link-local"),
    ("fe80::1%eth0", "link-local"),
    ("fec0::1", "site-local"),
    ("ff02::1", "multicast"),
    ("ff0e::1", "multicast"),
    ("100::1", "discard-only"),
    ("2001:db8::1", "documentation"),
    ("3fff::1", "documentation"),
    ("2001:10::1", "IETF protocol assignment"),
    ("::127.0.0.1", "reserved (outside global unicast"),
    ("4000::1", "reserved (outside global unicast"),
    # IPv4-mapped: always refused, whatever it carries
    ("::ffff:127.0.0.1", "IPv4-mapped form of 127.0.0.1, which is loopback"),
    ("::ffff:10.1.2.3", "IPv4-mapped form of 10.1.2.3, which is private"),
    ("::ffff:8.8.8.8", "IPv4-mapped form of 8.8.8.8"),
    # NAT64: judged by the embedded IPv4; the local-use prefix is never public
    ("64:ff9b::7f00:1", "NAT64 form of 127.0.0.1, which is loopback"),
    ("64:ff9b::a9fe:a9fe", "NAT64 form of 169.254.169.254, which is link-local"),
    ("64:ff9b::c0a8:101", "NAT64 form of 192.168.1.1, which is private"),
    ("64:ff9b:1::a00:1", "local-use NAT64"),
    # 6to4 and Teredo embedding a non-public IPv4
    ("2002:7f00:1::1", "6to4 form of 127.0.0.1, which is loopback"),
    ("2002:c0a8:101::1", "6to4 form of 192.168.1.1, which is private"),
    ("2001:0:808:808:0:0:80ff:fffe", "Teredo client form of 127.0.0.1, which is loopback"),
    ("2001:0:a00:1:0:0:f7f7:f7f7", "Teredo server form of 10.0.0.1, which is private"),
]

PUBLIC = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "100.63.255.255",  # just below CGNAT
    "100.128.0.0",  # just above CGNAT
    "172.15.255.255",
    "172.32.0.0",
    "169.253.255.255",
    "2606:4700::1111",
    "2a00:1450:4001:81b::200e",
    "64:ff9b::808:808",  # NAT64 of 8.8.8.8
    "2002:808:808::1",  # 6to4 of 8.8.8.8
    "2001:0:808:808:0:0:f7f7:f7f7",  # Teredo, server and client 8.8.8.8
]


@pytest.mark.parametrize(("address", "reason"), REFUSED)
def test_refused_address(address: str, reason: str) -> None:
    assert not is_public_address(address)
    assert reason in (refusal_reason(address) or "")


@pytest.mark.parametrize("address", PUBLIC)
def test_public_address_allowed(address: str) -> None:
    assert refusal_reason(address) is None
    assert is_public_address(address)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_literal_passes_resolution_without_network(address: str) -> None:
    host = f"[{address}]" if ":" in address else address
    target = check_url(f"http://{host}/news", STRICT)
    assert [str(ip) for ip in resolve_target(target, STRICT, timeout=1.0)] == [target.host]


# Spellings the OS resolver turns into an internal address: only the RESOLVED address is judged.
NUMERIC_TRICKS = [
    ("http://0x7f000001/", "127.0.0.1"),
    ("http://2130706433/", "127.0.0.1"),
    ("http://0177.0.0.1/", "127.0.0.1"),
    ("http://017700000001/", "127.0.0.1"),
    ("http://0x7f.1/", "127.0.0.1"),
    ("http://127.1/", "127.0.0.1"),
    ("http://0/", "0.0.0.0"),
    ("http://0xa9fea9fe/", "169.254.169.254"),
    ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"),
    ("http://[0:0:0:0:0:ffff:7f00:1]/", "::ffff:7f00:1"),
    ("http://[::1]/", "::1"),
    ("http://localhost/", "127.0.0.1"),
    ("http://\uff11\uff12\uff17\uff0e\uff10\uff0e\uff10\uff0e\uff11/", "127.0.0.1"),  # full-width digits
]


@pytest.mark.parametrize(("url", "resolved"), NUMERIC_TRICKS)
def test_numeric_tricks_refused_after_real_resolution(url: str, resolved: str) -> None:
    target = check_url(url, STRICT)
    with pytest.raises(FetchError) as caught:
        resolve_target(target, STRICT, timeout=2.0)
    assert caught.value.permanent
    assert caught.value.kind == "refused_address"
    assert "refused address" in caught.value.reason
    if url != "http://localhost/":  # localhost may resolve to ::1 first
        assert f"refused address {resolved} " in caught.value.reason


def test_allow_loopback_opens_only_loopback() -> None:
    settings = Settings(fetch_allow_loopback=True)
    for url in ("http://127.0.0.1/", "http://127.8.9.10/", "http://[::1]/", "http://0x7f000001/"):
        assert resolve_target(check_url(url, settings), settings, timeout=2.0)
    for url in (
        "http://10.0.0.1/",
        "http://169.254.169.254/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://[fe80::1]/",
        "http://100.64.0.1/",
    ):
        with pytest.raises(FetchError, match="refused address"):
            resolve_target(check_url(url, settings), settings, timeout=2.0)


def test_loopback_ports_narrow_the_test_seam() -> None:
    settings = Settings(
        fetch_allow_loopback=True, fetch_loopback_ports="8081", fetch_allowed_ports="8081,8082"
    )
    assert resolve_target(check_url("http://127.0.0.1:8081/", settings), settings, timeout=1.0)
    with pytest.raises(FetchError, match=r"refused address 127\.0\.0\.1 .*loopback"):
        resolve_target(check_url("http://127.0.0.1:8082/", settings), settings, timeout=1.0)


INVALID_URLS = [
    ("", "empty URL"),
    ("   ", "empty URL"),
    ("ftp://example.com/file.txt", "scheme 'ftp' not allowed"),
    ("file:///etc/passwd", "scheme 'file' not allowed"),
    ("javascript:alert(1)", "scheme 'javascript' not allowed"),
    ("gopher://example.com:70/", "scheme 'gopher' not allowed"),
    ("example.com/news", "scheme '(none)' not allowed"),
    ("http://user:secret@example.com/", "credentials in the URL"),
    ("http://user@example.com/", "credentials in the URL"),
    ("http://example.com:8080/", "port 8080 not allowed (allowed: 80, 443)"),
    ("http://example.com:99999/", "invalid port"),
    ("http://example.com:x/", "invalid port"),
    ("http:///news", "missing host"),
    ("http://exa mple.com/", "whitespace or control characters"),
    ("http://example.com/a\nb", "whitespace or control characters"),
    ("http://%31%32%37.0.0.1/", "invalid host name"),
    ("http://a..b/", "invalid host name"),
    ("http://" + "a" * 64 + ".com/", "invalid host name"),
    ("http://example.com/" + "a" * 5000, "URL longer than 4096 characters"),
]


@pytest.mark.parametrize(("url", "reason"), INVALID_URLS)
def test_invalid_url_rejected_with_reason(url: str, reason: str) -> None:
    with pytest.raises(FetchError) as caught:
        check_url(url, STRICT)
    assert caught.value.permanent
    assert caught.value.kind == "invalid_url"
    assert reason in caught.value.reason
    assert "\n" not in str(caught.value)


def test_check_url_normalises_what_is_sent() -> None:
    target = check_url("HTTPS://News.Example.COM:443/monde/\u00e9t\u00e9?q=caf\u00e9#top", STRICT)
    assert (target.scheme, target.host, target.port) == ("https", "news.example.com", 443)
    assert target.target == "/monde/%C3%A9t%C3%A9?q=caf%C3%A9"
    assert target.url == "https://news.example.com/monde/%C3%A9t%C3%A9?q=caf%C3%A9"
    idn = check_url("http://b\u00fccher.example/", STRICT)
    assert idn.host == "xn--bcher-kva.example"
    assert idn.host_header == "xn--bcher-kva.example"
    v6 = check_url("http://[2606:4700::1111]:8080/", Settings(fetch_allowed_ports="8080"))
    assert v6.host == "2606:4700::1111"
    assert v6.host_header == "[2606:4700::1111]:8080"


def test_fetch_error_is_one_line_and_survives_pickling() -> None:
    error = FetchError("http://x.example/\nnext", "HTTP 503 Service Unavailable", False, 7.0, "http_status")
    assert str(error) == "cannot fetch http://x.example/\\nnext: HTTP 503 Service Unavailable"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.url, copy.reason, copy.permanent, copy.retry_after, copy.kind) == (
        error.url,
        error.reason,
        False,
        7.0,
        "http_status",
    )
