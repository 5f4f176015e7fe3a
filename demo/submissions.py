"""Demo manuscripts, each taken through the workflow to a different state.

`steps` are run in order through the services: "submit" by the submitter,
"revise" (the submitter uploads a revised manuscript), "resubmit" and
"withdraw" by the submitter, every other transition by `handled_by`.
"""

# fmt: off
SUBMISSIONS = [
    {
        "submitter": "author",
        "section": "research-articles",
        "title": {
            "en": "Young professionals in the civil service of Kazakhstan: who stays and why",
            "ru": "Молодые специалисты на государственной службе Казахстана: кто остаётся и почему",
        },
        "abstract": {
            "en": "Many graduates who join the civil service of Kazakhstan leave within three years. Using exit survey data and interviews with heads of HR units, this article identifies the factors that keep young professionals in post: mentoring, predictable promotion and flexible work. It proposes a retention checklist for state bodies.",
            "ru": "Многие выпускники, пришедшие на государственную службу Казахстана, уходят в течение трёх лет. На основе данных опросов при увольнении и интервью с руководителями кадровых служб в статье выявлены факторы, удерживающие молодых специалистов: наставничество, предсказуемое продвижение и гибкий график. Предложен чек-лист удержания кадров для государственных органов.",
        },
        "keywords": {
            "en": ["young talent", "retention", "mentoring", "Kazakhstan"],
            "ru": ["молодые кадры", "удержание персонала", "наставничество", "Казахстан"],
        },
        "steps": [],
    },
    {
        "submitter": "author",
        "section": "research-articles",
        "title": {
            "en": "Building a youth personnel reserve: design and first results of a national programme",
            "ru": "Формирование молодёжного кадрового резерва: устройство и первые результаты национальной программы",
        },
        "abstract": {
            "en": "The article describes how a national youth personnel reserve was designed, how candidates are selected and trained, and where the first cohorts were appointed. Appointment and retention data for three cohorts are compared with those of regular entrants.",
            "ru": "В статье описано устройство национального молодёжного кадрового резерва, порядок отбора и обучения кандидатов и должности, на которые были назначены первые потоки. Данные о назначениях и удержании трёх потоков сопоставлены с показателями обычного набора.",
        },
        "keywords": {
            "en": ["talent management", "personnel reserve", "career development", "succession planning"],
            "ru": ["управление талантами", "кадровый резерв", "карьерное развитие", "преемственность"],
        },
        "coauthors": [
            {"given_name": "Aliya", "family_name": "Omarova", "email": "aliya.omarova@ijcsrp.example.org", "affiliation": "Nazarbayev University, Graduate School of Public Policy", "country": "KZ", "name_translations": {"ru": {"given": "Алия", "family": "Омарова"}}},
        ],
        "steps": ["submit", "send_to_review", "request_revisions"],
        "notes": {"request_revisions": "Both reviewers ask for the retention data by region and a clearer comparison group."},
    },
    {
        "submitter": "author",
        "section": "practitioner-notes",
        "title": {
            "en": "Running competitive selection online: notes from a pilot in regional administrations",
            "ru": "Конкурсный отбор онлайн: заметки о пилотном проекте в региональных акиматах",
        },
        "abstract": {
            "en": "A short account of moving written tests and interviews for civil service vacancies online in four regions: what the pilot changed for candidates, what it cost and which safeguards against cheating were needed.",
            "ru": "Краткий рассказ о переводе письменного тестирования и собеседований на вакансии государственной службы в онлайн-формат в четырёх регионах: что изменилось для кандидатов, сколько это стоило и какие меры защиты от списывания понадобились.",
        },
        "keywords": {
            "en": ["recruitment", "competitive selection", "e-government"],
            "ru": ["отбор кадров", "конкурсный отбор", "электронное правительство"],
        },
        "handled_by": "section-editor",
        "steps": ["submit", "accept"],
    },
    {
        "submitter": "author",
        "section": "research-articles",
        "call": True,
        "title": {
            "en": "Keeping ministries running in a crisis: business continuity in central government, 2020–2022",
            "ru": "Как сохранить работу министерств в кризис: непрерывность деятельности центральных органов в 2020–2022 годах",
        },
        "abstract": {
            "en": "Drawing on internal continuity plans and interviews in six ministries, the article shows which arrangements kept essential services running during lockdowns and which were dropped once the emergency ended.",
            "ru": "На основе внутренних планов обеспечения непрерывности и интервью в шести министерствах показано, какие механизмы позволили сохранить ключевые услуги во время карантина и от каких отказались после окончания чрезвычайной ситуации.",
        },
        "keywords": {
            "en": ["crisis management", "business continuity", "pandemic response", "institutional capacity"],
            "ru": ["антикризисное управление", "непрерывность деятельности", "реагирование на пандемию", "институциональный потенциал"],
        },
        "steps": ["submit"],
    },
    {
        "submitter": "mammadova",
        "section": "case-studies",
        "title": {
            "en": "One-stop shops for public services: the ASAN service model in Azerbaijan",
            "ru": "Государственные услуги по принципу одного окна: модель ASAN xidmət в Азербайджане",
        },
        "abstract": {
            "en": "This case study follows the creation of one-stop service centres that bring the services of many agencies under one roof. It describes the governance model, staff selection and training, service standards and the feedback system, and discusses which elements other countries have adopted.",
            "ru": "Кейс посвящён созданию центров обслуживания, объединяющих услуги множества ведомств под одной крышей. Описаны модель управления, отбор и обучение персонала, стандарты обслуживания и система обратной связи, а также элементы, которые переняли другие страны.",
        },
        "keywords": {
            "en": ["one-stop shops", "public service delivery", "citizen satisfaction", "Azerbaijan"],
            "ru": ["принцип одного окна", "государственные услуги", "удовлетворённость граждан", "Азербайджан"],
        },
        "coauthors": [
            {"given_name": "Rashad", "family_name": "Huseynov", "email": "rashad.huseynov@ijcsrp.example.org", "affiliation": "ADA University, School of Public and International Affairs, Baku", "country": "AZ", "name_translations": {"ru": {"given": "Рашад", "family": "Гусейнов"}}},
        ],
        "handled_by": "section-editor",
        "steps": ["submit", "send_to_review"],
    },
    {
        "submitter": "kovalenko",
        "section": "research-articles",
        "title": {
            "en": "Remote work in the civil service of Ukraine: productivity, wellbeing and control",
            "ru": "Удалённая работа на государственной службе Украины: результативность, благополучие и контроль",
        },
        "abstract": {
            "en": "Based on a survey of 1,260 civil servants and HR records from twelve bodies, the article compares the output, sick leave and turnover of staff working remotely, in hybrid mode and in the office, and discusses how managers adapted supervision.",
            "ru": "На основе опроса 1260 государственных служащих и кадровых данных двенадцати органов в статье сопоставлены результативность, заболеваемость и текучесть кадров при удалённой, гибридной и офисной работе, а также рассмотрено, как руководители изменили способы контроля.",
        },
        "keywords": {
            "en": ["remote work", "hybrid work", "human resource management", "Ukraine"],
            "ru": ["удалённая работа", "гибридный формат", "управление персоналом", "Украина"],
        },
        "steps": ["submit", "send_to_review", "request_revisions", "revise", "resubmit"],
        "notes": {"request_revisions": "Please report response rates by body and add the 2023 turnover figures."},
    },
    {
        "submitter": "toktogulov",
        "section": "case-studies",
        "call": True,
        "title": {
            "en": "Evaluating the performance of state bodies in the Kyrgyz Republic: from checklists to outcomes",
            "ru": "Оценка эффективности государственных органов Кыргызской Республики: от чек-листов к результатам",
        },
        "abstract": {
            "en": "The case describes the move from compliance checklists to outcome indicators in the annual evaluation of ministries and local administrations, and what it meant for planning and crisis response at the local level.",
            "ru": "В кейсе описан переход от формальных чек-листов к показателям результатов при ежегодной оценке министерств и местных администраций и его значение для планирования и реагирования на кризисы на местном уровне.",
        },
        "keywords": {
            "en": ["performance evaluation", "state bodies", "local government", "Kyrgyz Republic"],
            "ru": ["оценка эффективности", "государственные органы", "местное самоуправление", "Кыргызская Республика"],
        },
        "steps": ["submit"],
    },
    {
        "submitter": "collins",
        "section": "case-studies",
        "title": {
            "en": "Anti-corruption reform in a national police force: lessons from the creation of a new patrol police",
            "ru": "Антикоррупционная реформа национальной полиции: уроки создания новой патрульной службы",
        },
        "abstract": {
            "en": "The case study traces how a traffic police service widely seen as corrupt was disbanded and replaced by a newly recruited patrol police with higher pay, open recruitment and body cameras, and how public trust changed over the following decade.",
            "ru": "В кейсе прослежено, как дорожная полиция, считавшаяся коррумпированной, была распущена и заменена заново набранной патрульной полицией с более высокой оплатой, открытым отбором и нагрудными камерами, и как изменилось доверие граждан за следующее десятилетие.",
        },
        "keywords": {
            "en": ["anti-corruption", "police reform", "integrity", "public trust"],
            "ru": ["противодействие коррупции", "реформа полиции", "добросовестность", "доверие граждан"],
        },
        "coauthors": [
            {"given_name": "Levan", "family_name": "Lomidze", "email": "levan.lomidze@ijcsrp.example.org", "affiliation": "Ilia State University, Tbilisi", "country": "GE", "orcid": "0000-0001-5109-3700", "name_translations": {"ru": {"given": "Леван", "family": "Ломидзе"}}},
        ],
        "steps": ["submit", "send_to_review", "accept"],
    },
    {
        "submitter": "wang",
        "section": "research-articles",
        "title": {
            "en": "Smart government platforms and citizen satisfaction in Chinese cities",
            "ru": "Платформы «умного правительства» и удовлетворённость граждан в городах Китая",
        },
        "abstract": {
            "en": "Using city-level data, the paper relates the adoption of integrated online service platforms to citizen satisfaction scores and asks whether digital channels reduced the burden of visiting offices.",
            "ru": "На данных по городам в работе сопоставлено внедрение интегрированных онлайн-платформ услуг с оценками удовлетворённости граждан и рассмотрено, снизили ли цифровые каналы необходимость личного посещения органов.",
        },
        "keywords": {
            "en": ["smart government", "e-government", "citizen satisfaction", "China"],
            "ru": ["умное правительство", "электронное правительство", "удовлетворённость граждан", "Китай"],
        },
        "steps": ["submit", "send_to_review", "reject"],
        "notes": {"reject": "The reviewers found the satisfaction measure unsuited to the question."},
    },
    {
        "submitter": "smirnova",
        "section": "research-articles",
        "language": "ru",
        "title": {
            "ru": "Меритократия и конкурсный отбор на государственную службу: региональный срез",
            "en": "Meritocracy and competitive selection for the civil service: a regional view",
        },
        "abstract": {
            "ru": "В статье на материалах открытых данных о конкурсах на замещение вакантных должностей сопоставляются практики конкурсного отбора в нескольких регионах и оценивается доля назначений по результатам конкурса.",
            "en": "Using open data on competitions for vacant posts, the article compares competitive selection practice in several regions and estimates the share of appointments made through competition.",
        },
        "keywords": {
            "ru": ["меритократия", "конкурсный отбор", "государственная служба"],
            "en": ["meritocracy", "competitive selection", "civil service"],
        },
        "steps": ["submit", "desk_reject"],
        "notes": {"desk_reject": "The manuscript exceeds the section's word limit by more than half; a shorter version would be welcome."},
    },
    {
        "submitter": "kim",
        "section": "research-articles",
        "title": {
            "en": "Performance-related pay in the Korean civil service: two decades of evidence",
            "ru": "Оплата по результатам на государственной службе Республики Корея: данные за два десятилетия",
        },
        "abstract": {
            "en": "The article reviews two decades of performance-related pay for senior and middle-ranking civil servants and what evaluations found about motivation, fairness and gaming.",
            "ru": "В статье рассмотрен двадцатилетний опыт оплаты по результатам для старших и средних государственных служащих и выводы оценок о мотивации, справедливости и манипулировании показателями.",
        },
        "keywords": {
            "en": ["performance-related pay", "motivation", "compensation", "Republic of Korea"],
            "ru": ["оплата по результатам", "мотивация", "оплата труда", "Республика Корея"],
        },
        "steps": ["submit", "withdraw"],
        "notes": {"withdraw": "Withdrawn by the author to submit an extended version later."},
    },
    {
        "submitter": "sargsyan",
        "section": "research-articles",
        "title": {
            "en": "Regulatory impact assessment in Armenia: a decade of practice",
            "ru": "Оценка регулирующего воздействия в Армении: десять лет практики",
        },
        "abstract": {
            "en": "The paper analyses 420 regulatory impact assessments prepared by ministries, rates their quality against OECD criteria and relates quality to consultation and to later amendments of the regulations assessed.",
            "ru": "В работе проанализированы 420 заключений об оценке регулирующего воздействия, подготовленных министерствами, их качество оценено по критериям ОЭСР и сопоставлено с проведением консультаций и последующими изменениями актов.",
        },
        "keywords": {
            "en": ["regulatory impact assessment", "better regulation", "consultation", "Armenia"],
            "ru": ["оценка регулирующего воздействия", "качество регулирования", "консультации", "Армения"],
        },
        "steps": ["submit", "send_to_review"],
    },
    {
        "submitter": "ganbold",
        "section": "book-reviews",
        "title": {
            "en": "Review of “Leading the Public Service: Leadership Development in Transition Countries”",
            "ru": "Рецензия на книгу «Руководство государственной службой: развитие лидерства в странах с переходной экономикой»",
        },
        "abstract": {
            "en": "A review of an edited volume on leadership development programmes for senior civil servants, with chapters on Mongolia, Central Asia and the Baltic states.",
            "ru": "Рецензия на коллективную монографию о программах развития лидерства для высших государственных служащих с главами о Монголии, Центральной Азии и странах Балтии.",
        },
        "keywords": {
            "en": ["leadership", "senior civil service", "book review"],
            "ru": ["лидерство", "высший корпус государственной службы", "рецензия"],
        },
        "steps": ["submit"],
    },
]
# fmt: on

