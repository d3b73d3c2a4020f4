"""The residents' notice "Vos données" in English."""

from prestations.notice.base import Notice

NOTICE = Notice(
    language="en",
    name="English",
    direction="ltr",
    title="Your data",
    subtitle="What the neighbourhood relais write down when they help you",
    intro=(
        "The neighbourhood relais of Tisseurs de liens listen to you and guide "
        "you to services in the area, in Schaerbeek and Saint-Josse. To organise "
        "this help, they write down a little about your situation, without your "
        "name."
    ),
    sections=(
        (
            "What we write down",
            (
                "the day, the place, and the relais who met you;",
                "your age group, your gender if you want to say it, the "
                "language we spoke;",
                "what you need (for example housing, health, papers, money) and "
                "where we sent you;",
                "if you want, a random code, so that we recognise you when you "
                "come back.",
            ),
        ),
        (
            "What we never write down",
            (
                "Your name, your address, your phone number, your e-mail, your "
                "date of birth, your national number.",
            ),
        ),
        (
            "Why",
            (
                "To help you better, and to show the people who pay for the "
                "project (the Common Community Commission of Brussels, COCOM) "
                "what needs there are in the area. Reports only give totals, "
                "never a person.",
            ),
        ),
        (
            "On what basis",
            (
                "The association has a legitimate interest in organising this "
                "help (GDPR, article 6.1.f). Anything about your health is "
                "written down only if you agree (article 9.2.a).",
            ),
        ),
        (
            "Who sees these notes",
            (
                "The relais who met you and the project's coordination. We do "
                "not give them to any other service.",
            ),
        ),
        (
            "For how long",
            (
                "{months} after your last visit, the code and the notes are "
                "deleted. Only numbers remain, which do not say who you are.",
            ),
        ),
        (
            "Your rights",
            (
                "You can say no: we still help you, and we do not write down "
                "your situation.",
                "You can change your mind, ask what is written down, have it "
                "corrected or deleted: give your code, or the day and place we "
                "met, to a relais or to the coordination.",
                "You can complain to the Data Protection Authority: Rue de la "
                "Presse 35, 1000 Brussels, www.dataprotectionauthority.be.",
            ),
        ),
    ),
    contact_heading="Contact",
    contact_default="The coordination of Tisseurs de liens: ask the relais.",
    months=lambda n: "1 month" if n == 1 else f"{n} months",
)
