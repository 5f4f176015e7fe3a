"""Participating countries of the demo journal's publisher, with Russian forms.

Russian needs three forms in generated titles: the nominative, the genitive
("опыт Казахстана") and "in the country" with its preposition ("в Казахстане").
`weight` follows the journal's record of authors by country (DEMO facts): the
largest groups come from Kazakhstan, Belarus, Russia and the USA.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str
    en: str
    ru: str
    ru_gen: str
    ru_in: str
    capital: str
    weight: int = 1


# fmt: off
COUNTRIES = [
    Country("KZ", "Kazakhstan", "Казахстан", "Казахстана", "в Казахстане", "Astana", 18),
    Country("BY", "Belarus", "Беларусь", "Беларуси", "в Беларуси", "Minsk", 10),
    Country("RU", "the Russian Federation", "Российская Федерация", "Российской Федерации", "в Российской Федерации", "Moscow", 8),
    Country("US", "the USA", "США", "США", "в США", "Washington, DC", 8),
    Country("AZ", "Azerbaijan", "Азербайджан", "Азербайджана", "в Азербайджане", "Baku", 6),
    Country("CN", "China", "Китай", "Китая", "в Китае", "Beijing", 6),
    Country("UA", "Ukraine", "Украина", "Украины", "в Украине", "Kyiv", 6),
    Country("KG", "the Kyrgyz Republic", "Кыргызская Республика", "Кыргызской Республики", "в Кыргызской Республике", "Bishkek", 5),
    Country("KR", "the Republic of Korea", "Республика Корея", "Республики Корея", "в Республике Корея", "Seoul", 3),
    Country("UZ", "Uzbekistan", "Узбекистан", "Узбекистана", "в Узбекистане", "Tashkent", 2),
    Country("TJ", "Tajikistan", "Таджикистан", "Таджикистана", "в Таджикистане", "Dushanbe", 2),
    Country("AM", "Armenia", "Армения", "Армении", "в Армении", "Yerevan", 2),
    Country("GE", "Georgia", "Грузия", "Грузии", "в Грузии", "Tbilisi", 2),
    Country("MD", "the Republic of Moldova", "Республика Молдова", "Республики Молдова", "в Республике Молдова", "Chișinău", 1),
    Country("MN", "Mongolia", "Монголия", "Монголии", "в Монголии", "Ulaanbaatar", 2),
    Country("AF", "Afghanistan", "Афганистан", "Афганистана", "в Афганистане", "Kabul", 1),
    Country("BD", "Bangladesh", "Бангладеш", "Бангладеш", "в Бангладеш", "Dhaka", 1),
    Country("BJ", "Benin", "Бенин", "Бенина", "в Бенине", "Porto-Novo", 1),
    Country("BT", "Bhutan", "Бутан", "Бутана", "в Бутане", "Thimphu", 1),
    Country("BA", "Bosnia and Herzegovina", "Босния и Герцеговина", "Боснии и Герцеговины", "в Боснии и Герцеговине", "Sarajevo", 1),
    Country("BR", "Brazil", "Бразилия", "Бразилии", "в Бразилии", "Brasília", 1),
    Country("CA", "Canada", "Канада", "Канады", "в Канаде", "Ottawa", 1),
    Country("EE", "Estonia", "Эстония", "Эстонии", "в Эстонии", "Tallinn", 1),
    Country("FR", "France", "Франция", "Франции", "во Франции", "Paris", 1),
    Country("DE", "Germany", "Германия", "Германии", "в Германии", "Berlin", 1),
    Country("HU", "Hungary", "Венгрия", "Венгрии", "в Венгрии", "Budapest", 1),
    Country("IN", "India", "Индия", "Индии", "в Индии", "New Delhi", 1),
    Country("ID", "Indonesia", "Индонезия", "Индонезии", "в Индонезии", "Jakarta", 1),
    Country("JP", "Japan", "Япония", "Японии", "в Японии", "Tokyo", 1),
    Country("LT", "Lithuania", "Литва", "Литвы", "в Литве", "Vilnius", 1),
    Country("MK", "North Macedonia", "Северная Македония", "Северной Македонии", "в Северной Македонии", "Skopje", 1),
    Country("MV", "Maldives", "Мальдивы", "Мальдив", "на Мальдивах", "Malé", 1),
    Country("ME", "Montenegro", "Черногория", "Черногории", "в Черногории", "Podgorica", 1),
    Country("NL", "the Netherlands", "Нидерланды", "Нидерландов", "в Нидерландах", "The Hague", 1),
    Country("PK", "Pakistan", "Пакистан", "Пакистана", "в Пакистане", "Islamabad", 1),
    Country("PS", "Palestine", "Палестина", "Палестины", "в Палестине", "Ramallah", 1),
    Country("PL", "Poland", "Польша", "Польши", "в Польше", "Warsaw", 1),
    Country("SK", "Slovakia", "Словакия", "Словакии", "в Словакии", "Bratislava", 1),
    Country("ES", "Spain", "Испания", "Испании", "в Испании", "Madrid", 1),
    Country("SE", "Sweden", "Швеция", "Швеции", "в Швеции", "Stockholm", 1),
    Country("TH", "Thailand", "Таиланд", "Таиланда", "в Таиланде", "Bangkok", 1),
    Country("TR", "Turkey", "Турция", "Турции", "в Турции", "Ankara", 1),
    Country("GB", "the United Kingdom", "Великобритания", "Великобритании", "в Великобритании", "London", 1),
]
# fmt: on

BY_CODE = {c.code: c for c in COUNTRIES}


def capitalised(name: str) -> str:
    """'the USA' at the start of a title reads 'The USA'."""
    return name[:1].upper() + name[1:]
