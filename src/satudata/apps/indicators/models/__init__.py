from satudata.apps.indicators.models.indicators import Indicator, Level, Target, Value

__all__ = ["Indicator", "Level", "Target", "Value"]
