"""Vocabulary for client organisation names, legal forms and industries (hand-written)."""

from __future__ import annotations


def _table(text: str) -> list[list[str]]:
    return [line.split("|") for line in text.strip().splitlines()]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# country | legal form:weight ...   (the canonical spelling used in the true legal name)
_LEGAL_FORM_TABLE = """
US|Inc.:45|LLC:30|Corp.:15|LP:4|Co.:6
GB|Ltd:55|PLC:18|LLP:12|Limited:15
IE|Ltd:55|DAC:20|PLC:15|Limited:10
DE|GmbH:58|AG:15|GmbH & Co. KG:17|KG:5|SE:5
AT|GmbH:65|AG:20|GmbH & Co KG:15
CH|AG:60|SA:15|GmbH:20|Sàrl:5
FR|SAS:50|SA:22|SARL:25|SNC:3
BE|SA:30|NV:30|SRL:25|BV:15
NL|B.V.:85|N.V.:15
ES|S.L.:60|S.A.:40
IT|S.p.A.:40|S.r.l.:60
AU|Pty Ltd:85|Ltd:15
CA|Inc.:55|Ltd.:25|Corp.:15|ULC:5
SE|AB:100
DK|A/S:60|ApS:40
PL|Sp. z o.o.:75|S.A.:25
"""

# canonical legal form | variants seen in other systems ("-" means: dropped)
_LEGAL_VARIANT_TABLE = """
Inc.|Inc|Incorporated|, Inc.|INC|-
LLC|L.L.C.|Llc|Limited Liability Company|-
Corp.|Corp|Corporation|CORP|-
LP|L.P.|Limited Partnership|-
Co.|Co|Company|& Co.
Ltd|Ltd.|Limited|LTD|-
Limited|Ltd|Ltd.|-
PLC|plc|P.L.C.|Public Limited Company|-
LLP|L.L.P.|llp|-
DAC|D.A.C.|Designated Activity Company|Ltd
GmbH|GMBH|Gmbh|G.m.b.H.|mbH|-
AG|A.G.|Aktiengesellschaft|-
GmbH & Co. KG|GmbH & Co KG|GmbH u. Co. KG|GmbH&Co.KG|Gmbh & Co. Kg|KG
GmbH & Co KG|GmbH & Co. KG|GmbH u. Co KG|KG
KG|K.G.|Kommanditgesellschaft
SE|S.E.|-
SA|S.A.|Société Anonyme|-
Sàrl|Sarl|S.à r.l.|-
SAS|S.A.S.|S.A.S|Société par actions simplifiée|-
SARL|S.A.R.L.|Sarl|-
SNC|S.N.C.|-
NV|N.V.|nv|-
SRL|S.R.L.|BV|-
BV|B.V.|bv|-
B.V.|BV|B.V|bv|Besloten Vennootschap|-
N.V.|NV|N.V|-
S.L.|SL|S.L.U.|Sociedad Limitada|-
S.A.|SA|S.A|Sociedad Anónima|-
S.p.A.|SpA|S.P.A.|Spa|-
S.r.l.|Srl|SRL|S.R.L.|-
Pty Ltd|Pty. Ltd.|PTY LTD|Proprietary Limited|Pty Limited|-
Ltd.|Ltd|Limited|-
ULC|Unlimited Liability Company|-
AB|AB (publ)|Aktiebolag|Ab|-
A/S|AS|A.S.|-
ApS|Aps|-
Sp. z o.o.|Sp. z o. o.|sp. z o.o.|Spółka z o.o.|-
"""

