"""Activities at the fixed and mobile contact points: places, series, rosters,
fréquentations (counted, nobody named) and calendar feed tokens.

- `places.py`: contact points, the stops of a mobile point, weekly series;
- `activite.py`: an activity, its queryset, and its roster (affectations);
- `frequentation.py`: the people met at an activity, counted;
- `calendar_token.py`: the secrets of the calendar feed URLs.
"""

from activites.models.activite import Activite, ActiviteQuerySet, Affectation
from activites.models.calendar_token import CalendarToken
from activites.models.frequentation import Frequentation
from activites.models.places import ContactPoint, Serie, Stop

__all__ = [
    "Activite",
    "ActiviteQuerySet",
    "Affectation",
    "CalendarToken",
    "ContactPoint",
    "Frequentation",
    "Serie",
    "Stop",
]
