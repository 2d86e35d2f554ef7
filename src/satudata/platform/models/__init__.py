from satudata.platform.models.audit import AuditChainHead, AuditEntry
from satudata.platform.models.jobs import Job

__all__ = ["AuditChainHead", "AuditEntry", "Job"]
