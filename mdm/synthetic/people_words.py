"""Vocabulary for consultants: names from several cultures, nicknames, titles, skills."""

from __future__ import annotations


def _table(text: str) -> list[list[str]]:
    return [line.split("|") for line in text.strip().splitlines()]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# culture | first names (space-separated; "_" stands for a space inside a name)
_FIRST_NAME_TABLE = """
en|Robert William Elizabeth Katherine Margaret Richard James Michael Thomas Christopher
en|Jennifer Alexander Daniel Jonathan Nicholas Benjamin Samuel Matthew Andrew Anthony Joseph
en|Edward Patricia Rebecca Victoria Susan Deborah Stephen Peter Emily Sarah Laura Olivia
en|Charlotte Hannah Jessica David John Mark Paul Rachel Claire Grace Owen Liam Chloe
de|Johannes Wolfgang Friedrich Matthias Stefan Andreas Jürgen Klaus Sabine Ursula Anja
de|Katharina Julia Lena Jörg Björn Lukas Felix Maximilian Sophie Annika Günter Dieter Birgit
fr|Jean-Baptiste Jean-Pierre François Étienne Hélène Céline Amélie Camille Mathieu Nicolas
fr|Sébastien Aurélie Margaux Thibault Benoît Chloé Émilie Julien Léa Marie-Claire Guillaume
es|Francisco José Alejandro Guillermo Dolores María Carmen Javier Sofía Lucía Pablo Álvaro
es|Raúl Begoña Íñigo Mercedes Andrés Inés Rocío Jesús
it|Francesco Giuseppe Alessandro Giovanni Chiara Giulia Federica Matteo Lorenzo Niccolò
it|Elisa Paolo Beatrice Riccardo Valentina Andrea Simone Davide
nl|Jan Pieter Maarten Sanne Femke Joost Bram Willem Anouk Lotte Thijs Sven Eline Ruud
sv|Lars Anders Björn Åsa Linnéa Maja Oskar Erik Ingrid Karin Mattias Sofia Johan Elin
pl|Katarzyna Małgorzata Aleksander Wojciech Piotr Agnieszka Tomasz Łukasz Paweł Magdalena
pl|Krzysztof Joanna Michał Zofia
in|Venkatesh Priya Rahul Ananya Arjun Deepika Sanjay Kavya Rohan Lakshmi Vikram Sneha
in|Aditya Pooja Suresh Meera Karthik Divya
zh|Wei Jing Li Xiaoming Mei Jun Hui Yan Lei Ming Fang Xin Hao Ying Tao Lan
ar|Mohammed Ahmed Fatima Omar Layla Youssef Nour Karim Hassan Amira Samir Rania
pt|João Ana Pedro Beatriz Gonçalo Inês Tiago Mariana Rafael Luísa
"""

# culture | last names
_LAST_NAME_TABLE = """
en|Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore
en|Martin Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott
en|Hughes Edwards Green Hall Wood Harrison Bennett O'Brien O'Connor McDonald MacLeod Fitzgerald
de|Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch
de|Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Krüger Hofmann Lehmann Böhm
fr|Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Lefèvre Girard
fr|Mercier Dupont Lambert Bonnet Rousseau Fontaine Chevalier Faure
es|García_López Fernández Martínez_Ruiz Rodríguez Sánchez_Pérez Gómez Jiménez_Díaz Muñoz
es|Álvarez Romero Navarro_Gil Torres Domínguez Vázquez_Ramos Ibáñez Peña
it|Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo
it|De_Luca Conti Mancini Costa Giordano D'Angelo
nl|de_Jong Jansen de_Vries van_den_Berg van_Dijk Bakker Visser Smit Meijer de_Boer
nl|Mulder de_Groot Bos Vos van_der_Linden
sv|Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Lindqvist
sv|Gustafsson Lindström Bergström Åkesson Öberg
pl|Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański
pl|Woźniak Dąbrowski Kozłowski
in|Sharma Patel Iyer Reddy Nair Gupta Krishnan Subramanian Venkataraman Rao Mehta Chatterjee
zh|Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo
ar|Al-Sayed Haddad Khalil Mansour Nasser Hamdan El-Amin Farouk Saleh Aziz
pt|Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Gonçalves
"""

# formal first name | familiar forms used in other systems
_NICKNAME_TABLE = """
Robert|Bob|Rob|Bobby
William|Bill|Will|Billy
Elizabeth|Liz|Beth|Lizzie
Katherine|Kate|Kathy|Katie
Margaret|Maggie|Meg|Peggy
Richard|Rick|Rich|Dick
James|Jim|Jamie|Jimmy
Michael|Mike|Mick
Thomas|Tom|Tommy
Christopher|Chris|Kit
Jennifer|Jen|Jenny
Alexander|Alex|Sandy|Sasha
Daniel|Dan|Danny
Jonathan|Jon|Jonny
Nicholas|Nick|Nicky
Benjamin|Ben|Benny
Samuel|Sam|Sammy
Matthew|Matt
Andrew|Andy|Drew
Anthony|Tony
Joseph|Joe|Joey
Edward|Ed|Ted|Eddie
Patricia|Pat|Trish|Patty
Rebecca|Becky|Becca
Victoria|Vicky|Tori
Susan|Sue|Susie
Deborah|Deb|Debbie
Stephen|Steve
Peter|Pete
Johannes|Hannes|Johann
Friedrich|Fritz
Matthias|Matze
Katharina|Kathi|Katja
Francesco|Franco|Cesco
Giuseppe|Beppe|Peppe
Alessandro|Sandro|Alex
Francisco|Paco|Fran
José|Pepe
Alejandro|Álex
Guillermo|Guille
Dolores|Lola
Katarzyna|Kasia
Małgorzata|Gosia
Aleksander|Olek
Wojciech|Wojtek
Venkatesh|Venky
Maximilian|Max
Valentina|Vale
"""

