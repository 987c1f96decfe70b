"""SEARCH_BACKEND switches Wagtail's search between the database and a cluster."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings.base import search_backends


def test_database_search_is_the_default():
    backend = search_backends({})["default"]

    assert backend == {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "english",
    }


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("elasticsearch", "wagtail.search.backends.elasticsearch9"),
        ("elasticsearch8", "wagtail.search.backends.elasticsearch8"),
        ("opensearch", "wagtail.search.backends.opensearch3"),
        ("OpenSearch2", "wagtail.search.backends.opensearch2"),
    ],
)
def test_a_cluster_is_chosen_by_name_with_its_urls(name, module):
    backend = search_backends(
        {
            "SEARCH_BACKEND": name,
            "SEARCH_URL": "https://search-1:9200, https://search-2:9200",
            "SEARCH_INDEX_PREFIX": "news_",
        }
    )["default"]

    assert backend["BACKEND"] == module
    assert backend["URLS"] == ["https://search-1:9200", "https://search-2:9200"]
    assert backend["INDEX_PREFIX"] == "news_"


def test_every_named_backend_is_one_wagtail_ships():
    import importlib

    from cms.settings.base import SEARCH_CLUSTER_BACKENDS

    for name in SEARCH_CLUSTER_BACKENDS:
        spec = importlib.util.find_spec(f"wagtail.search.backends.{name}")
        assert spec is not None, name


def test_a_cluster_without_a_url_refuses_to_start():
    with pytest.raises(ImproperlyConfigured, match="SEARCH_URL"):
        search_backends({"SEARCH_BACKEND": "opensearch"})


def test_an_unknown_backend_refuses_to_start():
    with pytest.raises(ImproperlyConfigured, match="solr"):
        search_backends({"SEARCH_BACKEND": "solr"})
