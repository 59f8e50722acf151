"""`--shard i/n`: a fixed share of the gemeenten, so that n CI runners each build one share.

The gemeenten are dealt out in the order of their short names, like cards: the shares differ by
at most one gemeente, so no runner waits for a larger one. The same gemeenten always give the
same shares. A gemeente added or removed moves the ones after it to the next share; each of those
is built once more on its new runner (whose cache does not know it yet), after that they are
skipped again when unchanged. (A share by hash of the name would never move a gemeente, but its
shares differ by up to 40 % in size on the 342 gemeenten, measured with 7 shares.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from keukentafel.diagnostics import Diagnostic, InvalidInput


@dataclass(frozen=True)
class Shard:
    index: int  # 1 .. count
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def select(self, slugs: list[str]) -> list[str]:
        """The gemeenten of this share, out of all of them (in any order)."""
        return [slug for position, slug in enumerate(sorted(set(slugs))) if position % self.count == self.index - 1]


def parse_shard(text: str) -> Shard:
    """'2/4' → Shard(2, 4); anything else is an input error with a hint."""
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise InvalidInput(
            [Diagnostic("--shard", None, None, f"verwacht deel/aantal, zoals 1/4 (deel 1 van 4), gevonden '{text}'", "het deel is een getal van 1 tot en met het aantal")]
        )
    return Shard(int(m.group(1)), int(m.group(2)))
