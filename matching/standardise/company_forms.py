"""Legal forms of companies and the abbreviations used in company names.

Data for ``matching.standardise.company``. Spellings are written as they look after
``fold`` and ``join_single_letters`` (``B.V.`` -> ``bv``, ``S.A.R.L.`` -> ``sarl``,
``Pty. Ltd.`` -> ``pty ltd``, ``&`` -> ``and``), each mapped to one canonical code.
"""

from __future__ import annotations

LEGAL_FORMS: dict[str, str] = {
    # English-speaking countries
    "inc": "inc", "incorporated": "inc",
    "corp": "corp", "corporation": "corp",
    "co": "co", "company": "co", "and co": "co", "and company": "co",
    "ltd": "ltd", "limited": "ltd", "ltd co": "ltd",
    "co ltd": "co ltd", "co limited": "co ltd", "company limited": "co ltd",
    "plc": "plc", "public limited company": "plc", "public limited co": "plc",
    "llc": "llc", "l l c": "llc", "limited liability company": "llc", "ltd liability co": "llc",
    "llp": "llp", "limited liability partnership": "llp",
    "lp": "lp", "limited partnership": "lp", "lllp": "lllp",
    "pc": "pc", "pllc": "pllc", "professional corporation": "pc",
    "pty": "pty ltd", "pty ltd": "pty ltd", "pty limited": "pty ltd",
    "proprietary limited": "pty ltd",
    "pvt ltd": "pvt ltd", "private limited": "pvt ltd", "pvt": "pvt ltd",
    "pte ltd": "pte ltd", "pte": "pte ltd",
    "sdn bhd": "sdn bhd", "bhd": "bhd",
    "ulc": "ulc", "unlimited liability company": "ulc", "unlimited liability co": "ulc",
    "cic": "cic", "community interest company": "cic",
    "dac": "dac", "designated activity company": "dac", "designated activity co": "dac",
    "clg": "clg", "company limited by guarantee": "clg",
    "pcl": "pcl", "public company limited": "pcl",
    # German-speaking countries
    "gmbh": "gmbh", "gesmbh": "gmbh", "gesellschaft mit beschrankter haftung": "gmbh",
    "mbh": "gmbh", "gesellschaft mbh": "gmbh", "ges mbh": "gmbh",
    "ag": "ag", "aktiengesellschaft": "ag",
    "kg": "kg", "kommanditgesellschaft": "kg",
    # "u" is "und" written short: GmbH u. Co. KG
    "gmbh and co kg": "gmbh co kg", "gmbh co kg": "gmbh co kg", "gmbh u co kg": "gmbh co kg",
    "ag and co kg": "ag co kg", "ag co kg": "ag co kg", "ag u co kg": "ag co kg",
    "gmbh and co kgaa": "gmbh co kgaa", "kgaa": "kgaa",
    "kommanditgesellschaft auf aktien": "kgaa",
    "ohg": "ohg", "offene handelsgesellschaft": "ohg",
    "gbr": "gbr", "gesellschaft burgerlichen rechts": "gbr",
    "ev": "ev", "eingetragener verein": "ev", "eg": "eg", "eingetragene genossenschaft": "eg",
    "se": "se", "societas europaea": "se",
    "ug": "ug", "ug haftungsbeschrankt": "ug",
    # French, Spanish, Portuguese, Italian, Latin America
    "sa": "sa", "societe anonyme": "sa", "sociedad anonima": "sa", "sociedade anonima": "sa",
    # one-member forms are the same legal form (a SASU taking a second partner stays itself)
    "sas": "sas", "sasu": "sas", "sarl": "sarl", "eurl": "sarl", "snc": "snc",
    "societe par actions simplifiee": "sas", "societe par actions simplifiee unipersonnelle": "sas",
    "societe a responsabilite limitee": "sarl", "societe en nom collectif": "snc",
    "entreprise unipersonnelle a responsabilite limitee": "sarl",
    "sl": "sl", "slu": "sl", "sociedad limitada": "sl", "sociedad limitada unipersonal": "sl",
    "sociedad de responsabilidad limitada": "sl", "srl": "srl", "spa": "spa",
    "societa a responsabilita limitata": "srl", "societa per azioni": "spa",
    "sociedade limitada": "ltda",
    "sa de cv": "sa de cv", "sab de cv": "sab de cv", "sapi de cv": "sapi de cv", "s de rl de cv": "s de rl de cv",
    "ltda": "ltda", "lda": "lda", "sas de cv": "sas de cv", "sccl": "sccl",
    # Benelux and Nordics
    "bv": "bv", "besloten vennootschap": "bv", "nv": "nv", "naamloze vennootschap": "nv",
    "vof": "vof", "cv": "cv", "bvba": "bvba",
    "ab": "ab", "publ ab": "ab", "ab publ": "ab", "as": "as", "asa": "asa", "aps": "aps",
    "aktiebolag": "ab", "aktieselskab": "as", "aksjeselskap": "as", "anpartsselskab": "aps",
    "oy": "oy", "oyj": "oyj", "osakeyhtio": "oy", "julkinen osakeyhtio": "oyj",
    "hf": "hf", "ehf": "ehf",
    # Central and eastern Europe, Asia
    "sro": "sro", "spol sro": "sro", "sp zoo": "sp zoo",
    "spolka z ograniczona odpowiedzialnoscia": "sp zoo", "spolka zoo": "sp zoo",
    "spolka akcyjna": "sa",
    "kft": "kft", "zrt": "zrt", "nyrt": "nyrt", "doo": "doo",
    "ooo": "ooo", "oao": "oao", "zao": "zao", "pao": "pao",
    "kk": "kk", "kabushiki kaisha": "kk",
    "ltd sti": "ltd sti", "tbk": "tbk",
}  # fmt: skip
"""Legal-form spellings (folded) to canonical codes. Matched only at the end of a name."""

