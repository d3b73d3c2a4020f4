"""The privacy notice for residents ("Vos données"), in the quartier's languages.

GDPR articles 12 to 14: a person whose situation a relais notes is told what is
noted, why, on what basis, who sees it, for how long, and their rights, in plain
words and in a language they read. The relais shows it on the phone or hands over
the printed PDF (`prestations:privacy_notice`), and ticks `Situation.person_informed`.

The texts are not interface strings (the notice is shown in the resident's language,
whatever the relais' interface language), so they live here, one `Notice` per
language, each written as a native speaker would say it. The retention period is not
written in them: it comes from the legal parameters in force (`{months}`).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    language: str  # ISO 639-1 code, as in <html lang>
    name: str  # the language's own name, for the picker
    direction: str  # "ltr" or "rtl"
    title: str
    subtitle: str
    intro: str
    # (heading, paragraphs): one paragraph is shown as text, several as a list.
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    contact_heading: str
    contact_default: str
    months: Callable[[int], str]

    def sections_for(self, *, months: int) -> list[tuple[str, tuple[str, ...]]]:
        """The sections with the retention period written in."""
        period = self.months(months)
        return [
            (heading, tuple(text.replace("{months}", period) for text in texts))
            for heading, texts in self.sections
        ]


def _arabic_months(n: int) -> str:
    if n == 1:
        return "شهر واحد"
    if n == 2:
        return "شهرين"
    if 3 <= n % 100 <= 10:
        return f"{n} أشهر"
    return f"{n} شهرًا"


def _romanian_months(n: int) -> str:
    if n == 1:
        return "o lună"
    if n % 100 == 0 or n % 100 >= 20:
        return f"{n} de luni"
    return f"{n} luni"


NOTICES = {
    "fr": Notice(
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
    ),
    "nl": Notice(
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
                    "U mag nee zeggen: we helpen u toch, en we noteren uw situatie "
                    "niet.",
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
    ),
    "en": Notice(
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
    ),
    "ar": Notice(
        language="ar",
        name="العربية",
        direction="rtl",
        title="بياناتك",
        subtitle="ما يكتبه الوسطاء من سكان الحي عندما يساعدونك",
        intro=(
            "الوسطاء من سكان الحي في مشروع Tisseurs de liens يستمعون إليك "
            "ويرشدونك إلى الخدمات في الحي، في سكاربيك وسان جوس. لتنظيم هذه "
            "المساعدة، يكتبون القليل عن وضعك، دون اسمك."
        ),
        sections=(
            (
                "ما نكتبه",
                (
                    "اليوم والمكان، والوسيط الذي التقى بك؛",
                    "فئتك العمرية، وجنسك إن أردت أن تذكره، واللغة التي تحدثنا بها؛",
                    "ما تحتاج إليه (مثل السكن أو الصحة أو الأوراق أو المال) والجهة "
                    "التي أرشدناك إليها؛",
                    "إن أردت، رمزًا عشوائيًا لنتعرّف عليك عندما تعود.",
                ),
            ),
            (
                "ما لا نكتبه أبدًا",
                (
                    "اسمك، عنوانك، رقم هاتفك، بريدك الإلكتروني، تاريخ ميلادك، "
                    "رقمك الوطني.",
                ),
            ),
            (
                "لماذا",
                (
                    "لنساعدك بشكل أفضل، ولنُبيّن للجهة التي تموّل المشروع (اللجنة "
                    "المجتمعية المشتركة في بروكسل، COCOM) ما هي احتياجات الحي. "
                    "التقارير لا تعطي إلا أرقامًا إجمالية، ولا تذكر أي شخص.",
                ),
            ),
            (
                "على أي أساس",
                (
                    "للجمعية مصلحة مشروعة في تنظيم هذه المساعدة (اللائحة العامة "
                    "لحماية البيانات، المادة 6.1.f). أما ما يخصّ صحتك، فلا نكتبه "
                    "إلا بموافقتك (المادة 9.2.a).",
                ),
            ),
            (
                "من يرى هذه الملاحظات",
                ("الوسيط الذي التقى بك، وفريق تنسيق المشروع. لا نعطيها لأي جهة أخرى.",),
            ),
            (
                "إلى متى",
                (
                    "بعد {months} من آخر زيارة لك، يُحذف الرمز والملاحظات. لا تبقى "
                    "إلا أرقام لا تدلّ على هويتك.",
                ),
            ),
            (
                "حقوقك",
                (
                    "يمكنك أن ترفض: سنساعدك رغم ذلك، ولن نكتب شيئًا عن وضعك.",
                    "يمكنك أن تغيّر رأيك، وأن تسأل عمّا كُتب، وأن تطلب تصحيحه أو "
                    "حذفه: أعطِ رمزك، أو يوم اللقاء ومكانه، لأحد الوسطاء أو لفريق "
                    "التنسيق.",
                    "يمكنك تقديم شكوى إلى هيئة حماية البيانات: Rue de la Presse 35, "
                    "1000 Bruxelles، www.autoriteprotectiondonnees.be.",
                ),
            ),
        ),
        contact_heading="للتواصل",
        contact_default="فريق تنسيق مشروع Tisseurs de liens: اسأل الوسيط.",
        months=_arabic_months,
    ),
    "tr": Notice(
        language="tr",
        name="Türkçe",
        direction="ltr",
        title="Verileriniz",
        subtitle="Mahalle gönüllüleri size yardım ederken neleri not ediyor",
        intro=(
            "Tisseurs de liens projesinin mahalle gönüllüleri sizi dinler ve sizi "
            "Schaerbeek ile Saint-Josse'deki hizmetlere yönlendirir. Bu yardımı "
            "düzenlemek için, adınızı yazmadan durumunuz hakkında birkaç bilgi not "
            "ederler."
        ),
        sections=(
            (
                "Neleri not ediyoruz",
                (
                    "gün, yer ve sizinle görüşen gönüllü;",
                    "yaş grubunuz, söylemek isterseniz cinsiyetiniz, konuştuğumuz dil;",
                    "neye ihtiyacınız olduğu (örneğin konut, sağlık, belgeler, para) "
                    "ve sizi nereye yönlendirdiğimiz;",
                    "isterseniz, tekrar geldiğinizde sizi tanımak için rastgele bir "
                    "kod.",
                ),
            ),
            (
                "Asla not etmediklerimiz",
                (
                    "Adınız, adresiniz, telefon numaranız, e-posta adresiniz, doğum "
                    "tarihiniz, ulusal kimlik numaranız.",
                ),
            ),
            (
                "Neden",
                (
                    "Size daha iyi yardım etmek ve projeyi finanse edenlere (Brüksel "
                    "Ortak Topluluk Komisyonu, COCOM) mahallede hangi ihtiyaçların "
                    "olduğunu göstermek için. Raporlarda yalnızca toplam sayılar yer "
                    "alır, hiçbir zaman bir kişi yer almaz.",
                ),
            ),
            (
                "Hangi hukuki dayanakla",
                (
                    "Dernek, bu yardımı düzenlemekte meşru bir menfaate sahiptir "
                    "(GDPR, madde 6.1.f). Sağlığınızla ilgili bilgileri yalnızca "
                    "onay verirseniz not ederiz (madde 9.2.a).",
                ),
            ),
            (
                "Bu notları kim görür",
                (
                    "Sizinle görüşen gönüllü ve projenin koordinasyon ekibi. Bunları "
                    "başka hiçbir kuruma vermeyiz.",
                ),
            ),
            (
                "Ne kadar süre",
                (
                    "Son ziyaretinizden {months} sonra kod ve notlar silinir. "
                    "Geriye yalnızca kim olduğunuzu göstermeyen sayılar kalır.",
                ),
            ),
            (
                "Haklarınız",
                (
                    "Hayır diyebilirsiniz: size yine de yardım ederiz ve durumunuzu "
                    "not etmeyiz.",
                    "Fikrinizi değiştirebilir, neyin not edildiğini sorabilir, "
                    "düzeltilmesini ya da silinmesini isteyebilirsiniz: kodunuzu ya "
                    "da görüşmenin gününü ve yerini bir gönüllüye veya koordinasyon "
                    "ekibine söyleyin.",
                    "Veri Koruma Otoritesi'ne şikâyette bulunabilirsiniz: Rue de la "
                    "Presse 35, 1000 Brüksel, www.dataprotectionauthority.be.",
                ),
            ),
        ),
        contact_heading="İletişim",
        contact_default="Tisseurs de liens koordinasyon ekibi: gönüllüye sorun.",
        months=lambda n: f"{n} ay",
    ),
    "ro": Notice(
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
                    "Puteți spune nu: vă ajutăm oricum și nu notăm situația "
                    "dumneavoastră.",
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
        contact_default=(
            "Echipa de coordonare Tisseurs de liens: întrebați voluntarul."
        ),
        months=_romanian_months,
    ),
    "bg": Notice(
        language="bg",
        name="Български",
        direction="ltr",
        title="Вашите данни",
        subtitle="Какво записват доброволците от квартала, когато ви помагат",
        intro=(
            "Доброволците от квартала в проекта Tisseurs de liens ви изслушват и ви "
            "насочват към службите в района – в Схарбек и Сен-Жос. За да "
            "организират тази помощ, те записват по нещо за вашето положение, без "
            "името ви."
        ),
        sections=(
            (
                "Какво записваме",
                (
                    "деня, мястото и доброволеца, който ви е срещнал;",
                    "възрастовата ви група, пола ви, ако искате да го кажете, "
                    "езика, на който говорихме;",
                    "от какво имате нужда (например жилище, здраве, документи, "
                    "пари) и къде ви насочихме;",
                    "ако желаете – случаен код, за да ви познаем, когато дойдете пак.",
                ),
            ),
            (
                "Какво никога не записваме",
                (
                    "Името ви, адреса ви, телефона ви, имейла ви, датата ви на "
                    "раждане, националния ви номер.",
                ),
            ),
            (
                "Защо",
                (
                    "За да ви помагаме по-добре и за да покажем на тези, които "
                    "финансират проекта (Общата общностна комисия на Брюксел, "
                    "COCOM), какви нужди има в квартала. Докладите съдържат само "
                    "общи числа, никога отделен човек.",
                ),
            ),
            (
                "На какво основание",
                (
                    "Сдружението има законен интерес да организира тази помощ (ОРЗД, "
                    "член 6.1.f). Това, което засяга здравето ви, записваме само "
                    "ако сте съгласни (член 9.2.a).",
                ),
            ),
            (
                "Кой вижда тези бележки",
                (
                    "Доброволецът, който ви е срещнал, и координацията на проекта. "
                    "Не ги даваме на никоя друга служба.",
                ),
            ),
            (
                "Колко време",
                (
                    "{months} след последното ви посещение кодът и бележките се "
                    "изтриват. Остават само числа, които не казват кои сте.",
                ),
            ),
            (
                "Вашите права",
                (
                    "Можете да откажете: пак ще ви помогнем и няма да записваме "
                    "вашето положение.",
                    "Можете да промените решението си, да попитате какво е "
                    "записано, да поискате да се поправи или изтрие: дайте кода си "
                    "или деня и мястото на срещата на доброволец или на "
                    "координацията.",
                    "Можете да подадете жалба до Органа за защита на данните: Rue "
                    "de la Presse 35, 1000 Брюксел, www.dataprotectionauthority.be.",
                ),
            ),
        ),
        contact_heading="Контакт",
        contact_default="Координацията на Tisseurs de liens: попитайте доброволеца.",
        months=lambda n: "1 месец" if n == 1 else f"{n} месеца",
    ),
}
