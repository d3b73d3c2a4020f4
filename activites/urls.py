from django.urls import path

from activites import views

app_name = "activites"

urlpatterns = [
    path("agenda/", views.agenda_month, name="agenda_month"),
    path("agenda/semaine/", views.agenda_week, name="agenda_week"),
    path("nouvelle/", views.activite_create, name="activite_create"),
    path("serie/nouvelle/", views.serie_create, name="serie_create"),
    path("<int:pk>/", views.activite_detail, name="activite_detail"),
    path("<int:pk>/modifier/", views.activite_edit, name="activite_edit"),
    path("<int:pk>/annuler/", views.activite_cancel, name="activite_cancel"),
    path("<int:pk>/affecter/", views.affectation_assign, name="affectation_assign"),
    path(
        "affectation/<int:pk>/confirmer/",
        views.affectation_confirm,
        name="affectation_confirm",
    ),
    path(
        "affectation/<int:pk>/retirer/",
        views.affectation_remove,
        name="affectation_remove",
    ),
    path("lieux/", views.contact_point_list, name="contact_point_list"),
    path("lieux/nouveau/", views.contact_point_edit, name="contact_point_create"),
    path(
        "lieux/<int:pk>/modifier/", views.contact_point_edit, name="contact_point_edit"
    ),
    path("lieux/<int:point_pk>/arret/nouveau/", views.stop_edit, name="stop_create"),
    path("arret/<int:pk>/modifier/", views.stop_edit, name="stop_edit"),
    path("mon-planning/", views.my_schedule, name="my_schedule"),
    path("places-libres/", views.open_slots, name="open_slots"),
    path("<int:pk>/proposer/", views.affectation_offer, name="affectation_offer"),
    path(
        "affectation/<int:pk>/desister/",
        views.affectation_withdraw,
        name="affectation_withdraw",
    ),
    path(
        "<int:pk>/frequentation/", views.frequentation_edit, name="frequentation_edit"
    ),
    path("programme.pdf", views.programme_pdf, name="programme_pdf"),
    path("agenda/abonnement/", views.calendar_feeds, name="calendar_feeds"),
    path(
        "agenda/abonnement/nouveau/",
        views.calendar_token_renew,
        name="calendar_token_renew",
    ),
    path(
        "agenda/abonnement/desactiver/",
        views.calendar_token_revoke,
        name="calendar_token_revoke",
    ),
    path(
        "ical/<str:token>/mes-activites.ics", views.feed_personal, name="feed_personal"
    ),
    path("ical/<str:token>/toutes.ics", views.feed_all, name="feed_all"),
]
