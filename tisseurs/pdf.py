"""The one WeasyPrint helper: every PDF of the app goes through `render_pdf`.

Templates live in `templates/pdf/<name>.html` and load `static/css/pdf.css`. The
URL fetcher resolves `/static/…` from the app's own static files and `data:` URIs
(QR codes, charts), and refuses everything else: no network, no `file://`, no
redirects, whatever a user typed into a field that ends up in a PDF.

Every PDF is tagged (PDF/UA-1: a structure tree a screen reader can follow) and
carries its metadata: the title from the template's `<title>`, the language from
`<html lang>` (the render language) and an author (the template's
`<meta name="author">`, else the project's name).
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_BASE_URL = "https://tisseurs.pdf/"
PDF_VARIANT = "pdf/ua-1"  # tagged, with title, language and XMP metadata
PDF_AUTHOR = "Tisseurs de liens de quartier"  # the project's name, in every language


def _static_path(url_path: str) -> Path | None:
    relative = unquote(url_path.removeprefix(settings.STATIC_URL))
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    candidate = Path(settings.STATIC_ROOT) / relative
    return candidate if candidate.is_file() else None


class StaticOnlyFetcher(URLFetcher):
    """Serve `/static/` files and `data:` URIs; refuse any other resource."""

    def __init__(self):
        super().__init__(allowed_protocols={"https", "data"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        base = urlsplit(PDF_BASE_URL)
        if parts.scheme == base.scheme and parts.netloc == base.netloc:
            if parts.path.startswith(settings.STATIC_URL):
                path = _static_path(parts.path)
                if path is not None:
                    mime = (
                        mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    )
                    return URLFetcherResponse(
                        url, body=path.read_bytes(), headers={"Content-Type": mime}
                    )
        raise ValueError(f"PDF resource refused: {url}")


def render_pdf(template_name: str, context: dict, *, language: str) -> bytes:
    """Render `templates/pdf/<template_name>` in `language` and return the PDF bytes."""
    with translation.override(language):
        html = render_to_string(
            f"pdf/{template_name}",
            {
                **context,
                "pdf_language": language,
                "pdf_direction": "rtl" if translation.get_language_bidi() else "ltr",
            },
        )
        document = HTML(
            string=html, base_url=PDF_BASE_URL, url_fetcher=StaticOnlyFetcher()
        ).render(pdf_variant=PDF_VARIANT)
        metadata = document.metadata
        if not metadata.title or not metadata.lang:
            raise ValueError(f"pdf/{template_name} needs a <title> and <html lang>")
        if not metadata.authors:
            metadata.authors = [PDF_AUTHOR]
        return document.write_pdf(pdf_variant=PDF_VARIANT)
