from satudata.apps.bigdata.models.sources import Alert, Correction, Run, Source

__all__ = ["Alert", "Correction", "Run", "Source"]
