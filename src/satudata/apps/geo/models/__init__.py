from satudata.apps.geo.models.base_layers import BaseLayer

__all__ = ["BaseLayer"]
