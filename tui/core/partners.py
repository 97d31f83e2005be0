"""The two partners of a session: ids `a` and `b`, each with a name."""

from __future__ import annotations

from tui.core.frozen import frozen
from tui.core.script_model import PartnerId

MAX_NAME_LENGTH = 40


@frozen
class Partners:
    """The couple: partner `a` and partner `b` by name."""

    a: str
    b: str

    def name(self, partner: PartnerId) -> str:
        """The name of partner `a` or `b`."""
        return self.a if partner == "a" else self.b

    def to_dict(self) -> dict[str, dict[str, str]]:
        """The record's `partners` field."""
        return {"a": {"name": self.a}, "b": {"name": self.b}}

    @classmethod
    def from_dict(cls, data: dict[str, dict[str, str]]) -> Partners:
        """Rebuild from `to_dict()`."""
        return cls(a=data["a"]["name"], b=data["b"]["name"])


JOINERS = frozenset("\u200c\u200d")  # zero-width (non-)joiners build emoji and scripts; they move nothing


def shows_as_typed(char: str) -> bool:
    """Whether a character is kept in shown text: printable ones and joiners, never controls or the
    invisible direction overrides that could reorder what the other partner reads."""
    return char.isprintable() or char in JOINERS


def clean_name(raw: str) -> str:
    """A name as typed, trimmed of surrounding space and control characters, at most 40 characters."""
    printable = "".join(char for char in raw if shows_as_typed(char))
    return " ".join(printable.split())[:MAX_NAME_LENGTH]


def parse_partner_names(raw: str) -> Partners:
    """`"Maya,Jonah"` to `Partners`; raises ValueError with a plain message when it is not two names."""
    names = [clean_name(part) for part in raw.split(",")]
    if len(names) != 2 or not all(names):
        raise ValueError('give two names separated by a comma, like "Maya,Jonah"')
    if names[0].casefold() == names[1].casefold():
        raise ValueError("the two names must differ, so the screen can say whose turn it is")
    return Partners(a=names[0], b=names[1])


def choose_first_speaker(setting: str, last_first: PartnerId | None) -> PartnerId:
    """Who starts this session: `a` or `b` as set, or for `rotate` the one who did not start last time."""
    if setting in ("a", "b"):
        return setting  # type: ignore[return-value]
    if last_first == "a":
        return "b"
    return "a"
