"""The residents' notice "Vos données" in Dutch."""

from prestations.notice.base import Notice

NOTICE = Notice(
    language="nl",
    name="Nederlands",
    direction="ltr",
    title="Uw gegevens",
    subtitle="Wat de buurtrelais noteren als ze u helpen",
    intro=(
        "De buurtrelais van Tisseurs de liens luisteren naar u en wijzen u de "
        "weg naar de diensten in de buurt, in Schaarbeek en Sint-Joost. Om die "
        "hulp te organiseren, noteren ze iets over uw situatie, zonder uw naam."
    ),
    sections=(
        (
            "Wat we noteren",
            (
                "de dag, de plaats, en het buurtrelais dat u heeft ontmoet;",
                "uw leeftijdsgroep, uw gender als u dat wilt zeggen, de taal "
                "die we spraken;",
                "wat u nodig hebt (bijvoorbeeld huisvesting, gezondheid, "
                "papieren, geld) en naar welke dienst we u hebben doorverwezen;",
                "als u dat wilt, een willekeurige code, zodat we u herkennen "
                "als u terugkomt.",
            ),
        ),
        (
            "Wat we nooit noteren",
            (
                "Uw naam, uw adres, uw telefoonnummer, uw e-mailadres, uw "
                "geboortedatum, uw rijksregisternummer.",
            ),
        ),
        (
            "Waarom",
            (
                "Om u beter te helpen, en om aan wie het project financiert (de "
                "Gemeenschappelijke Gemeenschapscommissie van Brussel, de GGC) "
                "te tonen welke noden er in de buurt zijn. De verslagen geven "
                "alleen totalen, nooit een persoon.",
            ),
        ),
        (
            "Op welke grond",
            (
                "De vereniging heeft een gerechtvaardigd belang om deze hulp te "
                "organiseren (AVG, artikel 6.1.f). Wat over uw gezondheid gaat, "
                "noteren we alleen als u akkoord gaat (artikel 9.2.a).",
            ),
        ),
        (
            "Wie ziet deze notities",
            (
                "Het buurtrelais dat u heeft ontmoet en de coördinatie van het "
                "project. We geven ze aan geen enkele andere dienst.",
            ),
        ),
        (
            "Hoe lang",
            (
                "{months} na uw laatste bezoek worden de code en de notities "
                "gewist. Er blijven alleen cijfers over, die niet zeggen wie u "
                "bent.",
            ),
        ),
        (
            "Uw rechten",
            (
                "U mag nee zeggen: we helpen u toch, en we noteren uw situatie niet.",
                "U mag van gedachten veranderen, vragen wat er genoteerd is, het "
                "laten verbeteren of wissen: geef uw code, of de dag en de "
                "plaats van de ontmoeting, aan een buurtrelais of aan de "
                "coördinatie.",
                "U kunt klacht indienen bij de Gegevensbeschermingsautoriteit: "
                "Drukpersstraat 35, 1000 Brussel, "
                "www.gegevensbeschermingsautoriteit.be.",
            ),
        ),
    ),
    contact_heading="Contact",
    contact_default=(
        "De coördinatie van Tisseurs de liens: vraag het aan het buurtrelais."
    ),
    months=lambda n: "1 maand" if n == 1 else f"{n} maanden",
)
