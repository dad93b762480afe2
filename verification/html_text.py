"""HTML to readable text, keeping links, for HTML-only mail and for the holder's web pages.

Block elements become line breaks, links stay visible as `text <url>` so that later readers (file finder,
website finder) see the targets, and `<blockquote>` content is prefixed with `> ` so that the quoting
reader treats it like a quoted plain-text reply.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, PageElement, ProcessingInstruction

from verification.model import Link

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# Struck-through text ("<del>CC BY-SA 4.0</del> CC0 1.0") is what the writer took back, not what they say.
STRUCK_TAGS = frozenset({"del", "s", "strike"})
_SKIPPED_TAGS = frozenset({"script", "style", "head", "noscript", "template", "svg"}) | STRUCK_TAGS
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# Characters of a link's shown text that are kept. Anchors nested thousands deep each show all the text
# inside them; read whole, their texts would cost the square of the depth.
_MAX_LINK_TEXT = 500
# Quote marks written before a line of blockquoted text: deeper blockquotes are still quoted, but a
# prefix per level would make the text of thousands of nested blockquotes the square of their depth.
_MAX_QUOTE_MARKS = 50
# A table's header labels: columns read, a label's longest text (a longer first row is content, not a
# header), and the levels between a cell and its row or table (markup may nest tags thousands deep).
_MAX_COLUMNS = 20
_MAX_LABEL = 60
_MAX_TABLE_DEPTH = 4


@dataclass(frozen=True)
class HtmlText:
    """Visible text of a document, its links (absolute when a base URL was given) and its title."""

    text: str
    links: tuple[Link, ...]
    title: str


def html_to_text(
    html: str, base_url: str | None = None, coloured_answers: bool = False, bold_answers: bool = False
) -> HtmlText:
    """Render `html` as plain text with its links; never raises on malformed markup. With
    `coloured_answers` (the reply says its answers are in colour), short coloured text inside a quote is
    written unquoted: the sender's answer between the agent's quoted questions; outside a blockquote (an
    Outlook quote under its header block), such text opening a line is written after an arrow ("=> "),
    the mark the quoting reader takes for an answer. With `bold_answers` (the reply says its answers are
    in bold), short bold text is read so too."""
    soup = BeautifulSoup(html, "html.parser")
    title_tag = soup.find("title")
    title = _SPACES.sub(" ", title_tag.get_text()).strip() if isinstance(title_tag, Tag) else ""
    lines: list[str] = []
    links: list[Link] = []
    for table in soup.find_all("table", limit=_MAX_TABLES):
        _answer_choice_grid(table)
    _Renderer(lines, links, base_url, coloured_answers, bold_answers).render(soup)
    text = "\n".join(_tidy_lines(lines))
    if title and not text.startswith(title):
        text = f"{title}\n{text}" if text else title
    return HtmlText(text=text, links=tuple(links), title=title)


class _Renderer:
    """Walks the tree once, writing text into lines; `quote_depth` counts open blockquotes."""

    def __init__(
        self,
        lines: list[str],
        links: list[Link],
        base_url: str | None,
        coloured_answers: bool = False,
        bold_answers: bool = False,
    ) -> None:
        self.lines = lines
        self.links = links
        self.base_url = base_url
        self.coloured_answers = coloured_answers
        self.bold_answers = bold_answers
        self.current: list[str] = []
        self.quote_depth = 0
        self.headers: dict[int, list[str]] = {}  # a table's first row's cell texts, by the row's id
        self.labelled_rows: dict[int, bool] = {}  # whether a table labels its rows, by the table's id

    def render(self, node: Tag) -> None:
        self._walk(node)
        self._break()

    def _break(self) -> None:
        line = _SPACES.sub(" ", "".join(self.current)).strip()
        self.current = []
        prefix = "> " * min(self.quote_depth, _MAX_QUOTE_MARKS)
        self.lines.append(prefix + line if line else prefix.rstrip())

    def _walk(self, root: Tag) -> None:
        """Depth first with a stack of its own: mail nests tags thousands deep, past Python's recursion."""
        stack: list[PageElement | Callable[[], None]] = list(reversed(list(root.children)))
        while stack:
            item = stack.pop()
            if isinstance(item, Comment | Doctype | ProcessingInstruction):
                continue
            if isinstance(item, NavigableString):
                self.current.append(str(item).replace("\n", " ").replace("\r", " "))
            elif isinstance(item, Tag):
                self._open(item, stack)
            elif callable(item):
                item()

    def _open(self, tag: Tag, stack: list[PageElement | Callable[[], None]]) -> None:
        """Writes what comes before the tag's children and stacks them, then what comes after them."""
        name = tag.name.lower()
        if name in _SKIPPED_TAGS:
            return
        if name == "br":
            self._break()
            return
        if name == "img":
            alt = tag.get("alt")
            if isinstance(alt, str) and alt.strip():
                self.current.append(f" {alt.strip()} ")
            return
        if name == "a":
            start = len(self.current)
            stack.append(lambda: self._close_anchor(tag, start))
            stack.extend(reversed(list(tag.children)))
            return
        # a cell of a table that labels its rows stays on its row's line: "Autor: Ivana Horvat"
        position = self._labelled_position(tag) if name in {"td", "th"} else None
        block = name in _BLOCK_TAGS and position is None
        if block:
            self._break()
        if name == "blockquote":
            self.quote_depth += 1
            stack.append(self._close_quote)
            stack.extend(reversed(list(tag.children)))
            return
        if (
            not self.quote_depth
            and self._answer_tag(tag)
            and not any(piece.strip() for piece in self.current)
        ):
            self.current.append("=> ")  # an Outlook quote has no blockquote: the answer opens its line
        if self.quote_depth and self._answer_tag(tag):
            depth = self.quote_depth
            self._break()
            self.quote_depth = 0
            stack.append(lambda: self._close_answer(depth))
            stack.extend(reversed(list(tag.children)))
            return
        if position is not None:
            self.current.append(": " if position and not self._label_has_colon(tag) else " ")
        elif name in {"td", "th"}:
            label = self._column_label(tag)
            self.current.append(f" {label}: " if label else " ")
        if block:
            stack.append(self._break)
        stack.extend(reversed(list(tag.children)))

    def _answer_tag(self, tag: Tag) -> bool:
        """An answer the sender wrote in the style the reply names: coloured, or bold."""
        return (self.coloured_answers and _coloured_answer(tag)) or (self.bold_answers and _bold_answer(tag))

    def _labelled_position(self, cell: Tag) -> int | None:
        """The cell's place in its row (0 the label, 1 the value) when its table labels rows, not columns:
        every row two cells, the first a header cell or short text all in bold ("<td><b>Autor i nositelj
        prava</b></td><td>Ivana Horvat</td>"); None in any other table."""
        row = _parent_named(cell, "tr")
        table = _parent_named(row, "table") if row is not None else None
        if row is None or table is None:
            return None
        if id(table) not in self.labelled_rows:
            rows = table.find_all("tr", limit=_MAX_LABELLED_ROWS + 1)
            self.labelled_rows[id(table)] = 2 <= len(rows) <= _MAX_LABELLED_ROWS and all(
                _row_label(row) for row in rows
            )
        if not self.labelled_rows[id(table)]:
            return None
        cells = row.find_all(["td", "th"], recursive=False, limit=3)
        return next((i for i, other in enumerate(cells) if other is cell), None)

    def _label_has_colon(self, cell: Tag) -> bool:
        """The row's label cell already ends with a colon ("שם:"): the value follows it as written."""
        row = _parent_named(cell, "tr")
        cells = row.find_all(["td", "th"], recursive=False, limit=2) if row is not None else []
        return bool(cells) and _SPACES.sub(" ", cells[0].get_text(" ")).strip().endswith((":", "："))

    def _column_label(self, cell: Tag) -> str | None:
        """The header of a cell's column, when its row is not the table's first and the table is a grid
        (every column has a short header, the row as many cells): a cell "Non" under "Utilisation
        commerciale" reads "Utilisation commerciale: Non", as the sender meant it."""
        row = _parent_named(cell, "tr")
        table = _parent_named(row, "table") if row is not None else None
        if row is None or table is None:
            return None
        first = table.find("tr")
        if not isinstance(first, Tag) or first is row:
            return None
        if id(first) not in self.headers:
            cells = first.find_all(["td", "th"], recursive=False, limit=_MAX_COLUMNS)
            texts = [_SPACES.sub(" ", c.get_text(" ")).strip() for c in cells]
            self.headers[id(first)] = [t if len(t) <= _MAX_LABEL else "" for t in texts]
        headers = self.headers[id(first)]
        cells = row.find_all(["td", "th"], recursive=False, limit=_MAX_COLUMNS)
        if len(headers) < 2 or len(cells) != len(headers) or not all(headers):
            return None  # a layout table (a logo, a signature), not a grid of labelled columns
        index = next((i for i, other in enumerate(cells) if other is cell), None)
        return headers[index] if index is not None else None

    def _close_answer(self, depth: int) -> None:
        self._break()
        self.quote_depth = depth

    def _close_quote(self) -> None:
        self._break()
        self.quote_depth -= 1

    def _close_anchor(self, tag: Tag, start: int) -> None:
        href = tag.get("href")
        if not isinstance(href, str) or not href.strip():
            return
        shown = _SPACES.sub(" ", _text_from(self.current, start, _MAX_LINK_TEXT)).strip()
        url = href.strip()
        if self.base_url and not url.lower().startswith(("mailto:", "javascript:", "data:", "tel:")):
            url = urljoin(self.base_url, url)
        self.links.append(Link(url=url, text=shown))
        if url.lower().startswith(("javascript:", "data:")):
            return
        target = url[len("mailto:") :] if url.lower().startswith("mailto:") else url
        if target.rstrip("/") != shown.rstrip("/"):
            self.current.append(f" <{url}>")


