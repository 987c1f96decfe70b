"""
Properties of the security boundaries: no made-up credential buys a rate-limit
bucket of its own, and no address in a non-public range is accepted as a
webhook destination, however it is written.
"""

import ipaddress

import pytest
from django.test import RequestFactory, override_settings
from hypothesis import given
from hypothesis import strategies as st

from cms.security.throttling import api_identity
from cms.webhooks import destinations

from .conftest import pure, through_views

NON_PUBLIC_NETWORKS = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "224.0.0.0/4",
    "240.0.0.0/4",
    "::1/128",
    "fc00::/7",
    "fe80::/10",
    "ff00::/8",
]


@pure
@given(
    st.sampled_from(NON_PUBLIC_NETWORKS).flatmap(
        lambda network: st.ip_addresses(network=network)
    ),
    st.booleans(),
)
def test_no_non_public_address_is_a_webhook_destination(address, ipv4_mapped):
    if ipv4_mapped and isinstance(address, ipaddress.IPv4Address):
        address = ipaddress.IPv6Address(f"::ffff:{address}")

    assert not destinations.is_public(str(address))


@pytest.mark.django_db
@through_views
@override_settings(API_RATE_LIMIT="600/min")
@given(
    st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1),
    st.sampled_from(["/api/v1/articles/", "/api/editorial/pages/"]),
)
def test_a_made_up_authorization_header_is_counted_by_address(db, header, path):
    request = RequestFactory().get(
        path, HTTP_AUTHORIZATION=f"Bearer {header}", REMOTE_ADDR="203.0.113.9"
    )

    scope, identity, _rate, bad_credentials = api_identity(request)

    assert (scope, identity) == ("api-ip", "203.0.113.9")
    assert bad_credentials
