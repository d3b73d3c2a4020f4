"""The residents' notice "Vos données" in French."""

from prestations.notice.base import Notice

NOTICE = Notice(
    language="fr",
    name="Français",
    direction="ltr",
    title="Vos données",
    subtitle="Ce que les habitant·es-relais notent quand ils vous aident",
    intro=(
        "Les habitant·es-relais de Tisseurs de liens vous écoutent et vous "
        "orientent vers les services du quartier, à Schaerbeek et Saint-Josse. "
        "Pour organiser cette aide, ils notent un peu de votre situation, sans "
        "votre nom."
    ),
    sections=(
        (
            "Ce que nous notons",
            (
                "le jour, le lieu, et la personne relais qui vous a rencontré·e ;",
                "votre tranche d'âge, votre genre si vous voulez le dire, la "
                "langue parlée ;",
                "ce dont vous avez besoin (par exemple logement, santé, papiers, "
                "argent) et où nous vous avons orienté·e ;",
                "si vous le voulez, un code au hasard, pour vous reconnaître "
                "quand vous revenez.",
            ),
        ),
        (
            "Ce que nous ne notons jamais",
            (
                "Votre nom, votre adresse, votre téléphone, votre e-mail, votre "
                "date de naissance, votre numéro national.",
            ),
        ),
        (
            "Pourquoi",
            (
                "Pour mieux vous aider, et pour montrer à ceux qui financent le "
                "projet (la Commission communautaire commune de Bruxelles, la "
                "COCOM) quels besoins existent dans le quartier. Les rapports ne "
                "donnent que des totaux, jamais une personne.",
            ),
        ),
        (
            "Sur quelle base",
            (
                "L'association a un intérêt légitime à organiser cette aide "
                "(RGPD, article 6.1.f). Ce qui touche à votre santé, nous le "
                "notons seulement si vous êtes d'accord (article 9.2.a).",
            ),
        ),
        (
            "Qui voit ces notes",
            (
                "La personne relais qui vous a rencontré·e et la coordination du "
                "projet. Nous ne les donnons à aucun autre service.",
            ),
        ),
        (
            "Combien de temps",
            (
                "{months} après votre dernière visite, le code et les notes sont "
                "effacés. Il ne reste que des chiffres, qui ne disent pas qui "
                "vous êtes.",
            ),
        ),
        (
            "Vos droits",
            (
                "Vous pouvez dire non : nous vous aidons quand même, et nous ne "
                "notons pas votre situation.",
                "Vous pouvez changer d'avis, demander ce qui est noté, le faire "
                "corriger ou effacer : donnez votre code, ou le jour et le lieu "
                "de la rencontre, à une personne relais ou à la coordination.",
                "Vous pouvez porter plainte auprès de l'Autorité de protection "
                "des données : rue de la Presse 35, 1000 Bruxelles, "
                "www.autoriteprotectiondonnees.be.",
            ),
        ),
    ),
    contact_heading="Contact",
    contact_default=(
        "La coordination de Tisseurs de liens : demandez à la personne relais."
    ),
    months=lambda n: f"{n} mois",
)