# canonical industry | label in the acquired firm's CRM | English name nouns
_INDUSTRY_TABLE = """
Financial Services|Banking & Finance|Capital Partners,Capital,Financial,Bank,Asset Management
Insurance|Insurance|Insurance,Assurance,Underwriters,Mutual
Manufacturing|Industrial|Manufacturing,Industries,Engineering,Machinery,Components
Logistics|Transport & Logistics|Logistics,Freight,Shipping,Transport,Distribution
Retail|Retail & Consumer|Retail,Stores,Outfitters,Markets,Trading
Technology|Tech & Software|Technologies,Systems,Software,Networks,Analytics,Labs
Healthcare|Health & Life Sciences|Healthcare,Medical,Health Partners,Clinics,Diagnostics
Pharmaceuticals|Health & Life Sciences|Pharmaceuticals,Pharma,Biosciences,Therapeutics
Energy|Energy & Utilities|Energy,Power,Renewables,Utilities,Solar
Real Estate|Property|Properties,Real Estate,Estates,Developments
Construction|Construction & Infrastructure|Construction,Builders,Infrastructure,Contractors
Food & Beverage|Retail & Consumer|Foods,Beverages,Brewing,Dairy,Provisions
Media|Media & Telecoms|Media,Publishing,Broadcasting,Studios,Entertainment
Telecommunications|Media & Telecoms|Telecom,Communications,Wireless,Connect
Automotive|Industrial|Automotive,Motors,Mobility,Auto Parts
Chemicals|Industrial|Chemicals,Materials,Polymers,Coatings
Agriculture|Agri & Food|Farms,Agri,Harvest,Growers,Seeds
Hospitality|Travel & Leisure|Hotels,Hospitality,Resorts,Travel
"""

# language | canonical industry | local nouns
_LOCAL_NOUN_TABLE = """
de|Manufacturing|Maschinenbau,Anlagenbau,Stahlbau,Werkzeugbau,Metallwerke
de|Logistics|Logistik,Spedition,Transporte
de|Insurance|Versicherung,Versicherungen
de|Financial Services|Bank,Vermögensverwaltung,Finanz
de|Construction|Bau,Bauunternehmung,Hochbau
de|Energy|Energie,Stadtwerke,Energietechnik
de|Real Estate|Immobilien,Wohnbau
de|Food & Beverage|Brauerei,Lebensmittel,Feinkost
de|Chemicals|Chemie,Kunststoffe
fr|Insurance|Assurances,Mutuelle
fr|Logistics|Transports,Logistique
fr|Manufacturing|Industries,Mécanique,Équipements
fr|Construction|Construction,Bâtiment,Travaux Publics
fr|Energy|Énergie,Énergies
fr|Real Estate|Immobilier,Foncière
fr|Food & Beverage|Alimentaire,Boulangeries,Vins
es|Construction|Construcciones,Obras
es|Logistics|Transportes,Logística
es|Insurance|Seguros
es|Energy|Energía,Renovables
es|Real Estate|Inmobiliaria
es|Food & Beverage|Alimentación,Conservas
it|Construction|Costruzioni,Edilizia
it|Logistics|Trasporti,Logistica
it|Insurance|Assicurazioni
it|Manufacturing|Meccanica,Industrie,Tessile
it|Food & Beverage|Alimentari,Pastificio,Vini
it|Energy|Energia
nl|Construction|Bouw,Bouwgroep
nl|Logistics|Transport,Logistiek
nl|Insurance|Verzekeringen
nl|Real Estate|Vastgoed
nl|Manufacturing|Techniek,Metaal
sv|Construction|Bygg,Byggnads
sv|Manufacturing|Teknik,Verkstäder,Industri
sv|Real Estate|Fastigheter
sv|Energy|Energi,Kraft
da|Construction|Byg,Entreprise
da|Food & Beverage|Fødevarer,Mejeri
da|Energy|Energi
pl|Construction|Budownictwo,Budowa
pl|Logistics|Transport,Logistyka
pl|Energy|Energetyka
"""

# the English word | abbreviations and spellings some systems use
_ABBREVIATION_TABLE = """
International|Intl|Int'l|Intl.
Corporation|Corp|Corp.
Company|Co|Co.
Manufacturing|Mfg|Mfg.
Services|Svcs|Svc
Technologies|Tech|Technology|Techs
Brothers|Bros|Bros.
Holdings|Hldgs|Holding
Associates|Assoc|Assocs
Group|Grp|Grp.
Laboratories|Labs
Systems|Sys
Engineering|Eng|Engg
Industries|Ind|Inds
Partners|Ptnrs|Partner
Communications|Comms|Communication
Pharmaceuticals|Pharma|Pharm
and|&
&|and|+
Saint|St|St.
Mountain|Mtn
Logistics|Logistic|Log.
Management|Mgmt|Mgt
North|N.
"""

