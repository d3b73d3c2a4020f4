"""Post a page's form back exactly as a browser would send it untouched, to prove
that saving an unchanged form changes nothing (no field that empties itself)."""

import re

import lxml.html
from django.db import models

# A browser empties an input whose value its type cannot hold (the HTML "value
# sanitization algorithm"): "16/03/2027" in a date input is sent as "".
SANITIZE = {
    "date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "time": re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "number": re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$"),
}


def form_data(html: str, *, form_index: int | None = None) -> dict[str, list[str]]:
    """The values a browser would submit from the page's main POST form (the one
    with the most fields, unless `form_index` picks one): text, hidden, date and
    number inputs (emptied when their type cannot hold the value), checked boxes
    and radios, selected options, textareas, and the first named submit button.
    File inputs are left empty, as a browser does."""
    doc = lxml.html.fromstring(html)
    forms = [f for f in doc.forms if (f.method or "").lower() == "post"]
    if form_index is None:
        form = max(forms, key=lambda f: len(f.inputs))
    else:
        form = forms[form_index]
    data: dict[str, list[str]] = {}
    button_taken = False
    for element in form.iter("input", "select", "textarea", "button"):
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        tag = element.tag
        kind = element.get("type") or ("submit" if tag == "button" else "text")
        kind = kind.lower()
        if tag == "select":
            options = element.findall(".//option")
            chosen = [o for o in options if o.get("selected") is not None]
            if not chosen and options and element.get("multiple") is None:
                chosen = options[:1]
            for option in chosen:
                value = option.get("value")
                if value is None:
                    value = option.text_content().strip()
                data.setdefault(name, []).append(value)
        elif tag == "textarea":
            text = element.text or ""
            data.setdefault(name, []).append(text.removeprefix("\n"))
        elif kind in ("checkbox", "radio"):
            if element.get("checked") is not None:
                data.setdefault(name, []).append(element.get("value", "on"))
        elif kind in ("submit", "image"):
            if not button_taken:
                data.setdefault(name, []).append(element.get("value", ""))
                button_taken = True
        elif kind in ("file", "reset", "button"):
            continue
        else:
            value = element.get("value", "")
            if kind in SANITIZE and not SANITIZE[kind].match(value):
                value = ""
            data.setdefault(name, []).append(value)
    return data


def snapshot(obj: models.Model, *, ignore=()) -> dict:
    """Every stored value of `obj` (many-to-many as sets of ids), read afresh,
    except timestamps the save itself sets (`auto_now`)."""
    obj = type(obj)._default_manager.get(pk=obj.pk)
    values = {}
    for field in obj._meta.concrete_fields:
        if getattr(field, "auto_now", False) or field.name in ignore:
            continue
        value = getattr(obj, field.attname)
        if isinstance(field, models.FileField):
            value = value.name
        values[field.name] = value
    for field in obj._meta.many_to_many:
        if field.name not in ignore:
            values[field.name] = set(
                getattr(obj, field.name).values_list("pk", flat=True)
            )
    return values


def post_back(client, url: str, **kwargs):
    """GET `url`, then POST its main form back unchanged; returns the answer."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = form_data(page.content.decode(), **kwargs)
    return client.post(url, data)
