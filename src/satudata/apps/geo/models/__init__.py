from satudata.apps.geo.models.base_layers import BaseLayer
from satudata.apps.geo.models.layer_metadata import LayerMetadata

__all__ = ["BaseLayer", "LayerMetadata"]
