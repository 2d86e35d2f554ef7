import pytest

from satudata.apps.geo.actions import do_load_base_layers


@pytest.fixture
def base_layers(db):
    return {layer.slug: layer for layer in do_load_base_layers()}
