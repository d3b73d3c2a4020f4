"""The table rows of coordination's long lists (situations, prestations), drawn
here rather than by their templates, which cost about 0.1 ms a row: the same
markup, every value escaped as the template does (tisseurs/rows.py). Each choice
label is translated once a page, and each row's URL written from one reversed URL."""

from html import escape

from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tisseurs.params import id_url
from tisseurs.rows import Labels, safe_rows


def situation_rows(situations) -> list[SafeString]:
    """The rows of coordination's situations list (loaded `for_listing`)."""
    revient, to_follow = escape(_("revient")), escape(_("À suivre"))
    closed = escape(_("Clôturé"))
    label = Labels()
    detail_url = id_url("prestations:situation_detail")
    rows = []
    for situation in situations:
        prestation = situation.prestation
        url = escape(detail_url(situation.pk))
        themes = "".join(
            f'<span class="badge text-bg-light">{escape(str(theme.label))}</span> '
            for theme in situation.listed_themes
        )
        person = (
            f"{label(situation, 'age_band')}, {label(situation, 'gender')}, "
            f"{label(situation, 'language')}"
        )
        if not situation.is_first_contact:
            person += f", {revient}"
        if situation.code:
            person += f" <code>{escape(situation.code)}</code>"
        orientations = "<br>".join(
            f"{escape(str(orientation.target))} ({label(orientation, 'outcome')})"
            for orientation in situation.listed_orientations
        )
        if situation.is_to_follow_up:
            follow_up = f'<a href="{url}">{to_follow}</a>'
        else:
            follow_up = closed if situation.follow_up_needed else ""
        rows.append(
            f'<tr>\n<td><a href="{url}">{prestation.date:%d/%m/%Y}</a></td>\n'
            f"<td>{escape(str(prestation.relais))}</td>\n<td>{themes}</td>\n"
            f"<td>{person}</td>\n<td>\n{orientations}\n</td>\n<td>{follow_up}</td>\n"
            "</tr>"
        )
    return safe_rows(rows)


def prestation_rows(prestations) -> list[SafeString]:
    """The rows of coordination's prestations list (with `situation_count`)."""
    label = Labels()
    detail_url = id_url("prestations:prestation_detail")
    rows = []
    for prestation in prestations:
        travel = label(prestation, "travel_mode")
        if prestation.travel_km:
            travel += f" · {escape(localize(prestation.travel_km))} km"
        if prestation.travel_ticket_amount:
            travel += f" · {escape(localize(prestation.travel_ticket_amount))} €"
        rows.append(
            f"<tr>\n<td>{escape(str(prestation.relais))}</td>\n"
            f'<td><a href="{escape(detail_url(prestation.pk))}">'
            f"{prestation.date:%d/%m/%Y}</a></td>\n"
            f"<td>{label(prestation, 'kind')}</td>\n"
            f"<td>{label(prestation, 'place')}</td>\n"
            f"<td>{escape(prestation.hours_display)}</td>\n"
            f"<td>{escape(localize(prestation.people_met))}</td>\n"
            f"<td>{escape(localize(prestation.situation_count))}</td>\n"
            f"<td>{travel}</td>\n</tr>"
        )
    return safe_rows(rows)
