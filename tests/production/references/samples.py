"""A hand-checked set of references in the forms this field's journals receive
(APA, Chicago author-date, GOST, numbered lists), each with the parts a reader
finds in it. Used by the parser's tests and by bench/reference_parsing.py."""

# (reference, {part: expected value}); parts not named are not checked.
SAMPLES: list[tuple[str, dict]] = [
    (
        "Knox, C., & Janenova, S. (2018). Public councils in Kazakhstan: A case of "
        "emerging participatory democracy in Central Asia? Central Asian Survey, "
        "37(2), 305–321. https://doi.org/10.1080/02634937.2017.1410467",
        {"publication_type": "journal", "authors": ["Knox, C.", "Janenova, S."],
         "year": "2018", "source": "Central Asian Survey", "volume": "37",
         "issue": "2", "first_page": "305", "last_page": "321",
         "doi": "10.1080/02634937.2017.1410467",
         "title": "Public councils in Kazakhstan: A case of emerging participatory "
                  "democracy in Central Asia?"},
    ),
    (
        "Meyer-Sahling, J.-H., Mikkelsen, K. S., & Schuster, C. (2018). Civil "
        "service management and corruption: What we know and what we don't. "
        "Public Administration, 96(2), 276–285.",
        {"publication_type": "journal",
         "authors": ["Meyer-Sahling, J.-H.", "Mikkelsen, K. S.", "Schuster, C."],
         "year": "2018", "source": "Public Administration", "volume": "96",
         "first_page": "276"},
    ),
    (
        "Weber, M. (1922). Economy and Society. Tübingen: Mohr.",
        {"publication_type": "book", "authors": ["Weber, M."], "year": "1922",
         "title": "Economy and Society", "publisher": "Mohr"},
    ),
    (
        "OECD. (2019). Recommendation of the Council on Public Service Leadership "
        "and Capability. OECD Publishing.",
        {"authors": ["OECD"], "year": "2019",
         "title": "Recommendation of the Council on Public Service Leadership and "
                  "Capability"},
    ),
    (
        "Kirkpatrick, D. L., & Kirkpatrick, J. D. (2006). Evaluating Training "
        "Programs: The Four Levels (3rd ed.). Berrett-Koehler.",
        {"publication_type": "book", "year": "2006",
         "title": "Evaluating Training Programs: The Four Levels",
         "publisher": "Berrett-Koehler"},
    ),
    (
        "Smith, John, and Kate Jones. 2019. \"Merit and Trust in Public Service.\" "
        "Governance 32 (4): 601–620. doi:10.1111/gove.12345.",
        {"publication_type": "journal", "authors": ["Smith, John", "Jones, Kate"],
         "year": "2019", "title": "Merit and Trust in Public Service",
         "source": "Governance", "volume": "32", "issue": "4",
         "first_page": "601", "doi": "10.1111/gove.12345"},
    ),
    (
        "Иванов И. И., Петров П. П. Меритократия на государственной службе // "
        "Вопросы государственного управления. 2020. Т. 3, № 2. С. 45–67. "
        "DOI: 10.17323/1999-5431-2020-0-2-45-67",
        {"publication_type": "journal", "authors": ["Иванов, И. И.", "Петров, П. П."],
         "year": "2020", "title": "Меритократия на государственной службе",
         "source": "Вопросы государственного управления", "volume": "3",
         "issue": "2", "first_page": "45", "last_page": "67",
         "doi": "10.17323/1999-5431-2020-0-2-45-67"},
    ),
    (
        "[3] Lee, K., Park, S., et al. (2021). Testing recruitment. Journal of "
        "Public Policy, 41, 1-20. https://example.org/paper",
        {"publication_type": "journal", "authors": ["Lee, K.", "Park, S."],
         "year": "2021", "source": "Journal of Public Policy", "volume": "41",
         "first_page": "1", "last_page": "20", "url": "https://example.org/paper"},
    ),
    (
        "World Bank. (2019). Innovating Bureaucracy for a More Capable Government. "
        "World Bank. https://openknowledge.worldbank.org/handle/10986/31284",
        {"authors": ["World Bank"], "year": "2019",
         "url": "https://openknowledge.worldbank.org/handle/10986/31284"},
    ),
    (
        "Grindle, M. S. (2012). Jobs for the Boys: Patronage and the State in "
        "Comparative Perspective. Cambridge, MA: Harvard University Press.",
        {"publication_type": "book", "year": "2012",
         "title": "Jobs for the Boys: Patronage and the State in Comparative "
                  "Perspective", "publisher": "Harvard University Press"},
    ),
    (
        "Dahlström, C., Lapuente, V., & Teorell, J. (2012). The merit of "
        "meritocratization: Politics, bureaucracy, and the institutional "
        "deterrents of corruption. Political Research Quarterly, 65(3), 656–668. "
        "https://doi.org/10.1177/1065912911408109",
        {"publication_type": "journal", "year": "2012",
         "source": "Political Research Quarterly", "volume": "65", "issue": "3",
         "first_page": "656", "doi": "10.1177/1065912911408109"},
    ),
    (
        "Evans, P., & Rauch, J. E. (1999). Bureaucracy and growth: A cross-national "
        "analysis of the effects of \"Weberian\" state structures on economic "
        "growth. American Sociological Review, 64(5), 748–765. "
        "doi:10.2307/2657374",
        {"publication_type": "journal", "authors": ["Evans, P.", "Rauch, J. E."],
         "year": "1999", "source": "American Sociological Review", "volume": "64",
         "doi": "10.2307/2657374"},
    ),
    (
        "Schuster, C. (2017). Legal reform need not come first: Merit-based civil "
        "service management in law and practice. Public Administration, 95(3), "
        "571–588. https://dx.doi.org/10.1111/padm.12334",
        {"publication_type": "journal", "year": "2017", "volume": "95",
         "doi": "10.1111/padm.12334", "source": "Public Administration"},
    ),
    (
        "Peters, B. G. (2018). The Politics of Bureaucracy (7th ed.). Routledge. "
        "https://doi.org/10.4324/9781315813653",
        {"publication_type": "book", "year": "2018",
         "title": "The Politics of Bureaucracy", "publisher": "Routledge",
         "doi": "10.4324/9781315813653"},
    ),
    (
        "Барабашев А. Г. Кризис государственного управления и его влияние на "
        "основные административные парадигмы // Вопросы государственного и "
        "муниципального управления. 2016. № 3. С. 163–194.",
        {"publication_type": "journal", "authors": ["Барабашев, А. Г."],
         "year": "2016", "issue": "3", "first_page": "163", "last_page": "194",
         "source": "Вопросы государственного и муниципального управления"},
    ),
    (
        "Hood, C. (1991). A public management for all seasons? Public "
        "Administration, 69(1), 3–19.",
        {"publication_type": "journal", "authors": ["Hood, C."], "year": "1991",
         "title": "A public management for all seasons?",
         "source": "Public Administration", "volume": "69", "issue": "1",
         "first_page": "3", "last_page": "19"},
    ),
    (
        "Pollitt, C., & Bouckaert, G. (2017). Public Management Reform: A "
        "Comparative Analysis (4th ed.). Oxford University Press.",
        {"publication_type": "book", "year": "2017",
         "authors": ["Pollitt, C.", "Bouckaert, G."],
         "publisher": "Oxford University Press"},
    ),
    (
        "2. Rothstein, B., & Teorell, J. (2008). What is quality of government? A "
        "theory of impartial government institutions. Governance, 21(2), 165–190. "
        "DOI 10.1111/j.1468-0491.2008.00391.x",
        {"publication_type": "journal", "year": "2008", "source": "Governance",
         "volume": "21", "issue": "2", "first_page": "165",
         "doi": "10.1111/j.1468-0491.2008.00391.x"},
    ),
    (
        "UNDP. (2015). From Old Public Administration to the New Public Service. "
        "UNDP Global Centre for Public Service Excellence.",
        {"authors": ["UNDP"], "year": "2015",
         "title": "From Old Public Administration to the New Public Service"},
    ),
    (
        "Janenova, S. (2019). The boundaries of research in an authoritarian state. "
        "International Journal of Qualitative Methods, 18, 1–8. "
        "https://doi.org/10.1177/1609406919876469",
        {"publication_type": "journal", "year": "2019", "volume": "18",
         "first_page": "1", "doi": "10.1177/1609406919876469",
         "source": "International Journal of Qualitative Methods"},
    ),
]  # fmt: skip

