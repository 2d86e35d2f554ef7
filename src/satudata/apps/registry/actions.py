"""Every write to the kode wilayah registry: applying a newer decree's list."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from satudata.apps.registry.loader import level_of, parent_code
from satudata.apps.registry.models import Wilayah, WilayahChange
from satudata.apps.registry.updates import UpdatePlan
from satudata.platform import audit

Kind = WilayahChange.Kind


def _change(kind: str, old: str = "", new: str = "", **values: Any) -> WilayahChange:
    return WilayahChange(kind=kind, old_kode=old, new_kode=new, **values)


def do_apply_wilayah_update(
    plan: UpdatePlan, *, decree: str, date: dt.date, actor: Any = None
) -> dict[str, int]:
    """Apply `plan` in one transaction: new codes are added (a retired code named again comes
    back), names change, codes missing from the decree are retired (kept, with `valid_until`
    and `replaced_by` where the change file names one successor), and every change is
    recorded with the decree. Trusts its caller (the `wilayah_update` command)."""
    stamp = {"decree": decree[:200], "date": date}
    now = timezone.now()
    with transaction.atomic():
        names = dict(Wilayah.objects.values_list("kode", "nama"))
        changes: list[WilayahChange] = []
        targets = {c.new_kode for c in plan.declared}
        fresh = [k for k in plan.added if k not in names]
        Wilayah.objects.bulk_create(
            [
                Wilayah(
                    kode=kode,
                    nama=plan.added[kode],
                    level=level_of(kode),
                    parent_id=parent_code(kode),
                    valid_from=date,
                )
                for kode in sorted(fresh, key=lambda k: (k.count("."), k))
            ],
            batch_size=2000,
        )
        back = [k for k in plan.added if k in names]
        for kode in back:
            Wilayah.objects.filter(kode=kode).update(
                nama=plan.added[kode],
                valid_until=None,
                replaced_by=None,
                valid_from=date,
                updated_at=now,
            )
        for kode, nama in plan.added.items():
            if kode not in targets:
                changes.append(_change(Kind.ADDED, new=kode, new_nama=nama, **stamp))
        for kode, (old, new) in plan.renamed.items():
            Wilayah.objects.filter(kode=kode).update(nama=new, updated_at=now)
            changes.append(_change(Kind.RENAMED, kode, kode, old_nama=old, new_nama=new, **stamp))
        successors: dict[str, list[str]] = {}
        for declared in plan.declared:
            successors.setdefault(declared.old_kode, []).append(declared.new_kode)
            changes.append(
                _change(
                    declared.kind,
                    declared.old_kode,
                    declared.new_kode,
                    old_nama=names.get(declared.old_kode, ""),
                    new_nama=plan.added.get(declared.new_kode) or names.get(declared.new_kode, ""),
                    **stamp,
                )
            )
        alone = [kode for kode in plan.retired if len(successors.get(kode, [])) != 1]
        Wilayah.objects.filter(kode__in=alone).update(valid_until=date, updated_at=now)
        for kode, nama in plan.retired.items():
            following = successors.get(kode, [])
            if len(following) == 1:
                Wilayah.objects.filter(kode=kode).update(
                    valid_until=date, replaced_by_id=following[0], updated_at=now
                )
            if not following:
                changes.append(_change(Kind.RETIRED, kode, old_nama=nama, **stamp))
        WilayahChange.objects.bulk_create(changes, batch_size=2000)
        summary = plan.summary()
        audit.record(
            "wilayah.update",
            actor=actor,
            label=decree[:300],
            detail={**summary, "date": date.isoformat(), "changes": len(changes)},
        )
    return summary
