from django.urls import path

from activites.views import (
    agenda,
    feeds,
    frequentation,
    places,
    planning,
    rosters,
    schedule,
)

app_name = "activites"

urlpatterns = [
    path("agenda/", agenda.agenda_month, name="agenda_month"),
    path("agenda/semaine/", agenda.agenda_week, name="agenda_week"),
    path("nouvelle/", planning.activite_create, name="activite_create"),
    path("serie/nouvelle/", planning.serie_create, name="serie_create"),
    path("serie/<id:pk>/relais/", rosters.serie_roster, name="serie_roster"),
    path("serie/<id:pk>/affecter/", rosters.serie_assign, name="serie_assign"),
    path("serie/<id:pk>/retirer/", rosters.serie_unassign, name="serie_unassign"),
    path("<id:pk>/", planning.activite_detail, name="activite_detail"),
    path("<id:pk>/modifier/", planning.activite_edit, name="activite_edit"),
    path("<id:pk>/annuler/", planning.activite_cancel, name="activite_cancel"),
    path("<id:pk>/affecter/", planning.affectation_assign, name="affectation_assign"),
    path(
        "affectation/<id:pk>/confirmer/",
        planning.affectation_confirm,
        name="affectation_confirm",
    ),
    path(
        "affectation/<id:pk>/retirer/",
        planning.affectation_remove,
        name="affectation_remove",
    ),
    path("lieux/", places.contact_point_list, name="contact_point_list"),
    path("lieux/nouveau/", places.contact_point_edit, name="contact_point_create"),
    path(
        "lieux/<id:pk>/modifier/", places.contact_point_edit, name="contact_point_edit"
    ),
    path("lieux/<id:point_pk>/arret/nouveau/", places.stop_edit, name="stop_create"),
    path("arret/<id:pk>/modifier/", places.stop_edit, name="stop_edit"),
    path("mon-planning/", schedule.my_schedule, name="my_schedule"),
    path("places-libres/", schedule.open_slots, name="open_slots"),
    path("<id:pk>/proposer/", schedule.affectation_offer, name="affectation_offer"),
    path(
        "affectation/<id:pk>/desister/",
        schedule.affectation_withdraw,
        name="affectation_withdraw",
    ),
    path(
        "<id:pk>/frequentation/",
        frequentation.frequentation_edit,
        name="frequentation_edit",
    ),
    path("programme.pdf", agenda.programme_pdf, name="programme_pdf"),
    path("agenda/abonnement/", feeds.calendar_feeds, name="calendar_feeds"),
    path(
        "agenda/abonnement/nouveau/",
        feeds.calendar_token_renew,
        name="calendar_token_renew",
    ),
    path(
        "agenda/abonnement/desactiver/",
        feeds.calendar_token_revoke,
        name="calendar_token_revoke",
    ),
    path(
        "ical/<str:token>/mes-activites.ics", feeds.feed_personal, name="feed_personal"
    ),
    path("ical/<str:token>/toutes.ics", feeds.feed_all, name="feed_all"),
]
