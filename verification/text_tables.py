"""Plain-text tables read as their sender meant them: each cell under its column's header.

A mail may list its files in a table typed with bars ("File | Subject | Photographer"); a reader of the
rows alone sees "田村健一（田村写真事務所）" and not that the column says who took the photo. Rows are
rewritten as "header: cell | header: cell", as the HTML reader does for <table> grids.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A separator row: Markdown's "---|:---:|---", or a ruled one, "-------+------+----".
_SEPARATOR_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")
_RULED_LINE = re.compile(r"^\s*[-=+|: ]*-{3,}[-=+|: ]*$")
# A header longer than this is a sentence, not a column's label.
_MAX_HEADER = 40
_MAX_COLUMNS = 12


def label_table_cells(text: str) -> str:
    """`text` with every bar-separated table's rows labelled by the table's first row, when the table is a
    grid: two rows or more, each with as many cells (2 to `_MAX_COLUMNS`) as the header, every header cell
    short and not empty, above the signature delimiter; a boxed table of labels and values (`_keyed`) reads
    "label: value" on each row. Anything else is left as it is."""
    if "|" not in text and "｜" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        if lines[index].rstrip() == "--":
            # the signature delimiter: bars below it part a name from a title, a street from a phone
            # ("Tom Hale | Staff Photographer"), they head no columns
            out.extend(lines[index:])
            break
        end = index
        while end < len(lines) and (_cells(lines[end]) is not None or (end > index and _ruled(lines[end]))):
            end += 1
        if end - index >= 2 and _keyed(lines, index, end):
            out.extend(_keyed_rows(lines[index:end]))
            index = end
        elif end - index >= 2:
            out.extend(_labelled(lines[index:end]))
            index = end
        else:
            out.append(lines[index])
            index += 1
    return "\n".join(out)


def _cells(line: str) -> list[str] | None:
    """The cells of a table row, or None: a row has a bar between words and is no quoted line."""
    stripped = line.strip().replace("｜", "|")  # a full-width bar in Japanese and Chinese tables
    if "|" not in stripped or stripped.startswith(">"):
        return None
    cells = [cell.strip() for cell in stripped.strip("|").split("|")]
    return cells if 2 <= len(cells) <= _MAX_COLUMNS else None


def _keyed(lines: Sequence[str], index: int, end: int) -> bool:
    """A boxed table of two columns, each row a label and its value, no header above columns: its first
    row no rule underlines ("| Фотограф | Андрей Соколов |" over "| Сайт | …"), or rules part its rows
    all through, and its first column holds only labels (a few words; no file name, date or number)."""
    first = _cells(lines[index]) or []
    if len(first) != 2 or index == 0 or not _ruled(lines[index - 1]):
        return False
    rules = [number for number in range(index + 1, end) if _ruled(lines[number])]
    underlined = bool(rules) and rules[0] == index + 1
    if underlined and len([rule for rule in rules if rule != end - 1]) < _KEYED_RULES:
        return False
    labels = [cells[0] for line in lines[index:end] if (cells := _cells(line)) is not None and cells[0]]
    return all(len(label.split()) <= _LABEL_WORDS and not _NOT_A_LABEL.search(label) for label in labels)


_KEYED_RULES = 3  # the rule under the first row and two more inside: rows ruled apart, labels and values
_LABEL_WORDS = 4
_NOT_A_LABEL = re.compile(r"[:.\d/@]")


def _keyed_rows(rows: Sequence[str]) -> list[str]:
    """Each row "label: value"; a row with no label goes on the value above ("| | Fájl:B.jpg |")."""
    out = []
    for row in rows:
        cells = _cells(row)
        if cells is None or len(cells) != 2:
            out.append(row)
        else:
            out.append(f"{cells[0]}: {cells[1]}" if cells[0] else f"  {cells[1]}")
    return out


def _ruled(line: str) -> bool:
    return _RULED_LINE.match(line) is not None


def _labelled(rows: Sequence[str]) -> list[str]:
    header = _cells(rows[0]) or []
    if not all(cell and len(cell) <= _MAX_HEADER for cell in header):
        return list(rows)
    out = [rows[0]]
    for row in rows[1:]:
        cells = _cells(row) or []
        if _ruled(row) or all(_SEPARATOR_CELL.match(cell) for cell in cells):
            out.append(row)
            continue
        if len(cells) != len(header):
            return list(rows)  # not a grid: leave the whole table as it is
        labels = [_GENDER_ENDING.sub("", label) for label in header]
        out.append(
            " | ".join(f"{label}: {cell}" if cell else "" for label, cell in zip(labels, cells, strict=True))
        )
    return out


# A label written for both genders: "Снимио/ла", "Fotograf/in", "Autor/ka" labels its cells "Снимио".
_GENDER_ENDING = re.compile(r"(?<=\w)/\w{1,3}$")
