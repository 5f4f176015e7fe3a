"""The journal's topics and the phrases generated demo metadata is built from.

Every English phrase has a Russian counterpart at the same position, so a
generated title, abstract and keyword list say the same thing in both
languages. Russian patterns quote a topic in «» where a case ending would
otherwise have to agree with it.
"""

import random
from dataclasses import dataclass

from .countries import COUNTRIES, Country, capitalised


@dataclass(frozen=True)
class Topic:
    en: str
    ru: str
    keywords_en: tuple[str, ...]
    keywords_ru: tuple[str, ...]


# fmt: off
TOPICS = [
    Topic("development of young talent and women in the civil service", "развитие молодых кадров и продвижение женщин на государственной службе",
          ("young talent", "gender equality", "women in leadership"), ("молодые кадры", "гендерное равенство", "женщины в руководстве")),
    Topic("performance evaluation of civil servants", "оценка результативности государственных служащих",
          ("performance appraisal", "key performance indicators"), ("оценка деятельности", "ключевые показатели эффективности")),
    Topic("performance evaluation of state bodies", "оценка эффективности государственных органов",
          ("organisational performance", "results-based management"), ("эффективность органов", "управление по результатам")),
    Topic("effective human resource management", "эффективное управление человеческими ресурсами",
          ("human resource management", "workforce planning"), ("управление персоналом", "планирование кадров")),
    Topic("professionalism, ethics and integrity", "профессионализм, этика и добросовестность",
          ("public service ethics", "integrity", "codes of conduct"), ("служебная этика", "добросовестность", "кодексы поведения")),
    Topic("quality of public service delivery", "качество оказания государственных услуг",
          ("public service delivery", "one-stop shops", "citizen satisfaction"), ("государственные услуги", "принцип одного окна", "удовлетворённость граждан")),
    Topic("motivation and compensation of civil servants", "мотивация и оплата труда государственных служащих",
          ("motivation", "pay reform", "performance-related pay"), ("мотивация", "реформа оплаты труда", "оплата по результатам")),
    Topic("e-government and ICT in public service delivery", "электронное правительство и ИКТ в оказании государственных услуг",
          ("e-government", "digital transformation", "smart government"), ("электронное правительство", "цифровая трансформация", "умное правительство")),
    Topic("talent management and career development", "управление талантами и развитие карьеры",
          ("talent management", "career development", "succession planning"), ("управление талантами", "карьерное развитие", "кадровый резерв")),
    Topic("innovative solutions in the public sector", "инновационные решения в государственном секторе",
          ("public sector innovation", "policy labs"), ("инновации в госсекторе", "лаборатории политики")),
    Topic("the public sector's response to the pandemic", "ответ государственного сектора на пандемию",
          ("COVID-19", "pandemic response", "business continuity"), ("COVID-19", "реагирование на пандемию", "непрерывность деятельности")),
    Topic("institutional capacity for crisis management", "институциональный потенциал антикризисного управления",
          ("crisis management", "institutional capacity", "resilience"), ("антикризисное управление", "институциональный потенциал", "устойчивость")),
    Topic("remote work in the civil service", "удалённая работа на государственной службе",
          ("remote work", "flexible working", "telework"), ("удалённая работа", "гибкий график", "дистанционная занятость")),
    Topic("local government capacity", "потенциал местного самоуправления",
          ("local government", "decentralisation", "capacity building"), ("местное самоуправление", "децентрализация", "развитие потенциала")),
    Topic("anti-corruption measures", "меры противодействия коррупции",
          ("anti-corruption", "transparency", "asset declarations"), ("противодействие коррупции", "прозрачность", "декларирование активов")),
    Topic("recruitment and retention", "отбор и удержание кадров",
          ("recruitment", "retention", "competitive selection"), ("отбор кадров", "удержание персонала", "конкурсный отбор")),
    Topic("meritocracy", "меритократия",
          ("meritocracy", "merit-based recruitment"), ("меритократия", "отбор по заслугам")),
    Topic("regulatory impact assessment", "оценка регулирующего воздействия",
          ("regulatory impact assessment", "better regulation"), ("оценка регулирующего воздействия", "качество регулирования")),
    Topic("strategic state planning", "стратегическое государственное планирование",
          ("strategic planning", "national development strategy"), ("стратегическое планирование", "стратегия национального развития")),
    Topic("leadership in public administration", "лидерство в государственном управлении",
          ("public leadership", "senior civil service"), ("лидерство", "высший корпус государственной службы")),
]

