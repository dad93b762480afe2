"""Tiny valid JPEGs with EXIF text tags, written byte by byte.

The sandbox needs sample uploads whose `imageinfo` metadata carries EXIF Artist and Copyright, as Commons
files do. Building them here keeps Pillow (and any image library) out of the dependencies: a flat grey
baseline JPEG needs only fixed tables and two bits per 8x8 block.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

# EXIF/TIFF tag numbers of IFD0 text fields (TIFF 6.0 section 8).
TAG_IMAGE_DESCRIPTION = 0x010E
TAG_DATE_TIME = 0x0132
TAG_ARTIST = 0x013B
TAG_COPYRIGHT = 0x8298

_TIFF_ASCII = 2
_MAX_SIDE = 0xFFFF


@dataclass(frozen=True)
class JpegSpec:
    """What one sample image carries: its size and the EXIF text tags (tag number -> ASCII text)."""

    width: int
    height: int
    exif: Mapping[int, str] = field(default_factory=dict)


def _segment(marker: int, payload: bytes) -> bytes:
    """A JPEG marker segment: marker, big-endian length (counting itself), payload."""
    return struct.pack(">HH", 0xFF00 | marker, len(payload) + 2) + payload


def exif_payload(tags: Mapping[int, str]) -> bytes:
    """The APP1 body: `Exif\\0\\0` and a little-endian TIFF block with one IFD of ASCII entries."""
    entries = sorted(tags.items())
    ifd_size = 2 + 12 * len(entries) + 4
    data_offset = 8 + ifd_size
    ifd = struct.pack("<H", len(entries))
    data = b""
    for tag, text in entries:
        value = text.encode("ascii") + b"\0"
        if len(value) <= 4:
            ifd += struct.pack("<HHI", tag, _TIFF_ASCII, len(value)) + value.ljust(4, b"\0")
        else:
            ifd += struct.pack("<HHII", tag, _TIFF_ASCII, len(value), data_offset + len(data))
            data += value
            if len(data) % 2:
                data += b"\0"  # TIFF wants values on word boundaries
    ifd += struct.pack("<I", 0)
    return b"Exif\0\0" + b"II*\0" + struct.pack("<I", 8) + ifd + data


def _scan_data(width: int, height: int) -> bytes:
    """Entropy-coded data of a flat image: per 8x8 block a 1-bit DC 'no change' and a 1-bit EOB."""
    blocks = -(-width // 8) * -(-height // 8)
    bits = 2 * blocks
    padding = -bits % 8
    value = (1 << padding) - 1  # zeros for the blocks, then 1-bits to fill the last byte
    return value.to_bytes((bits + padding) // 8, "big")


def make_jpeg(spec: JpegSpec) -> bytes:
    """A baseline greyscale JPEG of the given size with the EXIF tags in an APP1 segment."""
    if not (0 < spec.width <= _MAX_SIDE and 0 < spec.height <= _MAX_SIDE):
        raise ValueError(f"JPEG side out of range: {spec.width}x{spec.height}")
    quant = _segment(0xDB, b"\x00" + bytes([1] * 64))
    frame = _segment(0xC0, struct.pack(">BHHB", 8, spec.height, spec.width, 1) + b"\x01\x11\x00")
    one_code = bytes([1] + [0] * 15) + b"\x00"  # one symbol (0) with a 1-bit code
    huffman = _segment(0xC4, b"\x00" + one_code + b"\x10" + one_code)
    scan = _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    parts = [b"\xff\xd8"]
    if spec.exif:
        parts.append(_segment(0xE1, exif_payload(spec.exif)))
    parts += [quant, frame, huffman, scan, _scan_data(spec.width, spec.height), b"\xff\xd9"]
    return b"".join(parts)
