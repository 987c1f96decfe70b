"""The signature check a receiver calls answers yes or no to any header it is given."""

from cms.webhooks.signing import sign, verify


def test_signature_header_with_non_ascii_characters_is_refused_not_an_error():
    assert verify("whsec_secret", 1700000000, b"{}", "sha256=é") is False


def test_the_real_signature_still_verifies():
    signature = sign("whsec_secret", 1700000000, b"{}")

    assert verify("whsec_secret", 1700000000, b"{}", signature) is True
