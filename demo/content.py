"""What the demo journal says about itself, its sections, its call and its people.

Modelled on a practitioner-oriented, peer-reviewed, open-access journal on civil
service reform published by a regional hub of governments in Astana. The
texts are the demo's own; names of people are invented.
"""

from journal.validators import issn_check_digit


def _issn(first_seven: str) -> str:
    return f"{first_seven[:4]}-{first_seven[4:]}{issn_check_digit(first_seven)}"


PASSWORD = "civil-service-demo"
EMAIL_DOMAIN = "ijcsrp.example.org"

JOURNAL = {
    "slug": "ijcsrp",
    "title": "International Journal of Civil Service Reform and Practice",
    "abbreviation": "IJCSRP",
    "issn_print": _issn("2789413"),
    "issn_online": _issn("2789414"),
    "publisher": "Astana Civil Service Hub",
    "publisher_place": "Astana",
    "contact_email": f"journal@{EMAIL_DOMAIN}",
    "contact_address": (
        "Astana Civil Service Hub\n"
        "14 Mambetov Street\n"
        "Astana (Nur-Sultan), 010000\n"
        "Republic of Kazakhstan"
    ),
    "timezone": "Asia/Almaty",
    "languages": ["en", "ru"],
    "default_licence": "cc-by-4.0",
    "doi_prefix": "10.99999",
    "review_method": "double-anonymous",
    "description": (
        "The International Journal of Civil Service Reform and Practice is a "
        "practitioner-oriented, peer-reviewed, open-access journal. It gives "
        "civil servants, researchers and reform teams in the CIS, Central Asia, "
        "the Caucasus and the other participating countries of its publisher "
        "access to global knowledge on civil service reform, through "
        "high-quality papers based on original research.\n\n"
        "The journal is published by the Astana Civil Service Hub, an "
        "international platform for civil service excellence founded in Astana "
        "on 15 March 2013 by 25 countries and 5 international organisations, on "
        "the initiative of the Government of Kazakhstan and UNDP. The Hub now "
        "brings together more than 40 participating countries, over 80 "
        "institutional partners and a roster of more than 130 experts.\n\n"
        "All articles are free to read "
        "and reuse under the Creative Commons Attribution 4.0 licence; authors "
        "pay no charges."
    ),
    "description_translations": {
        "ru": (
            "Международный журнал «Реформа и практика государственной службы» — "
            "рецензируемый журнал открытого доступа для практиков. Он знакомит "
            "государственных служащих, исследователей и команды реформ стран СНГ, "
            "Центральной Азии и Кавказа с мировым опытом реформирования "
            "государственной службы.\n\n"
            "Все статьи можно свободно читать и использовать по лицензии Creative "
            "Commons Attribution 4.0; авторы ничего не платят."
        )
    },
    "focus_and_scope_translations": {
        "ru": (
            "Журнал публикует исследования и опыт практиков по темам:\n"
            "- реформа государственной службы: теория, разработка и внедрение;\n"
            "- управление персоналом в государственном секторе: отбор, "
            "меритократия, карьера, мотивация и оплата труда, оценка "
            "деятельности;\n"
            "- оказание государственных услуг: центры обслуживания населения, "
            "электронное правительство, стандарты качества;\n"
            "- этика, добросовестность и противодействие коррупции;\n"
            "- лидерство, стратегическое планирование и антикризисное "
            "управление.\n\n"
            "Мы приглашаем к публикации научные статьи, кейсы реформ, "
            "дискуссионные статьи, обзоры стран и рецензии на книги."
        )
    },
    "focus_and_scope": (
        "The journal publishes research and practice on:\n"
        "- civil service reform: theory, design and implementation;\n"
        "- public-sector human resource management and development: "
        "recruitment and retention, meritocracy, talent management and career "
        "development, motivation and pay, performance evaluation of civil "
        "servants and of state bodies, remote work;\n"
        "- public service delivery: one-stop shops, e-government and ICT, "
        "quality standards, innovative solutions;\n"
        "- ethics, integrity and anti-corruption;\n"
        "- leadership, strategic state planning, regulatory impact assessment, "
        "local government capacity and institutional capacity for crisis "
        "management.\n\n"
        "We welcome research articles, case studies of reforms (for example "
        "one-stop-shop service delivery, anti-corruption reform in a national "
        "police force, smart government), discussion papers, country profiles, "
        "practitioner notes and book reviews. Papers written by practitioners, "
        "or jointly by practitioners and academics, are especially welcome."
    ),
    "author_guidelines": (
        "Submit online in English or Russian; the editors arrange a translated "
        "abstract if you cannot provide one. Upload the manuscript as DOCX, ODT "
        "or PDF.\n\n"
        "Review is double-anonymous: remove your names, affiliations and "
        "acknowledgements from the manuscript and its file properties, and "
        "refer to your own work in the third person. Enter authors, "
        "affiliations, ORCID iDs and funding in the submission form instead.\n\n"
        "Each submission needs a title, an abstract of 150–250 words and 4–8 "
        "keywords, in English and, if possible, in Russian. Follow the word "
        "limit of the section you submit to (references included). Cite in APA "
        "style (7th edition) and give DOIs where they exist.\n\n"
        "By submitting you confirm that the manuscript is original, is not under "
        "consideration elsewhere, that the research followed ethical standards, "
        "and that you declare any competing interests. Accepted articles are "
        "published under CC BY 4.0; authors keep their copyright."
    ),
}

