"""
Where a webhook may be sent, and sending it only there.

An endpoint URL is an instruction to make this server send requests, so it
must not reach anything a reader could not: the server itself, the private
network behind it, or a cloud metadata service. Outside development and tests
(``WEBHOOKS_ALLOW_PRIVATE_ADDRESSES``), an endpoint must be ``https`` and every
address its host resolves to must be public.

The check happens twice: when the endpoint is saved (so the editor hears of a
bad URL at once) and before every attempt, because DNS answers change. The
attempt then connects to the address that passed the check, not to a fresh
lookup, so a name that resolves to a public address for the check and to
``127.0.0.1`` a moment later (DNS rebinding) cannot redirect it. The ``Host``
header, TLS server name and certificate verification still use the hostname.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import requests
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from requests.adapters import HTTPAdapter

from . import conf

DEFAULT_PORTS = {"http": 80, "https": 443}
# NAT64 (RFC 6052) carries an IPv4 address in its last 32 bits.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeDestination(ValidationError):
    """The URL may not be sent to; the message says why."""


@dataclass(frozen=True)
class Destination:
    """A checked URL and the address that requests to it must connect to."""

    url: str
    scheme: str
    host: str
    port: int
    address: str

    @property
    def pinned_url(self):
        """The URL with its host replaced by the checked address."""
        parts = urlsplit(self.url)
        literal = f"[{self.address}]" if ":" in self.address else self.address
        return urlunsplit(parts._replace(netloc=f"{literal}:{self.port}"))

    @property
    def host_header(self):
        if self.port == DEFAULT_PORTS[self.scheme]:
            return self.host
        return f"{self.host}:{self.port}"


def private_allowed():
    return bool(conf.get("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES"))


def is_public(address):
    """
    Whether ``address`` is a public unicast address: not loopback, private,
    shared (100.64/10), link-local (including 169.254.169.254, the metadata
    service), unique-local (fc00::/7), multicast, reserved or unspecified,
    nor an IPv6 form of any of those IPv4 addresses.
    """
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if ip.teredo:
            embedded = ip.teredo[1]
        if ip in NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and not is_public(embedded):
            return False
    return ip.is_global and not (
        ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local
    )


def resolve(host, port):
    """Every address ``host`` resolves to (the stub tests replace)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


def check(url):
    """
    The ``Destination`` for ``url``, or ``UnsafeDestination`` saying why it
    may not be sent to.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeDestination(_("This is not a valid URL.")) from exc
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    allowed_schemes = {"https", "http"} if private_allowed() else {"https"}
    if scheme not in allowed_schemes:
        raise UnsafeDestination(_("Webhook URLs must start with https://."))
    if not host:
        raise UnsafeDestination(_("The URL has no host."))
    if parts.username is not None or parts.password is not None:
        raise UnsafeDestination(
            _("Put no credentials in the URL: the signature authenticates us.")
        )
    port = port or DEFAULT_PORTS[scheme]
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise UnsafeDestination(
            _("%(host)s could not be resolved.") % {"host": host}
        ) from exc
    if not addresses:
        raise UnsafeDestination(_("%(host)s has no address.") % {"host": host})
    if not private_allowed():
        refused = sorted({a for a in addresses if not is_public(a)})
        if refused:
            raise UnsafeDestination(
                _(
                    "%(host)s resolves to %(addresses)s, which is not a public "
                    "address; webhooks are sent only to public servers."
                )
                % {"host": host, "addresses": ", ".join(refused)}
            )
    return Destination(url, scheme, host, port, addresses[0])


class PinnedAdapter(HTTPAdapter):
    """
    Connects to the checked address while TLS uses the hostname: the server
    name sent (SNI) and the name the certificate must carry.
    """

    def __init__(self, destination, **kwargs):
        self.destination = destination
        super().__init__(**kwargs)

    def init_poolmanager(self, connections, maxsize, block=False, **pool_kwargs):
        if self.destination.scheme == "https":
            pool_kwargs["server_hostname"] = self.destination.host
            pool_kwargs["assert_hostname"] = self.destination.host
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)


def post(url, *, data, headers, timeout):
    """
    POST to ``url`` after checking it, over a connection to the checked
    address. Never follows redirects; ignores proxy settings from the
    environment, which would connect elsewhere than the address checked. The
    response body is not read: only its status matters, and nothing a
    receiver answers is kept.
    """
    destination = check(url)
    with requests.Session() as session:
        session.trust_env = False
        session.mount(f"{destination.scheme}://", PinnedAdapter(destination))
        return session.post(
            destination.pinned_url,
            data=data,
            headers={**headers, "Host": destination.host_header},
            timeout=timeout,
            allow_redirects=False,
            stream=True,
        )
