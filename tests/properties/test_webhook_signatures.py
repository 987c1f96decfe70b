"""Webhook signatures: a receiver's check passes for what was sent and for nothing else."""

from hypothesis import assume, given
from hypothesis import strategies as st

from cms.webhooks.signing import generate_secret, sign, verify

from .conftest import pure

secrets = st.builds(generate_secret) | st.text(min_size=1, max_size=80)
timestamps = st.integers(min_value=0, max_value=2**40)
bodies = st.binary(max_size=2000)


@pure
@given(secret=secrets, timestamp=timestamps, body=bodies)
def test_signature_verifies_for_the_delivery_it_was_made_for(secret, timestamp, body):
    assert verify(secret, timestamp, body, sign(secret, timestamp, body))


@pure
@given(secret=secrets, timestamp=timestamps, body=bodies, other=bodies)
def test_signature_does_not_verify_another_body(secret, timestamp, body, other):
    assume(other != body)

    assert not verify(secret, timestamp, other, sign(secret, timestamp, body))


@pure
@given(secret=secrets, timestamp=timestamps, other=timestamps, body=bodies)
def test_signature_does_not_verify_a_replay_at_another_time(
    secret, timestamp, other, body
):
    assume(other != timestamp)

    assert not verify(secret, other, body, sign(secret, timestamp, body))


@pure
@given(secret=secrets, other=secrets, timestamp=timestamps, body=bodies)
def test_signature_made_with_another_secret_does_not_verify(
    secret, other, timestamp, body
):
    assume(other != secret)

    assert not verify(secret, timestamp, body, sign(other, timestamp, body))


@pure
@given(secret=secrets, timestamp=timestamps, body=bodies, header=st.text(max_size=100))
def test_any_signature_header_is_answered_true_or_false(
    secret, timestamp, body, header
):
    """A receiver passes the header straight in; junk must not raise."""
    assume(header != sign(secret, timestamp, body))

    assert verify(secret, timestamp, body, header) is False
