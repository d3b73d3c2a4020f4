"""Read back the PDFs the app generates, as the people who receive them would."""

import re
import subprocess
import zlib
from os import PathLike
from pathlib import Path


def pdf_text(
    pdf: bytes | str | PathLike, *, layout: bool = False, page: int | None = None
) -> str:
    """The text of a PDF (its bytes or a path), through poppler's `pdftotext`.

    `layout=True` keeps the columns of each line (to read a table row); `page`
    (from 1) reads that page only; a PDF that `pdftotext` cannot read fails the
    test rather than yielding empty text.
    """
    from_bytes = isinstance(pdf, bytes)
    command = ["pdftotext", *(["-layout"] if layout else [])]
    command += ["-f", str(page), "-l", str(page)] if page else []
    command += ["-" if from_bytes else str(pdf), "-"]
    result = subprocess.run(
        command, input=pdf if from_bytes else None, capture_output=True, check=True
    )
    return result.stdout.decode()


def _pdf_bytes(pdf: bytes | str | PathLike) -> bytes:
    return pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()


def _catalog_languages(data: bytes) -> set[str]:
    """The `/Lang` entries of a PDF, read from its plain and compressed objects
    (WeasyPrint puts the catalog in a compressed object stream)."""
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue  # an image or font stream, not objects
    return {
        lang.decode("latin-1")
        for chunk in chunks
        for lang in re.findall(rb"/Lang\s*\(([^)]*)\)", chunk)
    }


def pdf_info(pdf: bytes | str | PathLike) -> dict:
    """What a PDF reader learns about a document before reading it: poppler's
    `pdfinfo` fields ("Title", "Author", "Tagged", "Pages"...) and the
    languages declared in the document ("languages", a set, e.g. {"nl"})."""
    data = _pdf_bytes(pdf)
    result = subprocess.run(
        ["pdfinfo", "-"], input=data, capture_output=True, check=True
    )
    info: dict = {}
    for line in result.stdout.decode().splitlines():
        key, _sep, value = line.partition(":")
        info[key.strip()] = value.strip()
    info["languages"] = _catalog_languages(data)
    return info


def assert_accessible_pdf(pdf: bytes | str | PathLike, *, title: str, lang: str):
    """The PDF is tagged, titled `title`, in `lang`, with an author."""
    info = pdf_info(pdf)
    assert info["Tagged"] == "yes"
    assert info["Title"] == title
    assert info["Author"] == "Tisseurs de liens de quartier"
    assert info["languages"] == {lang}
