"""Plausible personal names by country, for generated demo authors.

Names from countries that write in Cyrillic are given as they appear in an
English-language journal (transliterated) with the original beside them; the
original goes to Contributor.name_translations["ru"]. A family name may carry
its feminine form after a slash ("Ivanou/Ivanova Иванов/Иванова"); without
one, the usual -ov/-ev/-in → -ova/-eva/-ina rule applies where the language
has it.
"""

import random
from dataclasses import dataclass

# Each entry: "Latin Cyrillic" pairs separated by commas.
CYRILLIC = {
    "KZ": (
        "Arman Арман, Nurlan Нурлан, Daniyar Данияр, Yerlan Ерлан, Askar Аскар, "
        "Timur Тимур, Bauyrzhan Бауыржан, Yerzhan Ержан",
        "Aigerim Айгерим, Dana Дана, Saule Сауле, Zhanar Жанар, Aliya Алия, "
        "Madina Мадина, Gulnara Гульнара, Assel Асель",
        "Tulegenov Тулегенов, Seitkali Сейткали, Abenov Абенов, "
        "Zhaksylykov Жаксылыков, Nurpeisov Нурпеисов, Bekturov Бектуров, "
        "Ospanov Оспанов, Kassymov Касымов, Omarov Омаров, Suleimenov Сулейменов",
    ),
    "BY": (
        "Aliaksandr Александр, Siarhei Сергей, Dzmitry Дмитрий, Andrei Андрей, "
        "Pavel Павел",
        "Tatsiana Татьяна, Volha Ольга, Natallia Наталья, Alena Елена, Iryna Ирина",
        "Kavalenka Коваленко, Novik Новик, Zhuk Жук, Karpovich Карпович, "
        "Ivanou/Ivanova Иванов/Иванова, Shautsou/Shautsova Шевцов/Шевцова, "
        "Maroz Мороз",
    ),
    "RU": (
        "Alexei Алексей, Dmitry Дмитрий, Sergei Сергей, Mikhail Михаил, Ivan Иван",
        "Ekaterina Екатерина, Anna Анна, Maria Мария, Olga Ольга, Natalia Наталья",
        "Smirnov Смирнов, Kuznetsov Кузнецов, Sokolov Соколов, Popov Попов, "
        "Volkov Волков, Lebedev Лебедев, Morozov Морозов",
    ),
    "UA": (
        "Oleksandr Олександр, Andriy Андрій, Taras Тарас, Mykola Микола",
        "Olena Олена, Iryna Ірина, Oksana Оксана, Nataliia Наталія",
        "Kovalenko Коваленко, Shevchenko Шевченко, Bondarenko Бондаренко, "
        "Tkachenko Ткаченко, Melnyk Мельник, Kravchuk Кравчук",
    ),
    "KG": (
        "Aibek Айбек, Nurbek Нурбек, Talant Талант, Azamat Азамат",
        "Aizhan Айжан, Cholpon Чолпон, Gulmira Гульмира, Nazgul Назгуль",
        "Toktogulov Токтогулов, Asanov Асанов, Dzhumabaev Джумабаев, "
        "Sydykov Сыдыков, Mamatov Маматов",
    ),
    "UZ": (
        "Bakhodir Баходир, Rustam Рустам, Shukhrat Шухрат, Jasur Жасур",
        "Nodira Нодира, Dilnoza Дильноза, Malika Малика, Gulnoza Гульноза",
        "Yusupov Юсупов, Karimov Каримов, Rakhimov Рахимов, Usmanov Усманов, "
        "Alimov Алимов",
    ),
    "TJ": (
        "Farrukh Фаррух, Parviz Парвиз, Jamshed Джамшед",
        "Zarina Зарина, Manizha Манижа, Firuza Фируза",
        "Rahmonov Рахмонов, Nazarov Назаров, Safarov Сафаров, Sharipov Шарипов",
    ),
    "AZ": (
        "Elvin Эльвин, Rashad Рашад, Orkhan Орхан, Farid Фарид",
        "Leyla Лейла, Aynur Айнур, Gunel Гюнель, Sevinj Севиндж",
        "Mammadov Мамедов, Aliyev Алиев, Huseynov Гусейнов, Hasanov Гасанов, "
        "Guliyev Гулиев",
    ),
    "AM": (
        "Armen Армен, Tigran Тигран, Davit Давид",
        "Anahit Анаит, Lusine Лусине, Mariam Мариам",
        "Sargsyan Саргсян, Hakobyan Акопян, Grigoryan Григорян, Petrosyan Петросян",
    ),
    "GE": (
        "Giorgi Георгий, Levan Леван, Davit Давид, Irakli Ираклий",
        "Nino Нино, Tamar Тамар, Ketevan Кетеван, Mariam Мариам",
        "Beridze Беридзе, Kapanadze Капанадзе, Gelashvili Гелашвили, "
        "Lomidze Ломидзе, Tsiklauri Циклаури",
    ),
    "MN": (
        "Batbayar Батбаяр, Ganzorig Ганзориг, Tsogt Цогт",
        "Oyunchimeg Оюунчимэг, Solongo Солонго, Enkhjargal Энхжаргал",
        "Ganbold Ганболд, Bat-Erdene Бат-Эрдэнэ, Tumurbaatar Тумурбаатар, "
        "Purevdorj Пурэвдорж",
    ),
    "MD": (
        "Ion Ион, Vasile Василе, Andrei Андрей",
        "Elena Елена, Natalia Наталья, Ana Ана",
        "Rusu Русу, Ciobanu Чобану, Popescu Попеску, Munteanu Мунтяну",
    ),
}

