from satudata.apps.geo.models.base_layers import BaseLayer
from satudata.apps.geo.models.layer_metadata import LayerMetadata
from satudata.apps.geo.models.layer_style import LayerStyle

__all__ = ["BaseLayer", "LayerMetadata", "LayerStyle"]