# (English, Russian) title patterns. {T}/{t}: topic at the start / inside;
# {t2}: a second topic; {c}, {c2}: countries; {c_gen}, {c_in}: Russian forms.
TITLES = [
    ("{T}: evidence from {c}", "{T_ru}: опыт {c_gen}"),
    ("{T} in {c}: lessons for reforming governments", "{T_ru} {c_in}: уроки для реформ государственного управления"),
    ("Rethinking {t} after the pandemic: the case of {c}", "{T_ru} после пандемии: пример {c_gen}"),
    ("{T} and {t2}: a comparative study of {c} and {c2}", "{T_ru} и {t2_ru}: сравнительный анализ {c_gen} и {c2_gen}"),
    ("What works in {t}? Practitioner perspectives from {c}", "{T_ru}: что работает? Взгляд практиков из {c_gen}"),
    ("Measuring {t} in the civil service of {c}", "{T_ru} на государственной службе {c_gen}: подходы к измерению"),
    ("From strategy to practice: {t} in {c}", "От стратегии к практике: {t_ru} {c_in}"),
    ("{T} as a driver of trust in government: {C}", "{T_ru} как фактор доверия к государству: {c_ru}"),
]
BOOK_TITLES = [
    ("Review of “{T} in transition: {C} and beyond”", "Рецензия на книгу «{T_ru}: опыт {c_gen} и других стран»"),
    ("Book review: “Reforming the state: {t} in {c}”", "Рецензия на книгу «Реформируя государство: {t_ru} {c_in}»"),
]
REVIEW_ABSTRACTS = [
    ("The book under review brings together {k} chapters on {t} in {c} and neighbouring countries. This review weighs what it offers practitioners and where its evidence is thin.",
     "Рецензируемая книга объединяет {k} глав, посвящённых теме «{t_ru}» {c_in} и соседних странах. В рецензии оценивается, что она даёт практикам и где её доказательная база недостаточна."),
    ("A practitioner's account of {t} in {c}, written by a former senior official. The review places it in the wider literature on civil service reform.",
     "Книга бывшего высокопоставленного чиновника о практике в сфере «{t_ru}» {c_in}. Рецензия рассматривает её в контексте литературы о реформе государственной службы."),
]

INTROS = [
    ("This article examines {t} in {c}.", "Статья посвящена теме «{t_ru}» {c_in}."),
    ("The paper analyses recent reforms of {t} in {c}.", "В работе анализируются недавние реформы в сфере «{t_ru}» {c_in}."),
    ("This study asks how {c} has approached {t} since {y}.", "В исследовании рассматривается, как {c_in} с {y} года решаются задачи в сфере «{t_ru}»."),
]
METHODS = [
    ("It draws on {n_int} semi-structured interviews with senior civil servants and an analysis of legislation adopted since {y0}.",
     "Исследование основано на {n_int} полуструктурированных интервью с руководителями государственных органов и анализе законодательства, принятого с {y0} года."),
    ("It uses survey data from {n} civil servants in central and local government bodies.",
     "Использованы данные опроса {n} государственных служащих центральных и местных органов."),
    ("The analysis combines administrative data for {y}–{y2} with a comparative review of OECD and regional practice.",
     "Анализ сочетает административные данные за {y}–{y2} годы со сравнительным обзором практики стран ОЭСР и региона."),
    ("A mixed-methods design combines a document review with focus groups in {k} ministries.",
     "Смешанный дизайн исследования объединяет анализ документов и фокус-группы в {k} министерствах."),
]
FINDINGS = [
    ("The findings show that reforms hold where work on {t2} becomes part of everyday management rather than a one-off project.",
     "Результаты показывают, что реформы устойчивы там, где тема «{t2_ru}» становится частью повседневного управления, а не разовым проектом."),
    ("Results point to a persistent gap between formal rules and their implementation, especially at the local level.",
     "Результаты указывают на устойчивый разрыв между формальными правилами и их применением, особенно на местном уровне."),
    ("Bodies that invested in staff training and clear performance criteria reported measurable gains in service quality.",
     "Органы, инвестировавшие в обучение персонала и чёткие критерии оценки, зафиксировали ощутимое повышение качества услуг."),
    ("Digital tools made a difference only where they came with changes in procedures and accountability.",
     "Цифровые инструменты дали эффект лишь там, где сопровождались изменением процедур и подотчётности."),
]
CLOSINGS = [
    ("The article ends with recommendations for civil service agencies in the region.",
     "В заключение даны рекомендации для органов по делам государственной службы стран региона."),
    ("Practical lessons are drawn for governments in Central Asia and the Caucasus.",
     "Сформулированы практические выводы для правительств стран Центральной Азии и Кавказа."),
    ("The case offers a transferable model for other countries undertaking similar reforms.",
     "Опыт может быть использован другими странами, проводящими аналогичные реформы."),
]
METHOD_KEYWORDS = [
    ("comparative analysis", "сравнительный анализ"),
    ("case study", "кейс-стади"),
    ("survey research", "социологический опрос"),
    ("civil service reform", "реформа государственной службы"),
    ("public administration", "государственное управление"),
]
# fmt: on


