"""A zip archive written as a stream of bytes (no seeking, constant memory): a data file copied
in chunks while its size and SHA-256 are counted, then the entries that depend on them."""

import hashlib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

CHUNK_BYTES = 1024 * 1024
ZIP64_FROM = 2**31 - 1


@dataclass(frozen=True)
class FileStats:
    bytes: int
    sha256: str


class _Sink(io.RawIOBase):
    """Collects what `zipfile` writes. It cannot seek, so `zipfile` writes each entry's sizes
    after its data (data descriptors) and never goes back."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self.parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def stream(
    data: BinaryIO,
    data_name: str,
    size: int,
    then: Callable[[FileStats], dict[str, bytes]],
) -> Iterator[bytes]:
    """The archive: `data` (of `size` bytes) stored as `data_name`, then the entries `then`
    makes from the data's size and checksum. `data` is closed at the end."""
    sink = _Sink()
    with data, zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        digest = hashlib.sha256()
        written = 0
        with archive.open(data_name, "w", force_zip64=size >= ZIP64_FROM) as entry:
            while chunk := data.read(CHUNK_BYTES):
                digest.update(chunk)
                written += len(chunk)
                entry.write(chunk)
                if out := sink.take():
                    yield out
        for name, content in then(FileStats(written, digest.hexdigest())).items():
            archive.writestr(name, content)
        yield sink.take()
    yield sink.take()
