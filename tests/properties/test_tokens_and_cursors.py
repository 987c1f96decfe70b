"""
Signed strings a client hands back: list cursors, sync cursors, preview tokens.

For each: what the server made reads back unchanged; anything else, however
mangled, is refused with the module's own error and never an unexpected
exception; and no tampering yields a *different* valid payload.
"""

from datetime import UTC, datetime
from unittest import mock

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cms.api.delivery.paging import ORDERS, make_cursor, read_cursor
from cms.api.delivery.routers import sync
from cms.http.problems import BadRequest
from cms.preview import tokens

from .conftest import pure

ids = st.integers(min_value=1, max_value=2**31)
moments = st.datetimes(
    min_value=datetime(1970, 1, 2),
    max_value=datetime(2100, 1, 1),
    timezones=st.just(UTC),
)
# Printable text plus the characters signing and base64 use, so that junk
# often looks like a cursor.
junk = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from(":-_=.abcdefABCDEF0123"),
    max_size=200,
)


def tampered(text, data):
    """``text`` with one character replaced, inserted or removed."""
    position = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    edit = data.draw(st.sampled_from(["replace", "insert", "delete"]))
    char = data.draw(
        st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789-_:")
    )
    if edit == "replace":
        return text[:position] + char + text[position + 1 :]
    if edit == "insert":
        return text[:position] + char + text[position:]
    return text[:position] + text[position + 1 :]


def key_for(order, moment, title, page_id):
    if order in ("-date", "date"):
        return [moment.isoformat(), page_id]
    return [title, page_id]


@pure
@given(
    order=st.sampled_from(sorted(ORDERS)), moment=moments, title=st.text(), page_id=ids
)
def test_list_cursor_reads_back_the_position_it_was_made_for(
    order, moment, title, page_id
):
    cursor = make_cursor(order, key_for(order, moment, title, page_id))

    first, read_id = read_cursor(cursor, order)

    assert read_id == page_id
    assert first == (moment if order in ("-date", "date") else title)


@pure
@given(text=junk, order=st.sampled_from(sorted(ORDERS)))
def test_list_cursor_junk_is_a_bad_request(text, order):
    try:
        read_cursor(text, order)
    except BadRequest:
        return
    pytest.fail(f"junk accepted as a cursor: {text!r}")


@pure
@given(
    order=st.sampled_from(sorted(ORDERS)),
    other=st.sampled_from(sorted(ORDERS)),
    page_id=ids,
)
def test_list_cursor_for_another_order_is_refused(order, other, page_id):
    assume(order != other)
    cursor = make_cursor(order, key_for(order, datetime.now(UTC), "t", page_id))

    with pytest.raises(BadRequest):
        read_cursor(cursor, other)


@pure
@given(
    order=st.sampled_from(sorted(ORDERS)), title=st.text(), page_id=ids, data=st.data()
)
def test_tampered_list_cursor_never_points_somewhere_else(order, title, page_id, data):
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    original = make_cursor(order, key_for(order, moment, title, page_id))
    expected = read_cursor(original, order)

    try:
        result = read_cursor(tampered(original, data), order)
    except BadRequest:
        return
    # Base64's spare bits let a few edits decode to the same bytes; what
    # matters is that no edit moves the cursor.
    assert result == expected


@pure
@given(
    phase=st.sampled_from(["snapshot", "changes"]),
    position=st.integers(min_value=0, max_value=2**62),
    after=st.integers(min_value=0, max_value=2**62),
)
def test_sync_cursor_reads_back_its_phase_and_position(phase, position, after):
    data = sync.read_cursor(sync.make_cursor(phase, position, after))

    assert (data["phase"], data["pos"], data["after"]) == (phase, position, after)


@pure
@given(text=junk)
def test_sync_cursor_junk_is_a_bad_request(text):
    with pytest.raises(BadRequest):
        sync.read_cursor(text)


@pure
@given(position=st.integers(min_value=0, max_value=2**40), data=st.data())
def test_tampered_sync_cursor_never_moves(position, data):
    original = sync.make_cursor("changes", position)

    try:
        result = sync.read_cursor(tampered(original, data))
    except BadRequest:
        return
    assert result == sync.read_cursor(original)


@pure
@given(page_id=ids, revision_id=ids)
def test_preview_token_names_the_page_and_revision_it_was_made_for(
    page_id, revision_id
):
    token = tokens.make_token(page_id=page_id, revision_id=revision_id)

    assert tokens.read_token(token) == {"p": page_id, "r": revision_id}


@pure
@given(text=junk)
def test_preview_token_junk_is_refused(text):
    with pytest.raises(tokens.PreviewTokenError):
        tokens.read_token(text)


@pure
@given(page_id=ids, revision_id=ids, data=st.data())
def test_tampered_preview_token_never_opens_another_page(page_id, revision_id, data):
    original = tokens.make_token(page_id=page_id, revision_id=revision_id)

    try:
        payload = tokens.read_token(tampered(original, data))
    except tokens.PreviewTokenError:
        return
    assert payload == {"p": page_id, "r": revision_id}


@pure
@given(
    page_id=ids, snapshot_id=ids, minutes_late=st.integers(min_value=1, max_value=10**6)
)
def test_preview_token_past_its_lifetime_is_refused_as_expired(
    page_id, snapshot_id, minutes_late
):
    token = tokens.make_token(page_id=page_id, snapshot_id=snapshot_id)
    later = datetime.now(UTC).timestamp() + (
        tokens.max_age_seconds() + minutes_late * 60
    )

    with (
        mock.patch("django.core.signing.time.time", return_value=later),
        pytest.raises(tokens.PreviewTokenError) as refusal,
    ):
        tokens.read_token(token)
    assert refusal.value.expired