SECTIONS = [
    {
        "slug": "research-articles",
        "title": "Research Articles",
        "title_translations": {"ru": "Научные статьи"},
        "policy": (
            "Original empirical or theoretical research on civil service reform "
            "and public administration, with a clear question, method and "
            "contribution. Double-anonymous review by at least two reviewers."
        ),
        "peer_reviewed": True,
        "word_limit": 8000,
        "article_type": "research-article",
        "order": 1,
    },
    {
        "slug": "case-studies",
        "title": "Case Studies",
        "title_translations": {"ru": "Кейс-стади"},
        "policy": (
            "An account of one reform in one country or organisation: the "
            "problem, what was done, what happened and what others can learn. "
            "Written by or with the people involved. Double-anonymous review."
        ),
        "peer_reviewed": True,
        "word_limit": 6000,
        "article_type": "case-report",
        "order": 2,
    },
    {
        "slug": "practitioner-notes",
        "title": "Practitioner Notes",
        "title_translations": {"ru": "Заметки практиков"},
        "policy": (
            "Short notes from civil servants on a tool, a pilot or a lesson "
            "learned, for colleagues in other countries. Reviewed by the "
            "editors."
        ),
        "peer_reviewed": False,
        "word_limit": 3000,
        "article_type": "brief-report",
        "review_method": "single-anonymous",
        "order": 3,
    },
    {
        "slug": "book-reviews",
        "title": "Book Reviews",
        "title_translations": {"ru": "Рецензии на книги"},
        "policy": (
            "Reviews of recent books on public administration and civil service "
            "reform, especially those published in the region. Contact the "
            "editors before writing. Reviewed by the editors."
        ),
        "peer_reviewed": False,
        "word_limit": 1500,
        "article_type": "book-review",
        "order": 4,
    },
]

CALL = {
    "slug": "crisis-management-capacity",
    "title": (
        "Special issue: Institutional capacity for crisis management and the "
        "public sector's response to emergencies"
    ),
    "description": (
        "The pandemic, floods and energy shocks have tested how governments "
        "organise, staff and lead under pressure. This special issue invites "
        "research articles and case studies on institutional capacity for "
        "crisis management: business continuity in ministries, remote work, "
        "redeployment of civil servants, coordination between central and "
        "local government, and what has lasted since. Comparative papers "
        "covering the CIS, Central Asia and the Caucasus are especially "
        "welcome.\n\n"
        "Submissions are accepted until 00:00 Astana time (Asia/Almaty) on the "
        "deadline below."
    ),
    "title_translations": {
        "ru": (
            "Специальный выпуск: институциональный потенциал антикризисного "
            "управления и ответ государственного сектора на чрезвычайные ситуации"
        )
    },
    "is_special_issue": True,
    "guest_editors": "Giorgi Beridze (Tbilisi), Aigerim Seitkali (Astana)",
    "sections": ["research-articles", "case-studies"],
    # Months ahead of the first seeding; the deadline is 00:00 local time.
    "months_ahead": 4,
    "day": 5,
}

