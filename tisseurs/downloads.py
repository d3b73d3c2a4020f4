"""Files the app hands to the browser (PDFs, exports, calendars): one helper sets
the content type from the file name and says whether to show or save the file."""

from django.http import HttpResponse

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
    return response
