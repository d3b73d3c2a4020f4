"""The table rows of coordination's long lists (situations, prestations), drawn
here rather than by their templates, which cost about 0.1 ms a row: the same
markup. Each choice label is translated once a page, not once a row."""

from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


class _Labels(dict):
    """`get_<name>_display()` of rows, by (name, value)."""

    def __call__(self, row, name: str) -> str:
        key = (name, getattr(row, name))
        if key not in self:
            self[key] = getattr(row, f"get_{name}_display")()
        return self[key]


def situation_rows(situations) -> list[str]:
    """The rows of coordination's situations list (loaded `for_listing`)."""
    revient, to_follow, closed = _("revient"), _("À suivre"), _("Clôturé")
    label = _Labels()

    rows = []
    for situation in situations:
        prestation = situation.prestation
        url = reverse("prestations:situation_detail", args=[situation.pk])
        person = format_html(
            "{}, {}, {}{}{}",
            label(situation, "age_band"),
            label(situation, "gender"),
            label(situation, "language"),
            format_html(", {}", revient) if not situation.is_first_contact else "",
            format_html(" <code>{}</code>", situation.code) if situation.code else "",
        )
        if situation.is_to_follow_up:
            follow_up = format_html('<a href="{}">{}</a>', url, to_follow)
        else:
            follow_up = closed if situation.follow_up_needed else ""
        rows.append(
            format_html(
                '<tr>\n<td><a href="{}">{}</a></td>\n<td>{}</td>\n<td>{}</td>\n'
                "<td>{}</td>\n<td>\n{}\n</td>\n<td>{}</td>\n</tr>",
                url,
                f"{prestation.date:%d/%m/%Y}",
                prestation.relais,
                format_html_join(
                    "",
                    '<span class="badge text-bg-light">{}</span> ',
                    ((theme.label,) for theme in situation.listed_themes),
                ),
                person,
                format_html_join(
                    mark_safe("<br>"),  # nosec B308 B703 # a constant
                    "{} ({})",
                    (
                        (orientation.target, label(orientation, "outcome"))
                        for orientation in situation.listed_orientations
                    ),
                ),
                follow_up,
            )
        )
    return rows


def prestation_rows(prestations) -> list[str]:
    """The rows of coordination's prestations list (with `situation_count`)."""
    label = _Labels()
    rows = []
    for prestation in prestations:
        travel = format_html(
            "{}{}{}",
            label(prestation, "travel_mode"),
            format_html(" · {} km", localize(prestation.travel_km))
            if prestation.travel_km
            else "",
            format_html(" · {} €", localize(prestation.travel_ticket_amount))
            if prestation.travel_ticket_amount
            else "",
        )
        rows.append(
            format_html(
                '<tr>\n<td>{}</td>\n<td><a href="{}">{}</a></td>\n<td>{}</td>\n'
                "<td>{}</td>\n<td>{}</td>\n<td>{}</td>\n<td>{}</td>\n<td>{}</td>\n"
                "</tr>",
                prestation.relais,
                prestation.get_absolute_url(),
                f"{prestation.date:%d/%m/%Y}",
                label(prestation, "kind"),
                label(prestation, "place"),
                prestation.hours_display,
                localize(prestation.people_met),
                localize(prestation.situation_count),
                travel,
            )
        )
    return rows