LATIN = {
    "US": ("James, Michael, David, Robert, Daniel", "Jennifer, Sarah, Emily, Laura, Rachel", "Collins, Miller, Anderson, Taylor, Morgan, Hughes"),
    "CN": ("Lei, Wei, Jun, Hao, Ming", "Li, Fang, Xiaoling, Yan, Jing", "Wang, Zhang, Liu, Chen, Zhao, Huang"),
    "KR": ("Min-jun, Ji-hoon, Seung-woo", "Seo-yeon, Ji-eun, Hye-jin", "Kim, Lee, Park, Choi, Jung"),
    "AF": ("Ahmad, Farhad, Jawid", "Mariam, Fatima, Zahra", "Rahimi, Karimi, Ahmadzai"),
    "BD": ("Rahim, Tanvir, Arif", "Nusrat, Farhana, Sadia", "Hossain, Rahman, Chowdhury"),
    "BJ": ("Koffi, Serge, Rodrigue", "Aïcha, Mireille, Gisèle", "Houngbédji, Adjovi, Dossou"),
    "BT": ("Tshering, Karma, Sonam", "Pema, Dechen, Yangchen", "Dorji, Wangchuk, Tobgay"),
    "BA": ("Amir, Edin, Nikola", "Amra, Lejla, Jelena", "Hadžić, Kovačević, Begović"),
    "BR": ("João, Pedro, Lucas", "Ana, Mariana, Beatriz", "Silva, Santos, Oliveira, Costa"),
    "CA": ("Liam, Ethan, Marc", "Chloé, Emma, Sophie", "Tremblay, Roy, Campbell, MacDonald"),
    "EE": ("Mart, Toomas, Kristjan", "Kadri, Liis, Triin", "Tamm, Saar, Kask, Sepp"),
    "FR": ("Julien, Nicolas, Thomas", "Camille, Claire, Élodie", "Martin, Bernard, Dubois, Laurent"),
    "DE": ("Jonas, Felix, Markus", "Anna, Katharina, Julia", "Müller, Schmidt, Becker, Wagner"),
    "HU": ("Gábor, László, Péter", "Eszter, Katalin, Zsófia", "Nagy, Kovács, Szabó, Tóth"),
    "IN": ("Arjun, Rahul, Vikram", "Priya, Ananya, Kavita", "Sharma, Iyer, Gupta, Reddy"),
    "ID": ("Budi, Agus, Rizky", "Siti, Dewi, Ayu", "Santoso, Wijaya, Pratama, Hidayat"),
    "JP": ("Hiroshi, Takeshi, Kenji", "Yuki, Akiko, Haruka", "Sato, Suzuki, Takahashi, Tanaka"),
    "LT": ("Tomas, Mindaugas, Darius", "Rūta, Eglė, Jurgita", "Kazlauskas, Petrauskas, Jankauskas"),
    "MK": ("Aleksandar, Goran, Stefan", "Marija, Elena, Ivana", "Stojanovski, Petrovski, Nikolovski"),
    "MV": ("Ahmed, Ibrahim, Hassan", "Aishath, Mariyam, Fathimath", "Shareef, Waheed, Naseem"),
    "ME": ("Marko, Milan, Nikola", "Jelena, Milica, Ana", "Vujović, Radović, Popović"),
    "NL": ("Daan, Sander, Pieter", "Sanne, Eva, Lotte", "de Jong, Jansen, Visser, Bakker"),
    "PK": ("Ali, Usman, Bilal", "Ayesha, Sana, Hina", "Khan, Qureshi, Malik, Siddiqui"),
    "PS": ("Omar, Khaled, Sami", "Lina, Rania, Dina", "Haddad, Nasser, Khalil"),
    "PL": ("Piotr, Tomasz, Marcin", "Agnieszka, Katarzyna, Magdalena", "Nowak, Kowalski/Kowalska, Wiśniewski/Wiśniewska, Zieliński/Zielińska"),
    "SK": ("Martin, Peter, Tomáš", "Zuzana, Lucia, Katarína", "Horváth/Horváthová, Kováč/Kováčová, Varga/Vargová"),
    "ES": ("Javier, Carlos, Alejandro", "Lucía, María, Carmen", "García, Fernández, López, Martínez"),
    "SE": ("Erik, Lars, Johan", "Anna, Karin, Sara", "Andersson, Johansson, Lindqvist, Nilsson"),
    "TH": ("Somchai, Anan, Kittisak", "Siriporn, Kanya, Pimchanok", "Srisuk, Chaiyaphum, Wongsawat"),
    "TR": ("Mehmet, Emre, Burak", "Ayşe, Elif, Zeynep", "Yılmaz, Kaya, Demir, Şahin"),
    "GB": ("Oliver, Thomas, William", "Charlotte, Emma, Hannah", "Smith, Jones, Williams, Evans"),
}  # fmt: skip