# Written after the parser and not used to tune it: the bench reports how
# many of their parts it finds, as an honest estimate for new references.
HELD_OUT: list[tuple[str, dict]] = [
    (
        "Bersch, K., Praça, S., & Taylor, M. M. (2017). State capacity, "
        "bureaucratic politicization, and corruption in the Brazilian state. "
        "Governance, 30(1), 105–124. https://doi.org/10.1111/gove.12196",
        {"publication_type": "journal", "year": "2017", "source": "Governance",
         "volume": "30", "issue": "1", "first_page": "105",
         "doi": "10.1111/gove.12196",
         "authors": ["Bersch, K.", "Praça, S.", "Taylor, M. M."]},
    ),
    (
        "Fukuyama, F. (2013). What is governance? Governance, 26(3), 347–368.",
        {"publication_type": "journal", "year": "2013",
         "title": "What is governance?", "source": "Governance", "volume": "26"},
    ),
    (
        "Cingolani, L. (2013). The state of state capacity: A review of concepts, "
        "evidence and measures (UNU-MERIT Working Paper No. 2013-053). UNU-MERIT.",
        {"year": "2013", "authors": ["Cingolani, L."]},
    ),
    (
        "Oliveira, E., Abner, G., Lee, S., Suzuki, K., Hur, H., & Perry, J. L. "
        "(2024). What does the evidence tell us about merit principles and "
        "government performance? Public Administration, 102(2), 668–690. "
        "https://doi.org/10.1111/padm.12945",
        {"publication_type": "journal", "year": "2024",
         "source": "Public Administration", "volume": "102", "issue": "2",
         "first_page": "668", "doi": "10.1111/padm.12945"},
    ),
    (
        "Lipsky, M. 2010. Street-Level Bureaucracy: Dilemmas of the Individual in "
        "Public Service. New York: Russell Sage Foundation.",
        {"publication_type": "book", "year": "2010", "authors": ["Lipsky, M."],
         "publisher": "Russell Sage Foundation"},
    ),
    (
        "Мау В. А. Реформы и догмы: государство и экономика в эпоху реформ "
        "и революций. М.: Дело, 2013. 480 с.",
        {"year": "2013"},
    ),
    (
        "Оболонский А. В. Кризис бюрократического государства // Общественные "
        "науки и современность. 2011. № 6. С. 5–20. DOI: 10.31857/S086904990000000-0",
        {"publication_type": "journal", "year": "2011", "issue": "6",
         "first_page": "5", "last_page": "20",
         "source": "Общественные науки и современность",
         "doi": "10.31857/S086904990000000-0"},
    ),
    (
        "Christensen, T., & Lægreid, P. (Eds.). (2011). The Ashgate Research "
        "Companion to New Public Management. Ashgate.",
        {"year": "2011", "publication_type": "book"},
    ),
    (
        "Nistotskaya, M., & Cingolani, L. (2016). Bureaucratic structure, "
        "regulatory quality, and entrepreneurship in a comparative perspective. "
        "Journal of Public Administration Research and Theory, 26(3), 519–534. "
        "https://doi.org/10.1093/jopart/muv026",
        {"publication_type": "journal", "year": "2016", "volume": "26",
         "source": "Journal of Public Administration Research and Theory",
         "doi": "10.1093/jopart/muv026"},
    ),
    (
        "OECD (2023), Government at a Glance 2023, OECD Publishing, Paris, "
        "https://doi.org/10.1787/3d5c5d31-en.",
        {"year": "2023", "doi": "10.1787/3d5c5d31-en"},
    ),
]  # fmt: skip