_COLOUR_STYLE = re.compile(r"(?:^|;)\s*color\s*:\s*([^;]+)", re.IGNORECASE)
_HEX_COLOUR = re.compile(r"#([0-9a-f]{3}|[0-9a-f]{6})$", re.IGNORECASE)
_RGB_COLOUR = re.compile(r"rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)", re.IGNORECASE)
_DARK = 0x60  # every channel at most this: black or a dark grey, the text's own colour, no answer's
_MAX_ANSWER = 400  # characters of a coloured answer; a longer coloured block is the quote's own styling


def _coloured_answer(tag: Tag) -> bool:
    """An inline element in a colour other than black or a dark grey, holding a short text and no
    quote: "<font color=#0b57d0>نعم، أوافق.</font>"."""
    if tag.name not in ("font", "span"):
        return False
    colour = tag.get("color")
    style = tag.get("style")
    if not isinstance(colour, str):
        found = _COLOUR_STYLE.search(style) if isinstance(style, str) else None
        colour = found.group(1) if found else None
    if colour is None or _dark(colour.strip()):
        return False
    text = tag.get_text(" ")
    return 0 < len(text.strip()) <= _MAX_ANSWER and tag.find("blockquote") is None


def _bold_answer(tag: Tag) -> bool:
    """Bold text, short and holding no quote: "<b>نعم، أوافق.</b>"."""
    if tag.name not in ("b", "strong"):
        return False
    return 0 < len(tag.get_text(" ").strip()) <= _MAX_ANSWER and tag.find("blockquote") is None


