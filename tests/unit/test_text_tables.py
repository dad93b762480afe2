"""Plain-text tables: each cell read under its column's header."""

from __future__ import annotations

import pytest

from verification.text_tables import label_table_cells

JA_TABLE = (
    "ファイル名 | 内容 | 撮影\n"
    "ファイル:蔵 外観.jpg | 仕込み蔵外観 | 田村健一（田村写真事務所）\n"
    "ファイル:杉玉.jpg | 杉玉 | 田村健一"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            JA_TABLE,
            "ファイル名 | 内容 | 撮影\n"
            "ファイル名: ファイル:蔵 外観.jpg | 内容: 仕込み蔵外観 | 撮影: 田村健一（田村写真事務所）\n"
            "ファイル名: ファイル:杉玉.jpg | 内容: 杉玉 | 撮影: 田村健一",
        ),
        (  # a Markdown table: its separator row stays, an empty cell gets no label
            "| File | Photographer |\n|---|:---:|\n| File:A.jpg | Jan Vos |\n| File:B.jpg | |",
            "| File | Photographer |\n|---|:---:|\n"
            "File: File:A.jpg | Photographer: Jan Vos\nFile: File:B.jpg | ",
        ),
        (  # a ruled separator ("---+---") belongs to the table
            "Archivo | Autor\n--------+------\nArchivo:A.jpg | Javier Ruiz",
            "Archivo | Autor\n--------+------\nArchivo: Archivo:A.jpg | Autor: Javier Ruiz",
        ),
        # one line with bars is no table
        ("Foto: Jan Vos | Studio Vos", "Foto: Jan Vos | Studio Vos"),
        # rows of unequal length are no grid: left alone
        ("File | Photographer\nFile:A.jpg | Jan Vos | 2024",) * 2,
        # a header cell that is a sentence is no column label
        (
            "I took all of these photos myself on holiday last year | yes\nFile:A.jpg | Jan",
            "I took all of these photos myself on holiday last year | yes\nFile:A.jpg | Jan",
        ),
        # quoted lines are the agent's: left alone
        ("> File | Photographer\n> File:A.jpg | Jan Vos", "> File | Photographer\n> File:A.jpg | Jan Vos"),
        ("no table here", "no table here"),
        # below the signature delimiter, bars part a name from a title: no column headers
        (
            "Regards,\n--\nTom Hale | Staff Photographer\nBrightwater Ferries | Ferry Terminal, Town Quay",
            "Regards,\n--\nTom Hale | Staff Photographer\nBrightwater Ferries | Ferry Terminal, Town Quay",
        ),
        (  # a boxed table of labels and values, no rule under its first row: each row "label: value"
            "+-----+-----+\n| Фотограф | Андрей Соколов |\n| Сайт | sokolov.ru |\n+-----+-----+",
            "+-----+-----+\nФотограф: Андрей Соколов\nСайт: sokolov.ru\n+-----+-----+",
        ),
        (  # boxed, with a rule under the header row: a grid
            "+---+---+\n| File | Photographer |\n+---+---+\n| File:A.jpg | Jan Vos |\n+---+---+",
            "+---+---+\n| File | Photographer |\n+---+---+\n"
            "File: File:A.jpg | Photographer: Jan Vos\n+---+---+",
        ),
        (  # Japanese tables part their cells with full-width bars
            "ファイル名｜撮影者\nファイル:庭園.jpg｜田中 美咲\nファイル:茶室.jpg｜田中 美咲",
            "ファイル名｜撮影者\n"
            "ファイル名: ファイル:庭園.jpg | 撮影者: 田中 美咲\n"
            "ファイル名: ファイル:茶室.jpg | 撮影者: 田中 美咲",
        ),
    ],
    ids=[
        "japanese-grid",
        "markdown",
        "ruled",
        "one-line",
        "unequal-rows",
        "sentence-header",
        "quoted",
        "no-bars",
        "signature-rows",
        "boxed-labels-and-values",
        "boxed-grid",
        "full-width-bars",
    ],
)
def test_label_table_cells(text: str, expected: str) -> None:
    assert label_table_cells(text) == expected