MAX_FORM_WORDS = max(len(form.split()) for form in LEGAL_FORMS)

MIN_CUT = 5
"""Letters a legal form cut short must keep to be read as one (``limited liab``,
``aktiengesell``, ``gmbh and co k``): a name cut at a field's length ends with the start of
its legal form. Fewer would read brand words as forms (``Inco``, ``Comp``)."""


def _cut_forms() -> dict[str, str | None]:
    """Each start (of at least ``MIN_CUT`` letters) of a legal-form spelling that is no form
    itself, to the form's code; None where the starts of two forms meet (``limited l``:
    llc or llp): the form is then cut off the name but not known."""
    cuts: dict[str, str | None] = {}
    for spelling, code in LEGAL_FORMS.items():
        for end in range(MIN_CUT, len(spelling)):
            start = spelling[:end]
            if start in LEGAL_FORMS or start.endswith(" "):
                continue
            cuts[start] = code if cuts.get(start, code) == code else None
    return cuts


CUT_FORMS: dict[str, str | None] = _cut_forms()
"""The starts of legal forms a name cut short may end with, to the form's code (or None)."""

ABBREVIATIONS: dict[str, str] = {
    "intl": "international", "int": "international", "internat": "international",
    "corp": "corporation", "co": "company", "cos": "companies",
    "svc": "services", "svcs": "services", "service": "services", "serv": "services",
    "mfg": "manufacturing", "mfr": "manufacturing", "manuf": "manufacturing",
    "tech": "technology", "technologies": "technology", "techn": "technology",
    "mgmt": "management", "mgt": "management",
    "assoc": "associates", "assocs": "associates", "associated": "associates",
    "grp": "group", "sys": "systems", "system": "systems",
    "sol": "solutions", "solns": "solutions", "solution": "solutions",
    "cons": "consulting", "consultants": "consulting", "consultancy": "consulting",
    "holding": "holdings", "hldgs": "holdings", "hldg": "holdings",
    "bros": "brothers", "natl": "national", "ctr": "centre", "center": "centre",
    "dept": "department", "dev": "development", "devel": "development",
    "eng": "engineering", "engg": "engineering", "ent": "enterprises",
    "enterprise": "enterprises", "inds": "industries",
    "industry": "industries", "inv": "investments", "invest": "investments",
    "labs": "laboratories", "lab": "laboratories", "laboratory": "laboratories",
    "mkt": "marketing", "mktg": "marketing", "prod": "products", "product": "products",
    "prods": "products", "pharma": "pharmaceuticals", "pharm": "pharmaceuticals",
    "univ": "university", "dist": "distribution", "distrib": "distribution",
    "fin": "financial", "finl": "financial", "ins": "insurance",
    "und": "and",
}  # fmt: skip
"""Words in company names (folded) to the one spelling used for comparison."""

SITE_WORDS: frozenset[str] = frozenset(
    {"hq", "headquarters", "head office", "main office", "head quarters"}
)
"""Words that name one site of a company, not the company ("Acme HQ", "Acme Ltd Head
Office"): removed at the end of a name, before and after its legal form."""

MAX_SITE_WORDS = max(len(words.split()) for words in SITE_WORDS)

GROUP_WORDS: frozenset[str] = frozenset(
    {
        "holdings", "group", "capital", "investments", "ventures", "partners", "properties",
        "trust", "foundation", "financial", "finance", "international", "global", "worldwide",
        "subsidiary", "parent",
    }
)  # fmt: skip
"""Words (as ``ABBREVIATIONS`` spells them) that name another company of a group: "Acme" /
"Acme Holdings" at one address are a company and its holding company, not one company
written out."""

OFFICE_WORDS: frozenset[str] = frozenset(
    {"office", "offices", "branch", "site", "hq", "headquarters"}
)
"""Words that name one office of a company inside its name ("Acme London Office", "Acme
Branch"): the company itself, at one of its sites. Left in the name (an "Olive Branch", a
"Post Office" is a name), they are weighed where one name is the other with them
(``matching.presets.customer``)."""