def _dark(colour: str) -> bool:
    """Black, a dark grey or a colour left to the mail program: not a colour an answer is marked with."""
    if colour.lower() in ("black", "windowtext", "inherit", "initial", "currentcolor", "auto", "#000"):
        return True
    hexed = _HEX_COLOUR.match(colour)
    if hexed:
        digits = hexed.group(1)
        channels = (
            [int(c * 2, 16) for c in digits]
            if len(digits) == 3
            else [int(digits[i : i + 2], 16) for i in (0, 2, 4)]
        )
        return max(channels) <= _DARK or max(channels) - min(channels) < _GREY_SPREAD
    rgb = _RGB_COLOUR.match(colour)
    if rgb:
        channels = [int(value) for value in rgb.groups()]
        return max(channels) <= _DARK or max(channels) - min(channels) < _GREY_SPREAD
    return False


_GREY_SPREAD = 24  # channels this close: a grey, however light (quoted text is often shown grey)


# Tables looked at as choice grids, and what a cell of one may hold to mark its column's answer.
_MAX_TABLES = 50
_CHOICE_MARKS = frozenset("xX×✓✔✗✘☑☒■●•")
_MAX_CHOICE_LABEL = 20


def _answer_choice_grid(table: Tag) -> None:
    """A table whose columns after the first are answers ("כן" / "לא", "Yes" / "No") and whose cells
    there are marks or empty is written as each row's first cell and the answer marked: "רישיון CC BY-NC
    4.0: לא", as the sender filled it in. The header row goes; a row with no single mark stays as it is."""
    rows = [
        row
        for row in table.find_all("tr", limit=_MAX_LABELLED_ROWS + 1)
        if _parent_named(row, "table") is table
    ]
    if not 2 <= len(rows) <= _MAX_LABELLED_ROWS:
        return
    headers = [_SPACES.sub(" ", cell.get_text(" ")).strip() for cell in _cells(rows[0])]
    if len(headers) < 3 or not all(0 < len(label) <= _MAX_CHOICE_LABEL for label in headers[1:]):
        return
    grid = [_cells(row) for row in rows[1:]]
    if any(len(cells) != len(headers) for cells in grid):
        return
    marks = [[_SPACES.sub("", cell.get_text()) for cell in cells[1:]] for cells in grid]
    if not all(mark == "" or mark in _CHOICE_MARKS for row in marks for mark in row):
        return
    if not any(mark for row in marks for mark in row):
        return
    for cells, row_marks in zip(grid, marks, strict=True):
        chosen = [headers[1 + i] for i, mark in enumerate(row_marks) if mark]
        if len(chosen) != 1:
            continue
        cells[0].append(f": {chosen[0]}")
        for cell in cells[1:]:
            cell.decompose()
    rows[0].decompose()


