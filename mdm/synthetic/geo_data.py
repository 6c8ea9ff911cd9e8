"""Countries, cities, streets and telephone plans used to build plausible addresses.

The tables are plain text so they stay readable; they are parsed once at import.
Postal patterns: ``#`` is a digit, ``@`` an upper-case letter, anything else is literal.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    name: str
    region: str
    area_code: str
    postal_patterns: tuple[str, ...]


@dataclass(frozen=True)
class CountryProfile:
    code: str
    name: str
    iso3: str
    local_name: str
    language: str
    currency: str
    calling_code: str
    trunk: str  # national trunk prefix ("0", "1" or "")
    nsn_length: int  # national significant number length (area code + subscriber)
    mobile_prefixes: tuple[str, ...]
    number_first: bool  # "12 Baker Street" (True) or "Hauptstraße 12" (False)
    streets: tuple[str, ...]
    cities: tuple[City, ...]


# code | English name | ISO3 | local name | language | currency | calling code | trunk |
# NSN length | mobile prefixes | number first | street group
_COUNTRY_TABLE = """
US|United States|USA|United States|en|USD|1|1|10|917 646 415 312|y|en_us
GB|United Kingdom|GBR|United Kingdom|en|GBP|44|0|10|7700 7911 7723 7812|y|en_gb
DE|Germany|DEU|Deutschland|de|EUR|49|0|11|151 160 170 171 176|n|de
FR|France|FRA|France|fr|EUR|33|0|9|6 7|y|fr
NL|Netherlands|NLD|Nederland|nl|EUR|31|0|9|6|n|nl
ES|Spain|ESP|España|es|EUR|34||9|6 7|n|es
IT|Italy|ITA|Italia|it|EUR|39||10|320 333 347 348 393|n|it
CH|Switzerland|CHE|Schweiz|de|CHF|41|0|9|76 78 79|n|ch
AU|Australia|AUS|Australia|en|AUD|61|0|9|4|y|en_au
CA|Canada|CAN|Canada|en|CAD|1|1|10|647 778|y|en_ca
IE|Ireland|IRL|Éire|en|EUR|353|0|9|83 85 86 87|y|en_ie
SE|Sweden|SWE|Sverige|sv|SEK|46|0|9|70 72 73|n|sv
BE|Belgium|BEL|België|fr|EUR|32|0|8|47 48 49|n|be
AT|Austria|AUT|Österreich|de|EUR|43|0|10|664 676 699|n|at
DK|Denmark|DNK|Danmark|da|DKK|45||8|2 3 4|n|da
PL|Poland|POL|Polska|pl|PLN|48||9|5 6 7|n|pl
"""

_STREET_TABLE = """
en_us|Market Street|Main Street|Oak Avenue|Park Avenue|Lake Shore Drive|Washington Boulevard
en_us|Elm Street|Madison Avenue|Commerce Way|Harbor Road|Riverside Drive|Maple Lane
en_us|Broad Street|Pine Street|Corporate Parkway
en_gb|Baker Street|King Street|Victoria Road|Church Lane|Queen Street|Bishopsgate
en_gb|Old Broad Street|Deansgate|Colmore Row|George Square|High Street|Station Road|Park Lane
en_gb|Canal Street|Mill Road
en_au|George Street|Collins Street|Pitt Street|Queen Street|Elizabeth Street|King Street
en_au|St Georges Terrace|Eagle Street|Bourke Street|Flinders Lane
en_ca|King Street West|Bay Street|Yonge Street|Front Street West|Granville Street
en_ca|Rue Sainte-Catherine|Wellington Street|Bloor Street East|Howe Street
en_ie|Grand Canal Square|Harcourt Street|St Stephen's Green|Baggot Street|Patrick Street
en_ie|Shop Street|Merrion Square|Dawson Street|O'Connell Street
de|Hauptstraße|Bahnhofstraße|Friedrichstraße|Königstraße|Schillerstraße|Goethestraße
de|Lindenallee|Industriestraße|Maximilianstraße|Am Sandtorkai|Neuer Wall|Theodor-Heuss-Allee
de|Mönckebergstraße|Gartenweg|Leopoldstraße
fr|rue de la Paix|avenue Victor Hugo|boulevard Haussmann|rue de Rivoli|avenue Jean Jaurès
fr|place de la République|rue du Faubourg Saint-Honoré|quai de la Rapée
fr|avenue des Champs-Élysées|rue Gambetta|cours Lafayette
nl|Keizersgracht|Herengracht|Stationsplein|Kerkstraat|Coolsingel|Weena|Gustav Mahlerlaan
nl|Prinsengracht|Lange Voorhout|Vestdijk|Oudegracht
es|Calle de Alcalá|Paseo de la Castellana|Avenida Diagonal|Gran Vía|Calle Mayor
es|Calle de Serrano|Avenida de América|Calle de Colón|Paseo de Gràcia|Calle Larios
it|Via Roma|Corso Vittorio Emanuele II|Via Torino|Piazza del Duomo|Viale Monza|Via Garibaldi
it|Corso Buenos Aires|Via Nazionale|Via Dante|Via Mazzini
ch|Bahnhofstrasse|Löwenstrasse|Seefeldstrasse|Rue du Rhône|Aeschenvorstadt|Marktgasse|Rennweg
ch|Avenue de la Gare|Hardturmstrasse|Spitalgasse
sv|Drottninggatan|Kungsgatan|Sveavägen|Vasagatan|Birger Jarlsgatan|Götgatan|Stortorget
sv|Kungsportsavenyen|Hamngatan|Regeringsgatan
da|Vesterbrogade|Nørregade|Østergade|Bredgade|Amaliegade|Strandvejen|Søndergade|Gothersgade
da|Havnegade
pl|ul. Marszałkowska|ul. Złota|al. Jerozolimskie|ul. Prosta|ul. Grzybowska|ul. Floriańska
pl|ul. Piotrkowska|ul. Długa|ul. Świętokrzyska
at|Kärntner Straße|Mariahilfer Straße|Praterstraße|Herrengasse|Schottenring
at|Landstraßer Hauptstraße|Wiedner Gürtel|Annenstraße
be|Rue de la Loi|Avenue Louise|Meir|Boulevard du Souverain|Kouter|Rue Royale|Frankrijklei
be|Chaussée de Charleroi|Veldstraat
"""

# country | city | region | area code | postal patterns (comma-separated)
_CITY_TABLE = """
US|New York|NY|212|100##,101##
US|Chicago|IL|312|606##
US|San Francisco|CA|415|941##
US|Boston|MA|617|021##
US|Austin|TX|512|787##
US|Atlanta|GA|404|303##
US|Seattle|WA|206|981##
US|Denver|CO|303|802##
GB|London|Greater London|20|EC2A #@@,SW1A #@@,EC3M #@@,W1K #@@
GB|Manchester|Greater Manchester|161|M1 #@@,M3 #@@
GB|Birmingham|West Midlands|121|B3 #@@,B1 #@@
GB|Leeds|West Yorkshire|113|LS1 #@@
GB|Edinburgh|Scotland|131|EH2 #@@,EH3 #@@
GB|Bristol|Bristol|117|BS1 #@@
DE|Berlin|Berlin|30|10###,12###
DE|München|Bayern|89|80###,81###
DE|Hamburg|Hamburg|40|20###,22###
DE|Frankfurt am Main|Hessen|69|60###
DE|Köln|Nordrhein-Westfalen|221|50###,51###
DE|Stuttgart|Baden-Württemberg|711|70###
DE|Düsseldorf|Nordrhein-Westfalen|211|40###
DE|Dresden|Sachsen|351|01###
FR|Paris|Île-de-France|1|7500#,7501#
FR|Lyon|Auvergne-Rhône-Alpes|4|6900#
FR|Marseille|Provence-Alpes-Côte d'Azur|4|1300#,1301#
FR|Toulouse|Occitanie|5|3100#,3120#
FR|Lille|Hauts-de-France|3|5900#,5980#
FR|Nantes|Pays de la Loire|2|4400#
NL|Amsterdam|Noord-Holland|20|10## @@
NL|Rotterdam|Zuid-Holland|10|30## @@
NL|Utrecht|Utrecht|30|35## @@
NL|Den Haag|Zuid-Holland|70|25## @@
NL|Eindhoven|Noord-Brabant|40|56## @@
ES|Madrid|Madrid|91|280##
ES|Barcelona|Cataluña|93|080##
ES|Valencia|Comunidad Valenciana|96|460##
ES|Sevilla|Andalucía|95|410##
ES|Bilbao|País Vasco|94|480##
IT|Milano|Lombardia|02|201##
IT|Roma|Lazio|06|001##
IT|Torino|Piemonte|011|101##
IT|Bologna|Emilia-Romagna|051|401##
IT|Napoli|Campania|081|801##
CH|Zürich|ZH|44|80##
CH|Genève|GE|22|12##
CH|Basel|BS|61|40##
CH|Bern|BE|31|30##
CH|Lausanne|VD|21|10##
AU|Sydney|NSW|2|2000,20##
AU|Melbourne|VIC|3|3000,30##
AU|Brisbane|QLD|7|4000,40##
AU|Perth|WA|8|6000,60##
AU|Adelaide|SA|8|5000,50##
CA|Toronto|ON|416|M5V #@#,M5H #@#,M4W #@#
CA|Vancouver|BC|604|V6B #@#,V6C #@#
CA|Montréal|QC|514|H3B #@#,H2Y #@#
CA|Calgary|AB|403|T2P #@#
CA|Ottawa|ON|613|K1P #@#
IE|Dublin|Leinster|1|D02 @#@#,D04 @#@#
IE|Cork|Munster|21|T12 @#@#
IE|Galway|Connacht|91|H91 @#@#
IE|Limerick|Munster|61|V94 @#@#
SE|Stockholm|Stockholms län|8|11# ##
SE|Göteborg|Västra Götalands län|31|41# ##
SE|Malmö|Skåne län|40|21# ##
SE|Uppsala|Uppsala län|18|75# ##
BE|Bruxelles|Bruxelles-Capitale|2|10##
BE|Antwerpen|Vlaanderen|3|20##
BE|Gent|Vlaanderen|9|90##
BE|Liège|Wallonie|4|40##
AT|Wien|Wien|1|1010,1###
AT|Graz|Steiermark|316|80##
AT|Linz|Oberösterreich|732|40##
AT|Salzburg|Salzburg|662|50##
DK|København|Hovedstaden|3|1###
DK|Aarhus|Midtjylland|8|8000
DK|Odense|Syddanmark|6|5000
PL|Warszawa|mazowieckie|22|00-###,02-###
PL|Kraków|małopolskie|12|31-###
PL|Wrocław|dolnośląskie|71|50-###
PL|Poznań|wielkopolskie|61|61-###
PL|Gdańsk|pomorskie|58|80-###
"""

# English exonyms and other spellings some systems use for the same city.
_CITY_ALIAS_TABLE = """
München|Munich|Muenchen
Köln|Cologne|Koeln
Frankfurt am Main|Frankfurt|Frankfurt/Main|Frankfurt a.M.
Düsseldorf|Duesseldorf|Dusseldorf
Milano|Milan
Roma|Rome
Torino|Turin
Napoli|Naples
Zürich|Zurich|Zuerich
Genève|Geneva|Genf
Wien|Vienna
København|Copenhagen|Kobenhavn
Warszawa|Warsaw
Kraków|Krakow|Cracow
Bruxelles|Brussels|Brussel
Antwerpen|Antwerp|Anvers
Gent|Ghent
Den Haag|The Hague|'s-Gravenhage
Göteborg|Gothenburg|Goteborg
Malmö|Malmo
Sevilla|Seville
Montréal|Montreal
New York|New York City|NYC
Wrocław|Wroclaw
Poznań|Poznan
Gdańsk|Gdansk
"""

# How often each client country occurs (a firm headquartered in the US and the UK).
COUNTRY_WEIGHTS: dict[str, float] = {
    "US": 22, "GB": 14, "DE": 12, "FR": 8, "NL": 6, "ES": 5, "IT": 5, "CH": 4, "AU": 4,
    "CA": 4, "IE": 3, "SE": 3, "BE": 3, "AT": 2, "DK": 2, "PL": 3,
}  # fmt: skip


def _rows(table: str) -> list[list[str]]:
    return [line.split("|") for line in table.strip().splitlines()]


def _build() -> dict[str, CountryProfile]:
    streets: dict[str, tuple[str, ...]] = {}
    for row in _rows(_STREET_TABLE):
        streets[row[0]] = streets.get(row[0], ()) + tuple(row[1:])
    cities: dict[str, list[City]] = {}
    for code, name, region, area, postal in _rows(_CITY_TABLE):
        cities.setdefault(code, []).append(City(name, region, area, tuple(postal.split(","))))
    profiles = {}
    for row in _rows(_COUNTRY_TABLE):
        code, name, iso3, local, lang, cur, cc, trunk, nsn, mobiles, first, group = row
        profiles[code] = CountryProfile(
            code, name, iso3, local, lang, cur, cc, trunk, int(nsn),
            tuple(mobiles.split()), first == "y", streets[group], tuple(cities[code]),
        )  # fmt: skip
    return profiles


COUNTRIES: dict[str, CountryProfile] = _build()
CITY_ALIASES: dict[str, tuple[str, ...]] = {
    row[0]: tuple(row[1:]) for row in _rows(_CITY_ALIAS_TABLE)
}