BRAND_HEADS = _words(
    "North South East West Bright Blue Silver Golden Red Green Iron Stone Clear Swift True "
    "High Oak Cedar Maple Pine Fair Cold Deep Long Rock Sea Sun Star Moon Wild Black White "
    "Frost Storm Thunder Copper Amber Crystal Eagle Falcon Hawk Lion Wolf Bear Fox Elm Ash"
)
BRAND_TAILS = _words(
    "wind water line gate field ridge view wood haven land point bridge brook stone well "
    "crest mark ford bury vale port lake side rock hill way light field star peak shore"
)
BRAND_WORDS = _words(
    "Atlas Apex Vertex Meridian Horizon Beacon Pinnacle Zenith Nova Orion Sterling Vanguard "
    "Paragon Quantum Nexus Helix Axiom Catalyst Fusion Vector Lumen Aurora Summit Pioneer "
    "Keystone Cornerstone Evergreen Granite Harbour Harbor Sovereign Regent Crown Empire "
    "Liberty Heritage Legacy Unity Allied United Premier Prime Alpha Delta Sigma Omega Titan "
    "Phoenix Polaris Sirius Vega Lynx Cobalt Onyx Sapphire Emerald Ruby Ivory Marble"
)
SYLLABLE_HEADS = _words("Vel Cor Tri Alt Syn Ner Qua Lux Zen Ome Ver Cal Mer Tal Ori Kor Dyn Av")
SYLLABLE_TAILS = _words("ix ara eon ova ant ium ity ora exa ion ent ios ara yx elle ica is")
QUALIFIERS = _words("International Global Group Holdings Worldwide Europe Services Solutions")
LOCAL_PLACE_WORDS: dict[str, tuple[str, ...]] = {
    "de": _words("Rhein Elbe Nord Süd Alpen Hanse Main Weser Donau Bayerische Schwäbische"),
    "fr": _words("Atlantique Alpes Provence Loire Seine Méditerranée Normandie Bretagne"),
    "es": _words("Ibérica Atlántico Levante Mediterráneo Cantábrico Castilla Andaluza"),
    "it": _words("Adriatica Tirrena Alpina Padana Lombarda Toscana Veneta Sicula"),
    "nl": _words("Noord Holland Delta Maas Rijn Zeeuwse Friese Brabantse"),
    "sv": _words("Nord Norrland Svea Väst Skandia Göta Mälar"),
    "da": _words("Nordisk Dansk Jysk Fyns Øresund"),
    "pl": _words("Polska Mazowsze Bałtyk Wisła Śląsk Pomorze"),
}


def _legal_forms() -> dict[str, tuple[tuple[str, float], ...]]:
    forms: dict[str, tuple[tuple[str, float], ...]] = {}
    for code, *entries in _table(_LEGAL_FORM_TABLE):
        pairs = (entry.rsplit(":", 1) for entry in entries)
        forms[code] = tuple((form, float(weight)) for form, weight in pairs)
    return forms


LEGAL_FORMS = _legal_forms()
LEGAL_FORM_VARIANTS: dict[str, tuple[str, ...]] = {
    row[0]: tuple("" if v == "-" else v for v in row[1:]) for row in _table(_LEGAL_VARIANT_TABLE)
}
INDUSTRY_BETA_LABEL: dict[str, str] = {row[0]: row[1] for row in _table(_INDUSTRY_TABLE)}
INDUSTRY_NOUNS: dict[str, tuple[str, ...]] = {
    row[0]: tuple(row[2].split(",")) for row in _table(_INDUSTRY_TABLE)
}
LOCAL_NOUNS: dict[str, dict[str, tuple[str, ...]]] = {}
for _lang, _industry, _nouns in _table(_LOCAL_NOUN_TABLE):
    LOCAL_NOUNS.setdefault(_lang, {})[_industry] = tuple(_nouns.split(","))
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    row[0]: tuple(row[1:]) for row in _table(_ABBREVIATION_TABLE)
}
