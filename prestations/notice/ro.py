"""The residents' notice "Vos données" in Romanian."""

from prestations.notice.base import Notice


def months(n: int) -> str:
    if n == 1:
        return "o lună"
    if n % 100 == 0 or n % 100 >= 20:
        return f"{n} de luni"
    return f"{n} luni"


NOTICE = Notice(
    language="ro",
    name="Română",
    direction="ltr",
    title="Datele dumneavoastră",
    subtitle="Ce notează voluntarii din cartier când vă ajută",
    intro=(
        "Voluntarii din cartier ai proiectului Tisseurs de liens vă ascultă și "
        "vă îndrumă către serviciile din zonă, în Schaerbeek și Saint-Josse. Ca "
        "să organizeze acest ajutor, notează câteva lucruri despre situația "
        "dumneavoastră, fără numele dumneavoastră."
    ),
    sections=(
        (
            "Ce notăm",
            (
                "ziua, locul și voluntarul care v-a întâlnit;",
                "grupa de vârstă, genul, dacă vreți să-l spuneți, limba în care "
                "am vorbit;",
                "de ce aveți nevoie (de exemplu locuință, sănătate, acte, bani) "
                "și unde v-am îndrumat;",
                "dacă doriți, un cod ales la întâmplare, ca să vă recunoaștem "
                "când reveniți.",
            ),
        ),
        (
            "Ce nu notăm niciodată",
            (
                "Numele, adresa, numărul de telefon, adresa de e-mail, data "
                "nașterii, numărul național.",
            ),
        ),
        (
            "De ce",
            (
                "Ca să vă ajutăm mai bine și ca să arătăm celor care finanțează "
                "proiectul (Comisia Comunitară Comună a Bruxelles-ului, COCOM) "
                "ce nevoi există în cartier. Rapoartele conțin doar totaluri, "
                "niciodată o persoană.",
            ),
        ),
        (
            "Pe ce bază",
            (
                "Asociația are un interes legitim să organizeze acest ajutor "
                "(RGPD, articolul 6.1.f). Ce ține de sănătatea dumneavoastră "
                "notăm doar dacă sunteți de acord (articolul 9.2.a).",
            ),
        ),
        (
            "Cine vede aceste note",
            (
                "Voluntarul care v-a întâlnit și echipa de coordonare a "
                "proiectului. Nu le dăm niciunui alt serviciu.",
            ),
        ),
        (
            "Cât timp",
            (
                "La {months} după ultima vizită, codul și notele sunt șterse. "
                "Rămân doar cifre, care nu spun cine sunteți.",
            ),
        ),
        (
            "Drepturile dumneavoastră",
            (
                "Puteți spune nu: vă ajutăm oricum și nu notăm situația dumneavoastră.",
                "Vă puteți răzgândi, puteți întreba ce s-a notat, puteți cere să "
                "fie corectat sau șters: dați codul, sau ziua și locul "
                "întâlnirii, unui voluntar sau echipei de coordonare.",
                "Puteți depune o plângere la Autoritatea pentru Protecția "
                "Datelor: Rue de la Presse 35, 1000 Bruxelles, "
                "www.dataprotectionauthority.be.",
            ),
        ),
    ),
    contact_heading="Contact",
    contact_default=("Echipa de coordonare Tisseurs de liens: întrebați voluntarul."),
    months=months,
)