def _cells(row: Tag) -> list[Tag]:
    return list(row.find_all(["td", "th"], recursive=False, limit=_MAX_COLUMNS + 1))


def _row_label(row: Tag) -> bool:
    """The row has two cells and the first is a label: a header cell, short text all in bold, or text that
    ends with a colon ("שם:")."""
    cells = row.find_all(["td", "th"], recursive=False, limit=3)
    if len(cells) != 2:
        return False
    first = cells[0]
    text = _SPACES.sub(" ", first.get_text(" ")).strip()
    if not text or len(text) > _MAX_LABEL:
        return False
    bold = " ".join(_SPACES.sub(" ", b.get_text(" ")).strip() for b in first.find_all(["b", "strong"]))
    return first.name == "th" or bold == text or text.endswith((":", "："))


# Rows of a table read as labelled rows at most: a longer table is a grid of data.
_MAX_LABELLED_ROWS = 30


def _parent_named(tag: Tag, name: str) -> Tag | None:
    """The nearest enclosing `name` tag, looked for at most `_MAX_TABLE_DEPTH` levels up."""
    parent = tag.parent
    for _ in range(_MAX_TABLE_DEPTH):
        if parent is None:
            return None
        if parent.name == name:
            return parent
        parent = parent.parent
    return None


def _text_from(pieces: list[str], start: int, limit: int) -> str:
    """The text of `pieces` from `start` on, cut after `limit` characters."""
    taken: list[str] = []
    size = 0
    for index in range(start, len(pieces)):
        taken.append(pieces[index])
        size += len(pieces[index])
        if size >= limit:
            return "".join(taken)[:limit]
    return "".join(taken)


def _tidy_lines(lines: list[str]) -> list[str]:
    """Drop leading/trailing blank lines and collapse runs of blank lines to one."""
    out: list[str] = []
    for line in lines:
        blank = not line.strip(" >")
        if blank and (not out or not out[-1].strip(" >")):
            continue
        out.append(line)
    while out and not out[-1].strip(" >"):
        out.pop()
    return out
