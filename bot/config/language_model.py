"""py3langid's model, loaded from an unpacked copy in the cache directory when it can be.

The library ships its model LZMA-packed (4.6 MB), and unpacking it costs ~0.7 s of CPU in every reading
worker as it starts. The unpacked npz (68 MB) is written once into the cache directory, under the packed
file's digest, and later loads read it in ~0.07 s. Whatever goes wrong with the copy (no writable cache
directory, a library version whose model is laid out otherwise) falls back to the library's own loader:
the copy only ever saves time, it never changes what is loaded.
"""

from __future__ import annotations

import hashlib
import logging
import lzma
import os
import shutil
import tempfile
import zipfile
from array import array
from pathlib import Path
from typing import Any

LOGGER = logging.getLogger(__name__)

# The layout this loader knows: py3langid's npz inside xz (its modelio.save_model).
_PACKED_SUFFIX = ".npz.xz"
# Array typecodes of the unsigned integer sizes the library's DFA tables come in.
_UNSIGNED_CODES = {2: "H", 4: "I", 8: "L"}


def load_language_model(cache_dir: Path) -> Any:
    """The library's LanguageIdentifier (probabilities normalised), read from the unpacked copy in
    `cache_dir`, made first if missing; from the packed model when the copy cannot be used."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier  # numpy and all: on first use

    packed = MODEL_DIR / MODEL_FILE
    if not str(MODEL_FILE).endswith(_PACKED_SUFFIX):
        return LanguageIdentifier.from_modelpath(packed, norm_probs=True)
    try:
        return _identifier_from_npz(_unpacked_copy(packed, cache_dir))
    except (OSError, ValueError, KeyError, lzma.LZMAError, zipfile.BadZipFile) as error:
        LOGGER.debug("unpacked language model not usable (%s); reading the packed one", type(error).__name__)
        return LanguageIdentifier.from_modelpath(packed, norm_probs=True)


def _unpacked_copy(packed: Path, cache_dir: Path) -> Path:
    """The path of the unpacked model in `cache_dir`, named by the packed file's digest (another
    library version gets a copy of its own); written through a temporary file and renamed, so that
    workers starting together never read a half-written copy."""
    digest = hashlib.sha256(packed.read_bytes()).hexdigest()[:16]
    unpacked = cache_dir / f"langid-{digest}.npz"
    if unpacked.is_file():
        return unpacked
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=cache_dir, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out, lzma.open(packed) as source:
            shutil.copyfileobj(source, out, length=1 << 20)
        os.replace(temporary, unpacked)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return unpacked


def _identifier_from_npz(path: Path) -> Any:
    """The identifier as py3langid's own loader builds it from the same arrays (modelio.load_model
    and LanguageIdentifier.from_model_file), without the LZMA step; no pickle is ever loaded."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    with np.load(path, allow_pickle=False) as data:
        return LanguageIdentifier(
            data["ptc"],
            data["pc"],
            data["classes"].tolist(),
            _unsigned_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_unsigned_array(data["nextmove_row"]),
        )


def _unsigned_array(values: Any) -> array[int]:
    """A numpy table of unsigned integers as the stdlib array the library's DFA walk indexes."""
    if values.dtype.kind != "u" or values.dtype.itemsize not in _UNSIGNED_CODES:
        raise ValueError(f"unexpected DFA table type {values.dtype}")
    return array(_UNSIGNED_CODES[values.dtype.itemsize], values.tobytes())
