"""The exact table every scene shows its numbers in: headers, a rule, rows placed one by one."""

from __future__ import annotations

from collections.abc import Sequence

from manim import DOWN, Line, Mobject, VGroup

from ..style import MUTED_COLOR

__all__ = ["ExactTable", "fitted_columns"]


def fitted_columns(widths: Sequence[float], left: float, right: float, gap: float = 0.3) -> tuple[list[float], float]:
    """Column centres between ``left`` and ``right`` for columns this wide, and the scale they need.

    Each column gets its width (times the scale, at most 1, that makes them all fit with ``gap``
    between them) plus an equal share of the room left over, so long values never run into the
    next column and every digit of every cell has the same height.

    >>> fitted_columns([1.0, 2.0], 0.0, 5.0)
    ([1.0, 3.5], 1.0)
    >>> centres, scale = fitted_columns([4.0, 4.0], 0.0, 4.3)
    >>> [round(c, 6) for c in centres], scale
    ([1.075, 3.225], 0.5)
    """
    room = right - left - gap * (len(widths) - 1)
    scale = min(1.0, room / sum(widths))
    scaled = [w * scale for w in widths]
    share = (right - left - sum(scaled)) / len(scaled)
    centres, x = [], left
    for width in scaled:
        centres.append(x + (width + share) / 2)
        x += width + share
    return centres, scale


class ExactTable(VGroup):
    """Headers over columns, an optional rule under them, and rows of cells placed as the story goes.

    The table lays out; it records nothing. Its cells are texts or formulas of numbers the scene
    records as shown (``NarratedScene.shown``), so the record says what a row shows (a table that
    makes its cells ahead, to measure them, checks them against the recorded texts: see
    ``IterateTable.place_iterate``).

    Parameters
    ----------
    headers
        One mobject per column, centred on the column at height ``top``.
    columns
        The x of each column's centre (see :func:`fitted_columns`).
    top
        The y of the headers' centres.
    first_row, row_height
        Row ``k``'s centre is ``first_row + k · row_height`` below ``top``.
    rule
        ``(drop, left, right)``: a line ``drop`` below ``top`` from x = left to x = right; None for none.
    rule_color, rule_width
        Its colour and stroke width.
    rooms
        The widest each column's cells may be; a wider cell shrinks to fit (None: no limit).
    cell_scale
        One scale for every cell (as :func:`fitted_columns` gives it), applied as each row is placed.
    baseline
        Index of a header whose bottom the other headers align to (headers of mixed kinds, such as
        words beside formulas, then sit on one line); None to centre each on ``top``.

    >>> from manim import Square
    >>> table = ExactTable([Square(0.2), Square(0.2)], [0.0, 1.0], top=2.0, first_row=0.5, row_height=0.4)
    >>> row = table.place_row([Square(0.1), Square(0.1)], 1)
    >>> [round(float(c), 6) for c in row[1].get_center()[:2]], len(table.rows)
    ([1.0, 1.1], 1)
    """

    def __init__(self, headers: Sequence[Mobject], columns: Sequence[float], *, top: float, first_row: float,
                 row_height: float, rule: tuple[float, float, float] | None = None, rule_color=MUTED_COLOR,
                 rule_width: float = 2, rooms: Sequence[float | None] | None = None, cell_scale: float = 1.0,
                 baseline: int | None = None):
        self.columns = list(columns)
        self.top = top
        self.first_row = first_row
        self.row_height = row_height
        self.rooms = list(rooms) if rooms is not None else [None] * len(self.columns)
        self.cell_scale = cell_scale
        self.header = VGroup(*headers)
        for header, x in zip(self.header, self.columns):
            header.move_to([x, top, 0])
        if baseline is not None:
            for index, header in enumerate(self.header):
                if index != baseline:
                    header.align_to(self.header[baseline], DOWN)
        self.rule = VGroup()
        if rule is not None:
            drop, left, right = rule
            self.rule.add(Line([left, top - drop, 0], [right, top - drop, 0], color=rule_color,
                               stroke_width=rule_width))
        #: The rows placed so far, in order. Not in the table's family: each row is on screen once the
        #: scene shows it, whether or not the table is.
        self.rows = VGroup()
        super().__init__(self.header, self.rule)

    def row_y(self, index: int) -> float:
        """The y of row ``index``'s centre."""
        return self.top - self.first_row - self.row_height * index

    def place_row(self, cells: Sequence[Mobject], index: int) -> VGroup:
        """Scale ``cells`` to the table, shrink any wider than its room, centre them in row ``index``; return the row.

        The row joins :attr:`rows`; the scene animates it in (a row is on screen only once the scene
        adds it, so a table shown before its rows shows its headers alone).
        """
        row = cells if isinstance(cells, VGroup) else VGroup(*cells)
        for cell, x, room in zip(row, self.columns, self.rooms):
            if self.cell_scale != 1.0:
                cell.scale(self.cell_scale)
            if room is not None and cell.width > room:
                cell.scale_to_fit_width(room)
            cell.move_to([x, self.row_y(index), 0])
        self.rows.add(row)
        return row
