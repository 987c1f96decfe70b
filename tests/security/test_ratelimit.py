"""The cache-backed limiter: parsing rates, counting windows, finding the client."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from cms.security import ratelimit
from cms.security.ratelimit import Rate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("600/min", Rate(600, 60)),
        ("5/15min", Rate(5, 900)),
        ("100/h", Rate(100, 3600)),
        ("2/s", Rate(2, 1)),
        ("1000/day", Rate(1000, 86400)),
    ],
)
def test_rates_read_like_the_settings_document_them(text, expected):
    assert Rate.parse(text) == expected


@pytest.mark.parametrize("text", ["", "600", "many/min", "10/fortnight", "/min"])
def test_a_malformed_rate_is_refused(text):
    with pytest.raises(ValueError, match="Not a rate"):
        Rate.parse(text)


def test_requests_beyond_the_limit_are_refused_until_the_window_ends():
    rate = Rate(3, 60)
    verdicts = [ratelimit.hit("t", "client", rate, now=120.0) for _ in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert verdicts[-1].retry_after == 60
    # Half-way through the window, the wait is what is left of it.
    assert not ratelimit.hit("t", "client", rate, now=150.5).allowed
    assert ratelimit.hit("t", "client", rate, now=150.5).retry_after == 30
    # The next window starts afresh.
    assert ratelimit.hit("t", "client", rate, now=180.0).allowed


def test_each_client_has_its_own_count():
    rate = Rate(1, 60)
    assert ratelimit.hit("t", "alice", rate, now=0).allowed
    assert ratelimit.hit("t", "bob", rate, now=0).allowed
    assert not ratelimit.hit("t", "alice", rate, now=0).allowed


def test_peek_reports_without_counting():
    rate = Rate(2, 60)
    for _ in range(5):
        assert ratelimit.peek("t", "quiet", rate, now=0).allowed
    ratelimit.hit("t", "quiet", rate, now=0)
    ratelimit.hit("t", "quiet", rate, now=0)
    assert not ratelimit.peek("t", "quiet", rate, now=0).allowed


def test_a_cache_that_is_down_lets_requests_through(monkeypatch):
    """Redis with IGNORE_EXCEPTIONS answers None; an outage must not block the API."""
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "incr", lambda *args, **kwargs: None)
    rate = Rate(1, 60)
    assert all(ratelimit.hit("t", "x", rate, now=0).allowed for _ in range(5))


def test_counts_are_shared_through_the_cache_not_the_process():
    """A second worker sees the first one's count: it lives only in the cache."""
    rate = Rate(2, 60)
    ratelimit.hit("t", "shared", rate, now=0)
    ratelimit.hit("t", "shared", rate, now=0)
    key = next(k for k in _cache_keys() if "shared" in k)
    assert cache.get(key) == 2


def _cache_keys():
    # Works for locmem and django-redis alike.
    if hasattr(cache, "keys"):
        return list(cache.keys("ratelimit:*"))
    return [k.split(":", 2)[-1] for k in cache._cache]


def forwarded_request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/api/v1/articles/", **extra)


def test_x_forwarded_for_is_ignored_without_trusted_proxies():
    request = forwarded_request("203.0.113.9", "198.51.100.1")
    assert ratelimit.client_ip(request) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_saw_is_used_and_forged_entries_ignored():
    request = forwarded_request("10.0.0.2", "6.6.6.6, 198.51.100.1")
    assert ratelimit.client_ip(request) == "198.51.100.1"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_outer_proxy_reports_the_client():
    request = forwarded_request("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.1")
    assert ratelimit.client_ip(request) == "198.51.100.1"
