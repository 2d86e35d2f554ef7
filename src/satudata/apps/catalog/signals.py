"""Events other apps listen to (webhooks, consistency checks, harvest bookkeeping).

`version_published` is sent after the transaction that publishes (or republishes) a version has
committed, with `dataset`, `version` and `kind` ("publish" or "rollback")."""

from django.dispatch import Signal

version_published = Signal()