# The acquirer's career ladder and the acquired firm's names for the same levels.
ACME_TITLES = (
    "Analyst", "Consultant", "Senior Consultant", "Manager", "Senior Manager", "Principal",
    "Partner",
)  # fmt: skip
BETA_TITLES = (
    "Associate", "Consultant", "Senior Associate", "Engagement Manager",
    "Senior Engagement Manager", "Director", "Partner",
)  # fmt: skip
LEVEL_WEIGHTS = (14, 22, 24, 18, 10, 7, 5)
TITLE_VARIANTS: dict[str, tuple[str, ...]] = {
    "Senior Consultant": ("Sr. Consultant", "Sr Consultant", "Snr Consultant", "Senior Cons."),
    "Senior Manager": ("Sr. Manager", "Sr Manager", "Snr Manager"),
    "Manager": ("Mgr", "Manager, Consulting"),
    "Senior Associate": ("Sr. Associate", "Sr Associate"),
    "Engagement Manager": ("Engagement Mgr", "EM"),
    "Principal": ("Principal Consultant", "Principal, Consulting"),
    "Analyst": ("Business Analyst", "Analyst, Consulting"),
    "Partner": ("Partner, Consulting", "Equity Partner"),
}

ACME_DEPARTMENTS = (
    "Strategy", "Technology Consulting", "Data & Analytics", "Finance Transformation",
    "Operations", "Risk & Compliance", "People & Change", "Cloud Engineering", "Cyber Security",
    "ERP Solutions",
)  # fmt: skip
BETA_DEPARTMENTS = (
    "Digital",
    "Advisory",
    "Data Science",
    "Finance",
    "Supply Chain",
    "Risk",
    "Transformation",
)
SKILLS = (
    "Python", "SQL", "SAP S/4HANA", "Salesforce", "AWS", "Azure", "GCP", "Power BI", "Tableau",
    "Agile", "Scrum", "Project Management", "Change Management", "Financial Modelling",
    "Kubernetes", "Terraform", "Java", "Spark", "dbt", "Snowflake", "Data Governance",
    "ServiceNow", "Workday", "Process Mining", "Machine Learning", "ISO 27001", "GDPR", "IFRS",
    "Due Diligence", "Supply Chain Planning", "Lean Six Sigma", "Pricing", "Business Analysis",
    "UX Research", "React", "TypeScript", "Oracle ERP", "Microsoft Dynamics",
    "Stakeholder Management",
)  # fmt: skip

# Offices: (city, country). The acquirer is Anglo-European; the acquired firm is Benelux-Nordic.
ACME_OFFICES = (
    ("New York", "US"), ("Chicago", "US"), ("San Francisco", "US"), ("London", "GB"),
    ("Manchester", "GB"), ("Frankfurt am Main", "DE"), ("München", "DE"), ("Berlin", "DE"),
    ("Paris", "FR"), ("Madrid", "ES"), ("Milano", "IT"), ("Zürich", "CH"), ("Sydney", "AU"),
    ("Toronto", "CA"), ("Dublin", "IE"),
)  # fmt: skip
BETA_OFFICES = (
    ("Amsterdam", "NL"), ("Rotterdam", "NL"), ("Bruxelles", "BE"), ("København", "DK"),
    ("Stockholm", "SE"), ("Hamburg", "DE"), ("Warszawa", "PL"), ("London", "GB"),
)  # fmt: skip
COUNTRY_CULTURES: dict[str, tuple[str, ...]] = {
    "US": ("en", "en", "en", "in", "zh", "es"), "GB": ("en", "en", "en", "in", "ar", "pl"),
    "DE": ("de", "de", "de", "pl", "ar"), "FR": ("fr", "fr", "fr", "ar"), "ES": ("es", "es", "pt"),
    "IT": ("it", "it", "it"), "CH": ("de", "fr", "it"), "AU": ("en", "en", "zh", "in"),
    "CA": ("en", "en", "fr", "zh"), "IE": ("en", "en", "pl"), "NL": ("nl", "nl", "nl", "ar"),
    "BE": ("nl", "fr"), "DK": ("sv", "en"), "SE": ("sv", "sv"), "PL": ("pl", "pl"),
}  # fmt: skip
# Anglicised names some Chinese colleagues use at work (one system holds this form).
PREFERRED_ENGLISH = _words("David Kevin Vivian Grace Eric Jenny Tony Michelle Jack Cindy")


def _merge(table: str) -> dict[str, tuple[str, ...]]:
    merged: dict[str, tuple[str, ...]] = {}
    for culture, names in _table(table):
        words = tuple(word.replace("_", " ") for word in names.split())
        merged[culture] = merged.get(culture, ()) + words
    return merged


FIRST_NAMES = _merge(_FIRST_NAME_TABLE)
LAST_NAMES = _merge(_LAST_NAME_TABLE)
NICKNAMES: dict[str, tuple[str, ...]] = {row[0]: tuple(row[1:]) for row in _table(_NICKNAME_TABLE)}
