"""
Which database a query goes to: the replica for Delivery API reads that may
see it, the primary for everything else.
"""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import RequestFactory

from cms.db import freshness
from cms.db.middleware import ReplicaReadsMiddleware
from cms.db.router import ReplicaRouter, replica_reads
from cms.publishing.models import DeliveryDocument

router = ReplicaRouter()


@pytest.fixture
def replica():
    """A replica alias is configured; whether it is fresh is up to the test."""
    with (
        mock.patch("cms.db.router.replica_configured", return_value=True),
        mock.patch("cms.db.middleware.replica_configured", return_value=True),
        mock.patch("cms.db.freshness.replica_is_fresh", return_value=True) as fresh,
    ):
        yield fresh


def reads_in_block():
    return router.db_for_read(DeliveryDocument)


def test_without_a_replica_every_read_goes_to_default():
    with replica_reads():
        assert reads_in_block() == "default"


def test_reads_outside_a_replica_block_go_to_the_primary(replica):
    assert reads_in_block() == "default"


def test_delivery_reads_go_to_a_fresh_replica(replica):
    with replica_reads():
        assert reads_in_block() == "replica"
        assert reads_in_block() == "replica"
    # Freshness is checked once per request, at its first read.
    assert replica.call_count == 1


def test_reads_go_to_the_primary_while_the_replica_lags(replica):
    replica.return_value = False
    with replica_reads():
        assert reads_in_block() == "default"


def test_a_read_after_a_write_in_the_same_request_goes_to_the_primary(replica):
    with replica_reads():
        assert reads_in_block() == "replica"
        assert router.db_for_write(DeliveryDocument) == "default"
        assert reads_in_block() == "default"


def test_migrations_never_run_on_the_replica():
    assert router.allow_migrate("replica", "delivery") is False
    assert router.allow_migrate("default", "delivery") is True


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/api/v1/articles/", "replica"),
        ("HEAD", "/api/v1/articles/12/", "replica"),
        ("GET", "/api/v1/search/?q=aleppo", "replica"),
        ("POST", "/api/v1/articles/", "default"),
        ("GET", "/api/v1/preview/?token=x", "default"),
        ("GET", "/api/v1/sync/", "default"),
        ("GET", "/api/editorial/pages/", "default"),
        ("GET", "/admin/pages/", "default"),
        ("GET", "/news/", "default"),
    ],
)
def test_only_safe_public_delivery_requests_may_use_the_replica(
    replica, method, path, expected
):
    seen = []

    def view(request):
        seen.append(reads_in_block())
        return mock.Mock(status_code=200)

    request = RequestFactory().generic(method, path)
    with mock.patch("cms.observability.metrics.record_read_database"):
        ReplicaReadsMiddleware(view)(request)
    assert seen == [expected]


def test_wal_positions_compare_as_numbers():
    assert freshness.parse_lsn("16/B374D848") == (0x16 << 32) + 0xB374D848
    assert freshness.parse_lsn("1/0") > freshness.parse_lsn("0/FFFFFFFF")


def test_the_stored_primary_position_never_moves_back():
    cache.delete(freshness.POSITION_KEY)
    freshness._raise_stored_position(5_000)
    freshness._raise_stored_position(4_000)
    assert cache.get(freshness.POSITION_KEY) == 5_000
    freshness._raise_stored_position(6_000)
    assert cache.get(freshness.POSITION_KEY) == 6_000


@pytest.fixture
def positions():
    """WAL positions of a PostgreSQL primary and replica, as the test sets them."""
    freshness.forget_replay_position()
    with (
        mock.patch.object(freshness, "_is_postgres", return_value=True),
        mock.patch.object(freshness, "required_position") as required,
        mock.patch.object(freshness, "replica_position") as replayed,
    ):
        yield required, replayed
    freshness.forget_replay_position()


def test_replica_is_fresh_once_it_replayed_the_last_change(positions):
    required, replayed = positions
    required.return_value, replayed.return_value = 900, 800
    assert freshness.replica_is_fresh() is False
    replayed.return_value = 900
    assert freshness.replica_is_fresh() is True


def test_a_caught_up_replica_is_not_asked_again_until_the_next_change(positions):
    required, replayed = positions
    required.return_value, replayed.return_value = 900, 950
    assert freshness.replica_is_fresh() is True
    assert freshness.replica_is_fresh() is True
    assert replayed.call_count == 1
    required.return_value = 1_000
    replayed.return_value = 960
    assert freshness.replica_is_fresh() is False


def test_a_replica_that_does_not_answer_sends_reads_to_the_primary(positions):
    required, replayed = positions
    required.return_value = 900
    replayed.side_effect = OperationalError("connection refused")
    with mock.patch.object(freshness, "connections") as connections:
        assert freshness.replica_is_fresh() is False
    # The broken connection is dropped, so the next request reconnects.
    connections["replica"].close.assert_called_once()
