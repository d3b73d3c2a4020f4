"""Read back the PDFs the app generates, as the people who receive them would."""

import subprocess
from os import PathLike


def pdf_text(pdf: bytes | str | PathLike, *, layout: bool = False) -> str:
    """The text of a PDF (its bytes or a path), through poppler's `pdftotext`.

    `layout=True` keeps the columns of each line (to read a table row); a PDF that
    `pdftotext` cannot read fails the test rather than yielding empty text.
    """
    from_bytes = isinstance(pdf, bytes)
    command = ["pdftotext", *(["-layout"] if layout else [])]
    command += ["-" if from_bytes else str(pdf), "-"]
    result = subprocess.run(
        command, input=pdf if from_bytes else None, capture_output=True, check=True
    )
    return result.stdout.decode()
