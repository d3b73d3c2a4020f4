"""`{{ form.x|field }}`: one form field in Bootstrap 5 markup, the markup of
crispy-forms' `as_crispy_field` (ids, classes, error and help blocks), built in
Python. Crispy renders a field through a dozen nested templates, about 4 ms a field on
a busy server; the outing form of the relais' phones has nine (README, "Speed").

Loaded with `{% load fields %}` (settings.TEMPLATES, "libraries"). Radio and checkbox
groups keep their own templates (prestations/_tiles.html)."""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

SELECTS = (forms.Select, forms.SelectMultiple)
ASTERISK = format_html('<span class="{}">*</span>', "asteriskField")
# Widgets drawn by Django's one-line templates, rendered here directly (the same HTML).
SIMPLE_INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in ("text", "number", "email", "url", "date", "time", "datetime")
}


def _attrs(attrs: dict) -> str:
    """Django's widgets/attrs.html: False left out, True as a bare name."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )


def _widget(bound, widget, attrs: dict) -> str:
    if widget.template_name not in SIMPLE_INPUTS and not isinstance(
        widget, forms.Textarea
    ):
        return bound.as_widget(attrs=attrs)
    attrs = bound.build_widget_attrs(attrs, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    if isinstance(widget, forms.Textarea):
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            context["name"],
            _attrs(context["attrs"]),
            context["value"] or "",
        )
    value = context["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        context["type"],
        context["name"],
        format_html(' value="{}"', value) if value is not None else "",
        _attrs(context["attrs"]),
    )


@register.filter
def field(bound: forms.BoundField) -> str:
    widget = bound.field.widget
    if widget.is_hidden:
        return mark_safe(str(bound))  # nosec B308 B703 # Django's own widget HTML
    auto_id = bound.auto_id
    checkbox = isinstance(widget, forms.CheckboxInput)
    if checkbox:
        base = "form-check-input"
    elif isinstance(widget, SELECTS):
        base = "form-select"
    else:
        base = "form-control"
    classes = [type(widget).__name__.lower(), base]
    existing = widget.attrs.get("class")
    if existing:
        classes.insert(0, existing)
    attrs = {}
    described = []
    if bound.errors:
        classes.append("is-invalid")
        attrs["aria-invalid"] = "true"
        described.append(f"{auto_id}_error")
    if bound.help_text:
        described.append(f"{auto_id}_helptext")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    attrs["class"] = " ".join(classes)
    widget_html = _widget(bound, widget, attrs)
    errors = ""
    if bound.errors:
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            auto_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                (
                    (number, auto_id, error)
                    for number, error in enumerate(bound.errors, start=1)
                ),
            ),
        )
    help_html = ""
    if bound.help_text:
        help_html = format_html(
            '<div id="{}_helptext" class="form-text">{}</div>', auto_id, bound.help_text
        )
    required = bound.field.required
    if checkbox:
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="form-check">{}'
            '<label for="{}" class="form-check-label{}">{}</label>{}{}</div></div>',
            auto_id,
            widget_html,
            auto_id,
            " requiredField" if required else "",
            bound.label,
            errors,
            help_html,
        )
    label = ""
    if bound.label:
        label = format_html(
            '<label for="{}" class="form-label{}">{}{}</label>',
            auto_id,
            " requiredField" if required else "",
            bound.label,
            format_html('<span class="{}">*</span>', "asteriskField")
            if required
            else "",
        )
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}{}</div>',
        auto_id,
        label,
        widget_html,
        errors,
        help_html,
    )
