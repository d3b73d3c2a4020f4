"""Files the app hands to the browser (PDFs, exports, calendars): one helper sets
the content type from the file name and says whether to show or save the file.
Every file carries Cache-Control: no-store: they hold personal or money data."""

from pathlib import PurePath

from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "json": "application/json",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xml": "application/xml",
    "zip": "application/zip",
}


def download(content: bytes | str = b"", *, filename: str, inline: bool = False):
    """An HttpResponse carrying `content` as `filename`: saved by the browser, or
    shown in it when `inline`. More content may be written to it afterwards."""
    extension = filename.rsplit(".", 1)[-1].lower()
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    patch_cache_control(response, no_store=True, private=True)
    return response


def serve_file(stored, *, filename: str = "", as_attachment: bool = False):
    """A private stored file (a FieldFile) for the browser; 404 when it is missing
    on disk or not set. Callers have already checked who may see it."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=as_attachment,
        filename=filename or PurePath(stored.name).name,
    )
    patch_cache_control(response, no_store=True, private=True)
    return response
