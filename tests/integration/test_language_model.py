"""The language model read from its unpacked copy in the cache directory is the library's own model, and
a cache directory that cannot hold the copy, or a broken copy, still gives that model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from bot.config.language_model import load_language_model


@pytest.fixture(scope="module")
def library_model() -> Any:
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


TEXTS = [
    "Ich erlaube hiermit die Weiternutzung des Werks unter der freien Lizenz.",
    "I hereby affirm that I am the creator of the following media work.",
    "Je soussigné publie l'image sous licence CC BY-SA 4.0.",
    "ウィキペディアのみ",
    "ok",
]


def same_model(loaded: Any, library: Any) -> bool:
    tables = ("nb_classes", "tk_output", "tk_nextmove", "tk_row", "_alias_pairs")
    return (
        all(getattr(loaded, name) == getattr(library, name) for name in tables)
        and all(
            np.array_equal(getattr(loaded, name), getattr(library, name))
            and getattr(loaded, name).dtype == getattr(library, name).dtype
            for name in ("nb_ptc", "nb_pc")
        )
        and [loaded.classify(text) for text in TEXTS] == [library.classify(text) for text in TEXTS]
    )


def test_the_copy_is_made_once_and_read_back_as_the_same_model(tmp_path: Path, library_model: Any) -> None:
    first = load_language_model(tmp_path)
    copies = list(tmp_path.glob("langid-*.npz"))
    assert len(copies) == 1
    assert not list(tmp_path.glob("*.part"))
    made = copies[0].stat().st_mtime_ns
    again = load_language_model(tmp_path)
    assert copies[0].stat().st_mtime_ns == made  # read, not written again
    assert same_model(first, library_model)
    assert same_model(again, library_model)


def test_an_unusable_cache_directory_gives_the_library_model(tmp_path: Path, library_model: Any) -> None:
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder should be")
    assert same_model(load_language_model(not_a_folder), library_model)


def test_a_broken_copy_gives_the_library_model(tmp_path: Path, library_model: Any) -> None:
    load_language_model(tmp_path)
    (copy,) = tmp_path.glob("langid-*.npz")
    copy.write_bytes(copy.read_bytes()[:1000])
    assert same_model(load_language_model(tmp_path), library_model)
