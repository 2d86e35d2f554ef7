"""Small builders for tests: organisations, people with roles, datasets in any state, versions."""

import itertools
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.utils import timezone

from satudata.apps.accounts.models import Organisation, RoleGrant, User
from satudata.apps.catalog.models import Dataset, State, Transition, Version
from satudata.platform import storage

_seq = itertools.count(1)
PASSWORD = "rahasia-uji-123"  # noqa: S105 (test accounts only)


def make_org(kind: str = "opd", name: str | None = None, **extra: Any) -> Organisation:
    n = next(_seq)
    name = name or f"Dinas Uji {n}"
    return Organisation.objects.create(
        name=name, slug=f"org-{n}", kind=kind, short_name=f"DU{n}", **extra
    )


def make_user(
    org: Organisation | None = None, *roles: str, username: str | None = None, **extra: Any
) -> User:
    n = next(_seq)
    user = User.objects.create_user(
        username=username or f"user{n}",
        password=PASSWORD,
        email=f"user{n}@example.go.id",
        organisation=org,
        full_name=f"Pengguna Uji {n}",
        **extra,
    )
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    return user


def write_parquet(columns: dict[str, list[Any]]) -> Path:
    path = storage.new_path("versions", ".parquet")
    pq.write_table(pa.table(columns), path)
    return path


def make_version(
    dataset: Dataset,
    columns: dict[str, list[Any]] | None = None,
    fields: list[dict[str, Any]] | None = None,
    user: User | None = None,
) -> Version:
    columns = columns or {"kode_wilayah": ["36.71.01", "36.71.02"], "jumlah": [120, 98]}
    path = write_parquet(columns)
    number = dataset.versions.count() + 1
    if fields is None:
        fields = [
            {
                "name": name,
                "title": name,
                "type": "integer" if name == "jumlah" else "string",
                "role": "kode_wilayah" if name == "kode_wilayah" else None,
            }
            for name in columns
        ]
    return Version.objects.create(
        dataset=dataset,
        number=number,
        parquet_path=storage.relative(path),
        checksum=storage.sha256_file(path),
        rows=len(next(iter(columns.values()))),
        fields=fields,
        source_path=storage.relative(path),
        source_name=f"data-{number}.csv",
        source_checksum=storage.sha256_file(path),
        uploaded_by=user,
    )


def make_layer_version(dataset: Dataset, source: Path, user: User | None = None) -> Version:
    """A layer version of `dataset` read from the layer file `source` by the geospatial engine."""
    from satudata.apps.catalog.actions.layers import layer_info
    from satudata.apps.catalog.fields import plain
    from satudata.engines.geo import ingest_layer

    shapes, table = (
        storage.new_path("versions", ".parquet"),
        storage.new_path("versions", ".parquet"),
    )
    result = ingest_layer(source, shapes, table_target=table)
    assert result.ok, result.counts
    stored = storage.store_copy(source, "sources", source.suffix)
    return Version.objects.create(
        dataset=dataset,
        number=dataset.versions.count() + 1,
        parquet_path=storage.relative(table),
        checksum=storage.sha256_file(table),
        rows=result.report.features,
        fields=plain(result.fields),
        source_path=storage.relative(stored),
        source_name=source.name,
        source_checksum=storage.sha256_file(stored),
        geo={"path": storage.relative(shapes), **layer_info(result)},
        uploaded_by=user,
    )


def publish(dataset: Dataset, version: Version) -> Dataset:
    """`version` published as the dataset's current data."""
    Transition.objects.create(
        dataset=dataset, kind=Transition.Kind.PUBLISH, to_state=State.DITERBITKAN, version=version
    )
    dataset.published_version = version
    dataset.state = State.DITERBITKAN
    dataset.data_updated_at = timezone.now()
    dataset.save()
    return dataset


def make_dataset(
    org: Organisation,
    *,
    access_level: str = "terbuka",
    published: bool = True,
    title: str | None = None,
    state: str | None = None,
    **extra: Any,
) -> Dataset:
    n = next(_seq)
    dataset = Dataset.objects.create(
        organisation=org,
        title=title or f"Dataset uji {n}",
        slug=f"dataset-uji-{n}",
        access_level=access_level,
        licence="cc-by-4.0" if access_level == "terbuka" else "internal",
        **extra,
    )
    if published:
        publish(dataset, make_version(dataset))
    if state is not None:
        dataset.state = state
    dataset.save()
    return dataset