# The public editorial board, in its order (invented people).
BOARD = [
    {
        "name": "Daniyar Abenov",
        "name_translations": {"ru": "Данияр Абенов"},
        "role": "Editor-in-Chief",
        "role_translations": {"ru": "Главный редактор"},
        "affiliation": "Astana Civil Service Hub",
        "affiliation_translations": {"ru": "Астанинский хаб государственной службы"},
        "country": "KZ",
        "orcid": "0000-0002-1825-0097",
    },
    {
        "name": "Giorgi Beridze",
        "name_translations": {"ru": "Георгий Беридзе"},
        "role": "Deputy Editor",
        "role_translations": {"ru": "Заместитель главного редактора"},
        "affiliation": "Tbilisi School of Public Administration",
        "affiliation_translations": {
            "ru": "Тбилисская школа государственного управления"
        },
        "country": "GE",
    },
    {
        "name": "Olga Kovalenko",
        "name_translations": {"ru": "Ольга Коваленко"},
        "role": "Member of the Editorial Board",
        "role_translations": {"ru": "Член редакционной коллегии"},
        "affiliation": "Academy of Public Administration, Minsk",
        "affiliation_translations": {
            "ru": "Академия государственного управления, Минск"
        },
        "country": "BY",
    },
    {
        "name": "Timur Nazarov",
        "name_translations": {"ru": "Тимур Назаров"},
        "role": "Member of the Editorial Board",
        "role_translations": {"ru": "Член редакционной коллегии"},
        "affiliation": "Institute of Public Policy, Bishkek",
        "affiliation_translations": {"ru": "Институт публичной политики, Бишкек"},
        "country": "KG",
    },
]

# One demo login per role. Research interests come from the journal's topics.
STAFF = [
    {
        "key": "admin",
        "label": "Site administrator",
        "email": f"admin@{EMAIL_DOMAIN}",
        "given_name": "Site",
        "family_name": "Administrator",
        "affiliation": "Astana Civil Service Hub",
        "country": "KZ",
        "superuser": True,
        "roles": [],
    },
    {
        "key": "manager",
        "label": "Journal manager",
        "email": f"manager@{EMAIL_DOMAIN}",
        "given_name": "Aigerim",
        "family_name": "Seitkali",
        "name_ru": ("Айгерим", "Сейткали"),
        "affiliation": "Astana Civil Service Hub",
        "country": "KZ",
        "interests": "strategic state planning, institutional capacity for crisis management",
        "roles": ["manager"],
    },
    {
        "key": "editor",
        "label": "Editor-in-chief",
        "email": f"editor@{EMAIL_DOMAIN}",
        "given_name": "Dana",
        "family_name": "Zhaksylykova",
        "affiliation": (
            "Academy of Public Administration under the President of the "
            "Republic of Kazakhstan"
        ),
        "country": "KZ",
        "interests": "meritocracy, recruitment and retention, civil service reform",
        "roles": ["editor"],
    },
    {
        "key": "section-editor",
        "label": "Section editor (Case Studies, Practitioner Notes)",
        "email": f"section-editor@{EMAIL_DOMAIN}",
        "given_name": "Tatsiana",
        "family_name": "Kavalenka",
        "affiliation": "Academy of Public Administration, Minsk",
        "country": "BY",
        "interests": "quality of public service delivery, one-stop shops, e-government",
        "roles": ["section-editor"],
        "sections": ["case-studies", "practitioner-notes"],
    },
    {
        "key": "production-editor",
        "label": "Production editor",
        "email": f"production@{EMAIL_DOMAIN}",
        "given_name": "Nodira",
        "family_name": "Yusupova",
        "affiliation": "Astana Civil Service Hub",
        "country": "UZ",
        "interests": "open access publishing, research communication",
        "roles": ["production-editor"],
    },
    {
        "key": "reviewer",
        "label": "Reviewer",
        "email": f"reviewer@{EMAIL_DOMAIN}",
        "given_name": "Giorgi",
        "family_name": "Beridze",
        "affiliation": "Tbilisi State University, Institute of Public Administration",
        "country": "GE",
        "orcid": "0000-0002-1825-0097",
        "interests": (
            "anti-corruption measures, professionalism, ethics and integrity, "
            "local government capacity, regulatory impact assessment"
        ),
        "roles": ["reviewer"],
    },
    {
        "key": "author",
        "label": "Author",
        "email": f"author@{EMAIL_DOMAIN}",
        "given_name": "Arman",
        "family_name": "Tulegenov",
        "affiliation": "Agency for Civil Service Affairs of the Republic of Kazakhstan",
        "country": "KZ",
        "interests": "development of young talent, talent management and career development",
        "roles": ["author"],
    },
]