def _plain(country: Country) -> str:
    """A country's name as a keyword: 'the USA' → 'USA'."""
    return country.en.removeprefix("the ")


@dataclass(frozen=True)
class Metadata:
    title: dict
    abstract: dict
    keywords: dict


def metadata(
    rng: random.Random, countries: list[Country], *, book_review: bool = False
) -> Metadata:
    """Title, abstract and keywords in English and Russian on a random topic."""
    topic, topic2 = rng.sample(TOPICS, 2)
    country = countries[0]
    country2 = countries[1] if len(countries) > 1 and countries[1] != country else None
    if country2 is None:
        country2 = rng.choice([c for c in COUNTRIES if c != country])
    year = rng.randint(2012, 2021)
    values = {
        "T": capitalised(topic.en),
        "t": topic.en,
        "t2": topic2.en,
        "T_ru": capitalised(topic.ru),
        "t_ru": topic.ru,
        "t2_ru": topic2.ru,
        "C": capitalised(country.en),
        "c": country.en,
        "c2": country2.en,
        "c_ru": country.ru,
        "c_gen": country.ru_gen,
        "c_in": country.ru_in,
        "c2_gen": country2.ru_gen,
        "y": year,
        "y2": min(year + rng.randint(3, 8), 2024),
        "n": rng.choice([215, 347, 412, 586, 1024, 1260]),
        "n_int": rng.choice([18, 25, 36, 47, 58]),
        "y0": rng.randint(2008, 2018),
        "k": rng.randint(5, 9),
    }
    patterns = BOOK_TITLES if book_review else TITLES
    title_en, title_ru = rng.choice(patterns)
    if book_review:
        sentences = [rng.choice(REVIEW_ABSTRACTS)]
    else:
        sentences = [rng.choice(p) for p in (INTROS, METHODS, FINDINGS, CLOSINGS)]
    method_kw = rng.choice(METHOD_KEYWORDS)
    picks = rng.sample(range(len(topic.keywords_en)), 2)
    keywords_en = [
        *(topic.keywords_en[i] for i in picks),
        topic2.keywords_en[0],
        _plain(country),
        method_kw[0],
    ]
    keywords_ru = [
        *(topic.keywords_ru[i] for i in picks),
        topic2.keywords_ru[0],
        country.ru,
        method_kw[1],
    ]
    return Metadata(
        title={
            "en": capitalised(title_en.format(**values)),
            "ru": title_ru.format(**values),
        },
        abstract={
            "en": " ".join(s[0].format(**values) for s in sentences),
            "ru": " ".join(s[1].format(**values) for s in sentences),
        },
        keywords={"en": _unique(keywords_en), "ru": _unique(keywords_ru)},
    )


def _unique(words: list[str]) -> list[str]:
    seen, out = set(), []
    for w in words:
        if w.lower() not in seen:
            seen.add(w.lower())
            out.append(w)
    return out
