from satudata.apps.geo.models.base_layers import BaseLayer
from satudata.apps.geo.models.layer_metadata import LayerMetadata
from satudata.apps.geo.models.layer_style import LayerStyle
from satudata.apps.geo.models.saved_maps import SavedMap

__all__ = ["BaseLayer", "LayerMetadata", "LayerStyle", "SavedMap"]
