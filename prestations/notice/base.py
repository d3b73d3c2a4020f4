"""The `Notice` shape shared by every language of the residents' notice."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    language: str  # ISO 639-1 code, as in <html lang>
    name: str  # the language's own name, for the picker
    direction: str  # "ltr" or "rtl"
    title: str
    subtitle: str
    intro: str
    # (heading, paragraphs): one paragraph is shown as text, several as a list.
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    contact_heading: str
    contact_default: str
    months: Callable[[int], str]

    def sections_for(self, *, months: int) -> list[tuple[str, tuple[str, ...]]]:
        """The sections with the retention period written in."""
        period = self.months(months)
        return [
            (heading, tuple(text.replace("{months}", period) for text in texts))
            for heading, texts in self.sections
        ]
