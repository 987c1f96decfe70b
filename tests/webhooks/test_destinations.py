"""
Webhook URLs may reach only public servers, and a delivery connects to the
address that was checked. The resolver is stubbed: nothing here needs DNS or
the network beyond a receiver on 127.0.0.1.
"""

import re
from http import HTTPStatus

import pytest
from django.test import override_settings
from django.urls import reverse

from cms.webhooks import delivery, destinations
from cms.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.factories import TEST_PASSWORD, ArticlePageFactory

PUBLIC = "93.184.216.34"
NON_PUBLIC = [
    "127.0.0.1",  # loopback
    "127.8.9.10",
    "0.0.0.0",  # noqa: S104  # unspecified
    "10.1.2.3",  # private
    "172.16.0.1",
    "192.168.1.20",
    "100.100.100.200",  # shared address space (a cloud's metadata service)
    "169.254.169.254",  # link-local: the metadata service
    "224.0.0.251",  # multicast
    "240.0.0.1",  # reserved
    "::1",
    "::",
    "fe80::1",  # link-local
    "fd00:ec2::254",  # unique-local: a cloud's IPv6 metadata service
    "ff02::1",  # multicast
    "::ffff:127.0.0.1",  # IPv4-mapped loopback
    "::ffff:169.254.169.254",
    "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
]


@pytest.fixture
def dns(monkeypatch):
    """A stub resolver: set ``dns.answers[host] = [addresses]``."""

    class Stub:
        answers = {}
        lookups = []

        def __call__(self, host, port):
            self.lookups.append(host)
            if host not in self.answers:
                raise OSError("no such host")
            return list(self.answers[host])

    stub = Stub()
    monkeypatch.setattr(destinations, "resolve", stub)
    return stub


@pytest.fixture
def production_rules(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False


@pytest.mark.parametrize("address", NON_PUBLIC)
def test_a_webhook_host_resolving_to_a_non_public_address_is_refused(
    dns, production_rules, address
):
    dns.answers["hooks.example.com"] = [address]

    with pytest.raises(destinations.UnsafeDestination):
        destinations.check("https://hooks.example.com/newsroom")


@pytest.mark.parametrize("address", NON_PUBLIC)
def test_a_literal_non_public_address_is_refused(production_rules, address):
    literal = f"[{address}]" if ":" in address else address

    with pytest.raises(destinations.UnsafeDestination):
        destinations.check(f"https://{literal}/")


def test_one_private_address_among_public_ones_is_enough_to_refuse(
    dns, production_rules
):
    dns.answers["hooks.example.com"] = [PUBLIC, "10.0.0.7"]

    with pytest.raises(destinations.UnsafeDestination, match=re.escape("10.0.0.7")):
        destinations.check("https://hooks.example.com/")


def test_production_accepts_only_https(dns, production_rules):
    dns.answers["hooks.example.com"] = [PUBLIC]

    with pytest.raises(destinations.UnsafeDestination, match="https"):
        destinations.check("http://hooks.example.com/")
    checked = destinations.check("https://hooks.example.com:8443/in?x=1")

    assert checked.address == PUBLIC
    assert checked.pinned_url == f"https://{PUBLIC}:8443/in?x=1"
    assert checked.host_header == "hooks.example.com:8443"


def test_an_unresolvable_host_is_refused(dns, production_rules):
    with pytest.raises(destinations.UnsafeDestination, match="resolved"):
        destinations.check("https://nowhere.example.com/")


def test_credentials_in_the_url_are_refused(dns, production_rules):
    dns.answers["hooks.example.com"] = [PUBLIC]

    with pytest.raises(destinations.UnsafeDestination):
        destinations.check("https://user:secret@hooks.example.com/")


def test_tls_is_verified_against_the_hostname_not_the_pinned_address(
    dns, production_rules
):
    dns.answers["hooks.example.com"] = [PUBLIC]
    adapter = destinations.PinnedAdapter(
        destinations.check("https://hooks.example.com/")
    )

    pool_settings = adapter.poolmanager.connection_pool_kw
    assert pool_settings["server_hostname"] == "hooks.example.com"
    assert pool_settings["assert_hostname"] == "hooks.example.com"


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)


def test_administrator_cannot_point_a_webhook_at_the_metadata_service(
    client, administrator, production_rules
):
    login(client, administrator)

    response = client.post(
        reverse("webhooks:add"),
        {
            "name": "Metadata",
            "url": "https://169.254.169.254/latest/meta-data/",
            "events": ["article.published"],
            "is_active": "on",
        },
    )

    assert response.status_code == HTTPStatus.OK  # the form, with its error
    assert "not a public address" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_a_delivery_connects_to_the_checked_address_with_the_hostname_as_host(
    dns, newsroom, administrator, live_receiver, django_capture_on_commit_callbacks
):
    # "receiver.invalid" exists only in the stub: the request can reach the
    # receiver on 127.0.0.1 only through the address the check returned.
    dns.answers["receiver.invalid"] = ["127.0.0.1"]
    WebhookEndpoint.objects.create(
        name="Frontend",
        url=f"http://receiver.invalid:{live_receiver.port}/hooks",
        events=["article.published"],
    )

    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=newsroom.news)

    [received] = live_receiver.requests
    assert received.headers["Host"] == f"receiver.invalid:{live_receiver.port}"
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.SUCCEEDED


def test_a_host_that_rebinds_to_a_private_address_gets_nothing(
    dns, settings, newsroom, live_receiver, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    dns.answers["hooks.example.com"] = [PUBLIC]
    destinations.check("https://hooks.example.com/")  # as when it was saved
    endpoint = WebhookEndpoint.objects.create(
        name="Rebinding",
        url="https://hooks.example.com/",
        events=["article.published"],
    )
    dns.answers["hooks.example.com"] = ["127.0.0.1"]

    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=newsroom.news)

    attempt = WebhookDelivery.objects.get(endpoint=endpoint).attempts.get()
    assert not attempt.succeeded
    assert attempt.status_code is None
    assert attempt.error.startswith("Not sent")
    assert live_receiver.requests == []


@override_settings(WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=True)
def test_development_settings_allow_a_receiver_on_this_machine(dns):
    dns.answers["localhost"] = ["127.0.0.1"]

    checked = destinations.check("http://localhost:8765/hook")

    assert checked.address == "127.0.0.1"


def test_the_worker_sweep_refuses_an_endpoint_saved_before_the_rules(
    dns, settings, newsroom, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    WebhookEndpoint.objects.create(
        name="Old", url="http://10.0.0.9/hook", events=["article.published"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=newsroom.news)

    delivery.send_due()

    attempt = WebhookDelivery.objects.get().attempts.first()
    assert attempt.error.startswith("Not sent")
