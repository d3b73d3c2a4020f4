"""`{{ form.x|field }}` (tisseurs/fieldtags.py) draws a field as crispy-forms'
Bootstrap 5 markup does, and its widgets exactly as Django draws them."""

import pytest
from django import forms
from django.template import engines

from tisseurs.fieldtags import _widget, widget

GROUPED = [
    ("", "---"),
    ("Fruits", [("p", "Pomme <rouge>"), ("b", "Banane")]),
    ("z", "Z"),
]


class Sample(forms.Form):
    name = forms.CharField(label="Nom <b>", help_text="Court & clair")
    count = forms.IntegerField(label="Nombre", widget=forms.NumberInput({"min": 0}))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(required=False, widget=forms.Textarea({"rows": 2}))
    agree = forms.BooleanField(label="D'accord", required=False)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    secret = forms.CharField(required=False, widget=forms.HiddenInput)
    grouped = forms.ChoiceField(required=False, choices=GROUPED)
    several = forms.MultipleChoiceField(
        required=False, choices=[(1, "Un"), (2, "Deux & trois")]
    )
    radio = forms.ChoiceField(
        label="le lieu", choices=[("a", "A <b>"), ("b", "B")], widget=forms.RadioSelect
    )
    boxes = forms.MultipleChoiceField(
        required=False,
        help_text="Plusieurs & plus",
        choices=[("x", "X"), ("y", "Y")],
        widget=forms.CheckboxSelectMultiple,
    )


def render(bound) -> str:
    return (
        engines["django"]
        .from_string("{% load fields %}{{ f|field }}")
        .render({"f": bound})
    )


SENT = {
    "name": 'a"<x>',
    "count": "x",
    "note": "<&>",
    "kind": "b",
    "grouped": "p",
    "several": ["1", "2"],
    "agree": "on",
}


@pytest.mark.parametrize("data", [None, SENT])
@pytest.mark.parametrize(
    "name", ["name", "count", "day", "note", "agree", "kind", "grouped", "several"]
)
def test_widgets_are_drawn_as_django_draws_them(data, name):
    bound = Sample(data=data)[name]
    attrs = {"class": "c", "aria-describedby": "d"}
    assert _widget(bound, bound.field.widget, dict(attrs)) == bound.as_widget(
        attrs=dict(attrs)
    )


def test_a_field_with_its_label_help_and_escaping():
    html = render(Sample()["name"])
    assert html.startswith('<div id="div_id_name" class="mb-3">')
    assert '<label for="id_name" class="form-label requiredField">Nom &lt;b&gt;' in html
    assert '<span class="asteriskField">*</span>' in html
    assert 'class="textinput form-control"' in html
    assert 'aria-describedby="id_name_helptext"' in html
    assert (
        '<div id="id_name_helptext" class="form-text">Court &amp; clair</div>' in html
    )


def test_errors_mark_the_widget_and_are_listed():
    form = Sample(data={"count": "x"})
    html = render(form["count"])
    assert 'class="numberinput form-control is-invalid"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_count_error"' in html
    assert '<div id="id_count_error" class="invalid-feedback">' in html
    assert '<p id="error_1_id_count"><strong>' in html
    assert 'value="x"' in html  # what was typed stays


def test_checkbox_select_and_hidden():
    form = Sample()
    checkbox = render(form["agree"])
    assert 'class="form-check"' in checkbox
    assert 'class="checkboxinput form-check-input"' in checkbox
    assert '<label for="id_agree" class="form-check-label">D&#x27;accord' in checkbox
    assert 'class="select form-select"' in render(form["kind"])
    assert render(form["secret"]) == str(form["secret"])


TILES = (
    '{% for choice in field %}<div class="tile">{{ choice.tag }}'
    '<label for="{{ choice.id_for_label }}">{{ choice.choice_label }}</label></div>'
    "{% endfor %}"
)


@pytest.mark.parametrize("data", [None, {"radio": "b", "boxes": ["x", "y"]}, {}])
@pytest.mark.parametrize("name", ["radio", "boxes"])
def test_tiles_draw_each_choice_with_django_own_input(data, name):
    bound = Sample(data=data)[name]
    html = engines["django"].from_string("{% load fields %}{{ f|tiles }}")
    drawn = html.render({"f": bound})
    expected = engines["django"].from_string(TILES).render({"field": bound})
    assert drawn.replace("\n", "").count(expected) == 1
    assert drawn.startswith('<fieldset class="mb-3"><legend')
    assert ">Le lieu</legend>" in drawn or name == "boxes"
    if name == "boxes":
        assert '<div class="form-text">Plusieurs &amp; plus</div>' in drawn
    if data == {} and name == "radio":
        assert '<div class="invalid-feedback d-block">' in drawn


@pytest.mark.parametrize("data", [None, SENT])
def test_the_widget_filter_draws_what_the_bound_field_draws(data):
    form = Sample(data=data)
    for bound in form:
        assert widget(bound) == str(bound)
