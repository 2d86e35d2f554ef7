"""Vector tiles of a layer (OGC API – Tiles, WebMercatorQuad), kept on disk under the layer
version's checksum: a new version has a new checksum, so its tiles are never stale, and the
web workers share what any of them has drawn."""

import os
import tempfile
from pathlib import Path

from satudata.engines.geo.features import tile
from satudata.platform import storage

MIN_ZOOM, MAX_ZOOM = 0, 18


def _cached(checksum: str, z: int, x: int, y: int) -> Path:
    return storage.files_root() / "tiles" / checksum / str(z) / str(x) / f"{y}.mvt"


def layer_tile(
    parquet_path: str, checksum: str, name: str, columns: list[str], z: int, x: int, y: int
) -> bytes:
    """The tile's bytes (empty when no feature touches it), drawn once per layer version."""
    path = _cached(checksum, z, x, y)
    if path.is_file():
        return path.read_bytes()
    data = tile(storage.absolute(parquet_path), z, x, y, name, columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, staged = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    Path(staged).replace(path)
    return data
