"""Realistic ID numbers (身份证号) for the demo county, and the ways a county writes them.

Region codes are those of 青岚县's prefecture (3622xx); birth dates are real days; the check character
follows GB 11643-1999 (checks.md's weights), written out here independently of the toolkit. Planted bad
numbers keep the shape ingest accepts (17 digits + digit/X) and fail only the check.

>>> check_char("11010519491231002")
'X'
>>> written("36222619800101001X", "lower_x"), written("362226198001010015", "fullwidth")
('36222619800101001x', '３６２２２６１９８００１０１００１５')
>>> written("362226198001010015", "old15"), written("362226198001010015", "spaced")
('362226800101001', '362226 19800101 0015')
"""

from __future__ import annotations

import datetime as dt
import random

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
#: 青岚县 itself, then the other counties and districts of its prefecture (people move)
REGIONS = ("362226", "362226", "362226", "362226", "362202", "362221", "362222", "362227", "362228")
_FULL = str.maketrans("0123456789Xx", "０１２３４５６７８９ＸＸ")


def check_char(first17: str) -> str:
    """The GB 11643 check character of 17 digits."""
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def wrong_check(first17: str) -> str:
    """A check character that is not the right one (the next in the table)."""
    right = CHECK_CHARS.index(check_char(first17))
    return CHECK_CHARS[(right + 1) % 11]


class IdNumbers:
    """ID numbers drawn from one seeded generator, never the same twice."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def _unique(self, make) -> str:
        while True:
            number = make()
            if number not in self.used:
                self.used.add(number)
                return number

    def new(self, born_from: int = 1950, born_to: int = 1998, *, sex: str | None = None,
            ends_x: bool = False) -> str:
        """A valid number of someone born between two years (sex 男/女 sets the 17th digit's parity)."""
        def make() -> str:
            while True:
                born = dt.date(born_from, 1, 1) + dt.timedelta(
                    days=self.rng.randint(0, (dt.date(born_to, 12, 31) - dt.date(born_from, 1, 1)).days))
                seq = self.rng.randint(0, 999)
                if sex is not None:
                    seq = seq - seq % 2 + (1 if sex == "男" else 0)
                first17 = f"{self.rng.choice(REGIONS)}{born:%Y%m%d}{seq:03d}"
                if not ends_x or check_char(first17) == "X":
                    return first17 + check_char(first17)
        return self._unique(make)

    def with_birth(self, digits8: str, *, right_check: bool = True) -> str:
        """A number whose digits 7–14 are ``digits8`` as given (a real date or not); the check right or wrong."""
        def make() -> str:
            first17 = f"{self.rng.choice(REGIONS)}{digits8}{self.rng.randint(0, 999):03d}"
            return first17 + (check_char(first17) if right_check else wrong_check(first17))
        return self._unique(make)

    def wrong_check(self) -> str:
        """A real person's number with a mistyped check character."""
        good = self.new()
        return good[:17] + wrong_check(good[:17])


def written(number: str, style: str | None) -> str:
    """How a clerk wrote the number: as is, lower-case x, full-width digits, the old 15 digits, or spaced."""
    if style == "lower_x":
        return number[:17] + number[17].lower()
    if style == "fullwidth":
        return number.translate(_FULL)
    if style == "old15":
        return number[:6] + number[8:17]
    if style == "spaced":
        return f"{number[:6]} {number[6:14]} {number[14:]}"
    return number


def renumbered(number: str, replica: int) -> str:
    """The number of the same person in replica ``replica`` of a scaled round: another region code (so no two
    replicas share a person), the same birth date and sequence, and the check kept right or wrong as it was.

    >>> good = "36222619800101001" + check_char("36222619800101001")
    >>> again = renumbered(good, 2)
    >>> again[:6], again[6:17] == good[6:17], again[17] == check_char(again[:17])
    ('362426', True, True)
    """
    if replica == 0 or not number:
        return number
    region = f"{(int(number[:6]) + replica * 100) % 1_000_000:06d}"
    first17 = region + number[6:17]
    right = number[17] == check_char(number[:17])
    return first17 + (check_char(first17) if right else wrong_check(first17))


def id_number_renamer(replica: int):
    """The renamer of an ID-number column in a scaled round (:mod:`toolkit.demo.scale`)."""
    return lambda number: renumbered(number, replica) if number else number