# More authors, from other participating countries.
AUTHORS = [
    {
        "key": "mammadova",
        "email": f"leyla.mammadova@{EMAIL_DOMAIN}",
        "given_name": "Leyla",
        "family_name": "Mammadova",
        "affiliation": "State Agency for Public Service and Social Innovations, Baku",
        "country": "AZ",
        "interests": "quality of public service delivery, one-stop shops",
    },
    {
        "key": "kovalenko",
        "email": f"olena.kovalenko@{EMAIL_DOMAIN}",
        "given_name": "Olena",
        "family_name": "Kovalenko",
        "affiliation": "National Agency of Ukraine on Civil Service, Kyiv",
        "country": "UA",
        "interests": "remote work in the civil service, human resource management",
    },
    {
        "key": "toktogulov",
        "email": f"aibek.toktogulov@{EMAIL_DOMAIN}",
        "given_name": "Aibek",
        "family_name": "Toktogulov",
        "affiliation": "Academy of Public Administration under the President of the Kyrgyz Republic",
        "country": "KG",
        "interests": "performance evaluation of state bodies, local government capacity",
    },
    {
        "key": "smirnova",
        "email": f"ekaterina.smirnova@{EMAIL_DOMAIN}",
        "given_name": "Ekaterina",
        "family_name": "Smirnova",
        "affiliation": "Higher School of Economics, Institute for Public Administration, Moscow",
        "country": "RU",
        "preferred_language": "ru",
        "interests": "meritocracy, recruitment and retention",
    },
    {
        "key": "collins",
        "email": f"jennifer.collins@{EMAIL_DOMAIN}",
        "given_name": "Jennifer",
        "family_name": "Collins",
        "affiliation": "School of Public Affairs, American University, Washington, DC",
        "country": "US",
        "interests": "anti-corruption measures, police reform",
    },
    {
        "key": "wang",
        "email": f"wang.lei@{EMAIL_DOMAIN}",
        "given_name": "Lei",
        "family_name": "Wang",
        "affiliation": "School of Government, Peking University",
        "country": "CN",
        "interests": "e-government, smart government",
    },
    {
        "key": "kim",
        "email": f"minjun.kim@{EMAIL_DOMAIN}",
        "given_name": "Min-jun",
        "family_name": "Kim",
        "affiliation": "Korea Institute of Public Administration, Seoul",
        "country": "KR",
        "interests": "performance evaluation of civil servants, motivation and compensation",
    },
    {
        "key": "sargsyan",
        "email": f"anahit.sargsyan@{EMAIL_DOMAIN}",
        "given_name": "Anahit",
        "family_name": "Sargsyan",
        "affiliation": "Public Administration Academy of the Republic of Armenia, Yerevan",
        "country": "AM",
        "interests": "regulatory impact assessment, strategic state planning",
    },
    {
        "key": "ganbold",
        "email": f"batbayar.ganbold@{EMAIL_DOMAIN}",
        "given_name": "Batbayar",
        "family_name": "Ganbold",
        "affiliation": "National Academy of Governance, Ulaanbaatar",
        "country": "MN",
        "interests": "leadership in public administration, young talent",
    },
]
