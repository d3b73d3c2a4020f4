"""The residents' notice "Vos données" in Turkish."""

from prestations.notice.base import Notice

NOTICE = Notice(
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
                "isterseniz, tekrar geldiğinizde sizi tanımak için rastgele bir kod.",
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
)
