"""`{{ form.x|field }}`: one form field in Bootstrap 5 markup, the markup of
crispy-forms' `as_crispy_field` (ids, classes, error and help blocks), built in
Python. Crispy renders a field through a dozen nested templates, about 4 ms a field on
a busy server; the outing form of the relais' phones has nine (README, "Speed").

Loaded with `{% load fields %}` (settings.TEMPLATES, "libraries"). Selects are drawn
here too (Django renders each option through two templates: a list of 47 themes cost
about 2 ms), and `{{ form.x|tiles }}` draws a radio or checkbox group as the big
tappable tiles of the relais' forms. Widgets with templates of their own keep them."""

from django import forms, template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

register = template.Library()

SELECTS = (forms.Select, forms.SelectMultiple)
ASTERISK = format_html('<span class="{}">*</span>', "asteriskField")
# Widgets drawn by Django's one-line templates, rendered here directly (the same HTML).
SIMPLE_INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "text",
        "number",
        "email",
        "url",
        "search",
        "date",
        "time",
        "datetime",
        "checkbox",
    )
}
SELECT = "django/forms/widgets/select.html"
SELECT_OPTION = "django/forms/widgets/select_option.html"
# A tile's input is the option's own `tag()`: input_option.html without its label,
# which is input.html.
TILE_OPTIONS = {
    "django/forms/widgets/radio_option.html",
    "django/forms/widgets/checkbox_option.html",
}


def _attrs(attrs: dict) -> str:
    """Django's widgets/attrs.html: False left out, True as a bare name."""
    if not attrs:  # most options
        return ""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )


def _input(data: dict) -> str:
    """Django's widgets/input.html."""
    value = data["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        data["type"],
        data["name"],
        format_html(' value="{}"', value) if value is not None else "",
        _attrs(data["attrs"]),
    )


def _select(context: dict) -> str:
    """Django's widgets/select.html and select_option.html, same markup."""
    groups = []
    for group_name, options, _index in context["optgroups"]:
        # format_html's escaping, written out: a long list costs less.
        drawn = mark_safe(  # nosec B308 B703 # each value escaped
            "".join(
                f'\n  <option value="{conditional_escape(option["value"])}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}"
                "</option>\n"
                for option in options
            )
        )
        if group_name:
            drawn = format_html(
                '\n  <optgroup label="{}">{}\n  </optgroup>', group_name, drawn
            )
        groups.append(drawn)
    return format_html(
        '<select name="{}"{}>{}\n</select>',
        context["name"],
        _attrs(context["attrs"]),
        mark_safe("".join(groups)),  # nosec B308 B703 # each part built by format_html
    )


def _drawn_here(widget) -> bool:
    if widget.template_name == SELECT:
        return widget.option_template_name == SELECT_OPTION
    return widget.template_name in SIMPLE_INPUTS or isinstance(widget, forms.Textarea)


def _widget(bound, widget, attrs: dict) -> str:
    if not _drawn_here(widget):
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
    if widget.template_name == SELECT:
        return _select(context)
    return _input(context)


@register.filter
def widget(bound: forms.BoundField) -> str:
    """`{{ form.x|widget }}`: the same HTML as `{{ form.x }}`, drawn here when the
    widget is one of the above."""
    return _widget(bound, bound.field.widget, {})


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


@register.filter
def tiles(bound: forms.BoundField) -> str:
    """A radio or checkbox group as big tappable tiles, each with its pictogram
    (`prestations.forms.TileMixin`): `{{ form.place|tiles }}`. Works without
    JavaScript: the input is the tile's first child, its label the tile."""
    drawn = []
    for choice in bound.subwidgets:
        data = choice.data
        if choice.template_name in TILE_OPTIONS:
            tag = _input(data)
        else:
            tag = choice.tag()
        pictogram = data.get("pictogram")
        drawn.append(
            format_html(
                '\n<div class="tile">{}<label for="{}">{}{}</label></div>',
                tag,
                str(choice.id_for_label),
                format_html(
                    '<span class="icon" aria-hidden="true">{}</span>', pictogram
                )
                if pictogram
                else "",
                choice.choice_label,
            )
        )
    help_html = ""
    if bound.help_text:
        help_html = format_html('<div class="form-text">{}</div>', bound.help_text)
    return format_html(
        '<fieldset class="mb-3"><legend class="form-label fw-semibold fs-6">{}</legend>'
        '<div class="tiles">{}\n</div>{}{}</fieldset>',
        capfirst(bound.label),
        mark_safe("".join(drawn)),  # nosec B308 B703 # each tile built by format_html
        help_html,
        format_html_join(
            "",
            '<div class="invalid-feedback d-block">{}</div>',
            ((error,) for error in bound.errors),
        ),
    )