@dataclass(frozen=True)
class Person:
    given: str
    family: str
    given_ru: str = ""
    family_ru: str = ""
    female: bool = False

    @property
    def translations(self) -> dict:
        if not self.given_ru:
            return {}
        return {"ru": {"given": self.given_ru, "family": self.family_ru}}


def _feminine(name: str, cyrillic: bool) -> str:
    endings = ("ов", "ев", "ин", "ын") if cyrillic else ("ov", "ev", "in", "yn")
    if name.endswith(endings):
        return name + ("а" if cyrillic else "a")
    return name


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _gendered(token: str, female: bool) -> str:
    forms = token.split("/")
    return forms[1] if female and len(forms) > 1 else forms[0]


def person(code: str, rng: random.Random) -> Person:
    """A random plausible person from the country with this ISO code."""
    female = rng.random() < 0.5
    if code in CYRILLIC:
        male_names, female_names, families = CYRILLIC[code]
        given = rng.choice(_split(female_names if female else male_names))
        family = rng.choice(_split(families))
        given_lat, given_ru = given.split(" ", 1)
        family_lat, family_ru = family.split(" ", 1)
        if female and "/" not in family_lat:
            family_lat, family_ru = (
                _feminine(family_lat, False),
                _feminine(family_ru, True),
            )
        return Person(
            given=given_lat,
            family=_gendered(family_lat, female),
            given_ru=given_ru,
            family_ru=_gendered(family_ru, female),
            female=female,
        )
    male_names, female_names, families = LATIN.get(code, LATIN["GB"])
    return Person(
        given=rng.choice(_split(female_names if female else male_names)),
        family=_gendered(rng.choice(_split(families)), female),
        female=female,
    )


_ASCII = str.maketrans(
    {
        "á": "a", "à": "a", "ä": "a", "â": "a", "ç": "c", "č": "c", "é": "e",
        "è": "e", "ë": "e", "ė": "e", "ğ": "g", "í": "i", "ı": "i", "ï": "i",
        "ł": "l", "ń": "n", "ó": "o", "ö": "o", "ő": "o", "ś": "s", "ş": "s",
        "š": "s", "ú": "u", "ü": "u", "ū": "u", "ý": "y", "ž": "z", "ż": "z",
        "ź": "z", "ș": "s", "ț": "t", "ă": "a", "ć": "c", "đ": "d",
    }
)  # fmt: skip


def email_local_part(p: Person) -> str:
    """first.last in plain ASCII, for a plausible address."""
    raw = f"{p.given}.{p.family}".lower().translate(_ASCII)
    return "".join(ch for ch in raw.replace(" ", "").replace("'", "") if ch.isascii())
