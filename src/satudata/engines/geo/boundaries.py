"""Base layers built from boundaries: a higher level as the union of its parts (a kecamatan as
the union of its kelurahan, by `kode_kec`), with the slivers that simplified neighbouring
outlines leave inside it filled."""

# SQL here is built only from quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from satudata.engines import duck
from satudata.engines.geo import layout
from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.store import quote_ident

# Holes smaller than this (m²) inside a union are slivers between simplified outlines (those
# of Kota Tangerang's kelurahan reach 3,700 m²); a real enclave is far larger.
SLIVER_M2 = 10_000


def _reader(source: Path) -> str:
    if source.suffix.lower() == ".parquet":
        return f"read_parquet({literal(str(source))})"
    return f"ST_Read({literal(str(source))})"


def dissolve(
    source: Path,
    target: Path,
    key: str,
    columns: Mapping[str, str],
    sliver_m2: float = SLIVER_M2,
) -> int:
    """Write to `target` (GeoParquet) one feature per value of `key` in the layer `source`,
    its geometry the union of the features that share it; `columns` maps source attributes
    (constant within a group, `key` among them) to output names. Returns the feature count."""
    selects = ", ".join(
        f"any_value({quote_ident(s)}) AS {quote_ident(t)}" for s, t in columns.items()
    )
    names = ", ".join(quote_ident(t) for t in columns.values())
    area = "ST_Area_Spheroid(ST_FlipCoordinates(ST_MakePolygon(r)))"
    holes = (
        "list_filter([ST_InteriorRingN(p, i) FOR i IN range(1, ST_NumInteriorRings(p) + 1)], "
        f"r -> {area} >= {float(sliver_m2)})"
    )
    con = duck.connect(extensions=["spatial"])
    try:
        con.execute(
            f"CREATE TEMP TABLE grouped AS SELECT {quote_ident(key)} AS __key, {selects}, "
            f"ST_Union_Agg(geom) AS geom FROM {_reader(source)} GROUP BY {quote_ident(key)}"
        )
        con.execute(
            "CREATE TEMP TABLE parts AS SELECT __key, "
            f"ST_MakePolygon(ST_ExteriorRing(p), {holes}) AS p FROM "
            "(SELECT __key, unnest(ST_Dump(geom)).geom AS p FROM grouped) "
            "WHERE ST_GeometryType(p) = 'POLYGON'"
        )
        con.execute(
            f"CREATE TEMP TABLE dissolved AS SELECT {names}, "
            f"row_number() OVER (ORDER BY __key) AS {layout.FID}, u.geom FROM grouped g JOIN "
            "(SELECT __key, ST_Union_Agg(p) AS geom FROM parts GROUP BY __key) u "
            "USING (__key) ORDER BY __key"
        )
        layout.write(con, "dissolved", target, {})
        row = con.execute(f"SELECT count(*) FROM read_parquet({literal(str(target))})").fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()
