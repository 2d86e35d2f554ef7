from satudata.apps.harvest.models.runs import HarvestRecordError, HarvestRun
from satudata.apps.harvest.models.sources import HarvestedDataset, HarvestSource

__all__ = ["HarvestRecordError", "HarvestRun", "HarvestSource", "HarvestedDataset"]