# Manuscripts taken through the whole pipeline to published articles with HTML,
# PDF and JATS (demo/pipeline.py). `reviewers` are keys of people;
# `decisions` are the editor's decision after each review round.
# fmt: off
COMPLETE = [
    {
        "submitter": "author",
        "section": "research-articles",
        "title": {
            "en": "Training that changes practice: the civil service training system of Kazakhstan, 2019–2023",
            "ru": "Обучение, меняющее практику: система подготовки государственных служащих Казахстана в 2019–2023 годах",
        },
        "abstract": {
            "en": "Kazakhstan trains several thousand civil servants a year, yet little is known about whether training changes how they work. Using training records, a survey of 840 participants and their managers, and interviews in five state bodies, this article shows that courses linked to a concrete work task and to career decisions had lasting effects, while compulsory generic courses did not. It proposes three changes to how training needs are planned and evaluated.",
            "ru": "В Казахстане ежегодно проходят обучение несколько тысяч государственных служащих, однако мало известно, меняет ли обучение их работу. На основе учётных данных об обучении, опроса 840 слушателей и их руководителей и интервью в пяти государственных органах показано, что курсы, связанные с конкретной рабочей задачей и карьерными решениями, дают устойчивый эффект, а обязательные общие курсы — нет. Предложены три изменения в планировании и оценке потребностей в обучении.",
        },
        "keywords": {
            "en": ["civil service training", "capacity building", "evaluation", "Kazakhstan"],
            "ru": ["обучение государственных служащих", "развитие потенциала", "оценка", "Казахстан"],
        },
        "coauthors": [
            {"given_name": "Dinara", "family_name": "Seitkali", "email": "dinara.seitkali@ijcsrp.example.org", "affiliation": "Academy of Public Administration under the President of the Republic of Kazakhstan", "country": "KZ", "name_translations": {"ru": {"given": "Динара", "family": "Сейткали"}}},
        ],
        "references": [
            "Kirkpatrick, D. L., & Kirkpatrick, J. D. (2006). Evaluating Training Programs: The Four Levels (3rd ed.). Berrett-Koehler.",
            "OECD. (2019). Recommendation of the Council on Public Service Leadership and Capability. OECD Publishing.",
            "Knox, C., & Janenova, S. (2019). The e-government paradox in post-Soviet countries. International Journal of Public Sector Management, 32(6), 600–615.",
            "UNDP. (2015). From Old Public Administration to the New Public Service. UNDP Global Centre for Public Service Excellence.",
        ],
        "reviewers": ["reviewer", "kim"],
        "decisions": ["minor-revision", "accept"],
    },
    {
        "submitter": "toktogulov",
        "section": "case-studies",
        "handled_by": "section-editor",
        "title": {
            "en": "From paper files to one HR information system: digitising personnel records in the Kyrgyz civil service",
            "ru": "От бумажных дел к единой информационной системе: цифровизация кадрового учёта на государственной службе Кыргызстана",
        },
        "abstract": {
            "en": "The case follows the move of 30,000 personnel files of the Kyrgyz civil service into one HR information system between 2019 and 2023: how the data were cleaned, which processes were redesigned first, and how the system is now used to plan competitions and training.",
            "ru": "В кейсе прослежен перевод 30 000 личных дел государственных служащих Кыргызстана в единую кадровую информационную систему в 2019–2023 годах: как очищались данные, какие процессы были перестроены в первую очередь и как система используется сейчас для планирования конкурсов и обучения.",
        },
        "keywords": {
            "en": ["HR information systems", "digital transformation", "personnel records", "Kyrgyz Republic"],
            "ru": ["кадровые информационные системы", "цифровая трансформация", "кадровый учёт", "Кыргызская Республика"],
        },
        "references": [
            "World Bank. (2019). Innovating Bureaucracy for a More Capable Government. World Bank.",
            "Meyer-Sahling, J.-H., Mikkelsen, K. S., & Schuster, C. (2018). Civil service management and corruption: What we know and what we don't. Public Administration, 96(2), 276–285.",
            "OECD. (2019). Recommendation of the Council on Public Service Leadership and Capability. OECD Publishing.",
        ],
        "reviewers": ["reviewer", "sargsyan"],
        "decisions": ["accept"],
    },
    {
        "submitter": "kovalenko",
        "section": "research-articles",
        "title": {
            "en": "A competency framework for senior civil servants in Ukraine: design, use and first evaluation",
            "ru": "Рамка компетенций для высшего корпуса государственной службы Украины: разработка, применение и первая оценка",
        },
        "abstract": {
            "en": "The article describes how a competency framework for senior civil service positions was designed with ministries, how it is used in selection and appraisal, and what the first evaluation of 310 appointments found about its effect on the quality and speed of selection.",
            "ru": "В статье описано, как совместно с министерствами разрабатывалась рамка компетенций для должностей высшего корпуса государственной службы, как она применяется при отборе и оценке и что показала первая оценка 310 назначений относительно её влияния на качество и скорость отбора.",
        },
        "keywords": {
            "en": ["competency framework", "senior civil service", "selection", "Ukraine"],
            "ru": ["рамка компетенций", "высший корпус государственной службы", "отбор кадров", "Украина"],
        },
        "references": [
            "OECD. (2017). Skills for a High Performing Civil Service. OECD Publishing.",
            "Meyer-Sahling, J.-H., Mikkelsen, K. S., & Schuster, C. (2018). Civil service management and corruption: What we know and what we don't. Public Administration, 96(2), 276–285.",
            "UNDP. (2015). From Old Public Administration to the New Public Service. UNDP Global Centre for Public Service Excellence.",
        ],
        "reviewers": ["reviewer", "ganbold"],
        "decisions": ["accept"],
    },
]
# fmt: on
