"""Nicknames and short forms of given names, with the formal names they stand for.

Data only. Keys and values are lowercase ASCII. A nickname that is short for more than one
formal name lists them all, the more common first (``alex`` -> alexander, alexandra). Spelling
variants of a formal name (``catherine``, ``kathryn``) are listed as nicknames of the one
chosen as canonical (``katherine``).
"""

from __future__ import annotations

from functools import lru_cache

from matching.standardise.text import collapse_umlaut_spelling, fold

NICKNAMES: dict[str, tuple[str, ...]] = {
    # A
    "abby": ("abigail",), "abbie": ("abigail",), "gail": ("abigail",),
    "al": ("albert", "alan", "alfred", "alexander"), "bert": ("albert", "robert", "herbert"),
    "bertie": ("albert", "bertram"), "allan": ("alan",), "allen": ("alan",),
    "alex": ("alexander", "alexandra"), "alec": ("alexander",), "alexis": ("alexander",),
    "sandy": ("alexander", "alexandra"), "xander": ("alexander",), "sasha": ("alexander",),
    "alexa": ("alexandra",), "lexi": ("alexandra",), "sandra": ("alexandra",),
    "alf": ("alfred",), "alfie": ("alfred",), "fred": ("frederick", "alfred"),
    "freddie": ("frederick", "alfred"), "freddy": ("frederick", "alfred"),
    "andy": ("andrew",), "drew": ("andrew",), "andi": ("andrea",),
    "annie": ("ann",), "anne": ("ann",), "anna": ("ann",), "nancy": ("ann",),
    "tony": ("anthony", "antonio"), "ant": ("anthony",), "antony": ("anthony",),
    "toni": ("antonia",),
    "art": ("arthur",), "artie": ("arthur",),
    # B
    "barb": ("barbara",), "barbie": ("barbara",), "babs": ("barbara",),
    "ben": ("benjamin",), "benji": ("benjamin",), "benny": ("benjamin",),
    "bernie": ("bernard",), "brad": ("bradley",),
    # C
    "cal": ("calvin",), "carl": ("charles",), "charlie": ("charles", "charlotte"),
    "chuck": ("charles",), "chas": ("charles",), "chaz": ("charles",),
    "lottie": ("charlotte",), "chris": ("christopher", "christine", "christian"),
    "kit": ("christopher",), "topher": ("christopher",), "kris": ("christopher", "christine"),
    "chrissy": ("christine",), "tina": ("christine",), "kristine": ("christine",),
    "christina": ("christine",), "cindy": ("cynthia", "lucinda"), "cliff": ("clifford",),
    "connie": ("constance",), "cathy": ("katherine",), "catherine": ("katherine",),
    "cath": ("katherine",), "cassie": ("cassandra",), "curt": ("curtis",),
    # D
    "dan": ("daniel",), "danny": ("daniel",), "dani": ("daniel", "danielle"),
    "dave": ("david",), "davy": ("david",), "davey": ("david",),
    "deb": ("deborah",), "debbie": ("deborah",), "debra": ("deborah",),
    "dick": ("richard",), "don": ("donald",), "donny": ("donald",),
    "doug": ("douglas",), "dot": ("dorothy",), "dottie": ("dorothy",), "dolly": ("dorothy",),
    # E
    "ed": ("edward", "edwin", "edmund"), "eddie": ("edward",), "eddy": ("edward",),
    "ned": ("edward",), "ted": ("edward", "theodore"), "teddy": ("edward", "theodore"),
    "ellie": ("eleanor", "ellen"), "nell": ("eleanor", "helen"), "nellie": ("eleanor", "helen"),
    "liz": ("elizabeth",), "lizzie": ("elizabeth",), "lizzy": ("elizabeth",),
    "beth": ("elizabeth",), "betty": ("elizabeth",), "bettie": ("elizabeth",),
    "betsy": ("elizabeth",), "eliza": ("elizabeth",), "elise": ("elizabeth",),
    "libby": ("elizabeth",), "lisa": ("elizabeth",), "elisabeth": ("elizabeth",),
    "ellen": ("helen",), "em": ("emily", "emma"), "emmy": ("emily", "emma"),
    "ernie": ("ernest",), "gene": ("eugene",), "evie": ("eve",),
    # F
    "frank": ("francis", "franklin"), "frankie": ("francis", "frances"),
    "fran": ("frances", "francis"), "francesca": ("frances",),
    "fritz": ("friedrich",),
    # G
    "gabe": ("gabriel",), "gabby": ("gabrielle",), "geoff": ("geoffrey",),
    "jeff": ("jeffrey", "geoffrey"), "jeffery": ("jeffrey",), "georgie": ("george", "georgina"),
    "gerry": ("gerald", "gerard"), "jerry": ("gerald", "jerome"), "greg": ("gregory",),
    # H
    "hal": ("henry", "harold"), "hank": ("henry",), "harry": ("henry", "harold"),
    "hattie": ("harriet",), "herb": ("herbert",), "howie": ("howard",),
    # I
    "izzy": ("isabel", "isaac"), "isabella": ("isabel",), "bella": ("isabel",),
    "ike": ("isaac",), "issy": ("isabel",),
    # J
    "jim": ("james",), "jimmy": ("james",), "jamie": ("james",), "jimbo": ("james",),
    "jan": ("janet", "jane", "johannes"), "janie": ("jane",), "jenny": ("jennifer",),
    "jen": ("jennifer",), "jenn": ("jennifer",), "jess": ("jessica",), "jessie": ("jessica",),
    "jo": ("joanne", "josephine", "joseph"), "joanna": ("joanne",), "joann": ("joanne",),
    "joe": ("joseph",), "joey": ("joseph",),
    "jack": ("john",), "johnny": ("john",), "jon": ("john", "jonathan"), "jonny": ("john",),
    "josie": ("josephine",), "pepe": ("jose",), "pepito": ("jose",),
    "chema": ("jose",), "josh": ("joshua",), "judy": ("judith",), "jules": ("julian",),
    "julie": ("julia",),
    # K
    "kate": ("katherine",), "katie": ("katherine",), "katy": ("katherine",),
    "kathy": ("katherine",), "kath": ("katherine",), "kat": ("katherine",),
    "kay": ("katherine",), "kitty": ("katherine",), "kathryn": ("katherine",),
    "kathleen": ("katherine",), "katharine": ("katherine",), "katharina": ("katherine",),
    "kathrin": ("katherine",), "katrin": ("katherine",),
    "ken": ("kenneth",), "kenny": ("kenneth",), "kim": ("kimberly",),
    # L
    "larry": ("lawrence",), "laurence": ("lawrence",), "len": ("leonard",),
    "lenny": ("leonard",), "leo": ("leonard", "leopold"), "les": ("leslie",),
    "lou": ("louis", "louise"), "louie": ("louis",), "lu": ("lucy",), "lucinda": ("lucy",),
    # M
    "maggie": ("margaret",), "meg": ("margaret",), "peggy": ("margaret",),
    "peg": ("margaret",), "marge": ("margaret",), "margie": ("margaret",),
    "madge": ("margaret",), "greta": ("margaret",), "gretchen": ("margaret",),
    "margarete": ("margaret",), "margarethe": ("margaret",), "marguerite": ("margaret",),
    "margot": ("margaret",),
    "molly": ("mary",), "polly": ("mary",), "mae": ("mary",), "mamie": ("mary",),
    "marie": ("mary",), "maria": ("mary",),
    "matt": ("matthew",), "matty": ("matthew",), "mat": ("matthew",),
    "max": ("maximilian", "maxwell"), "maxi": ("maximilian",),
    "mike": ("michael",), "mikey": ("michael",), "mick": ("michael",), "mickey": ("michael",),
    "michel": ("michael",),
    "mitch": ("mitchell",), "mo": ("maurice",),
    # N
    "nate": ("nathan", "nathaniel"), "nat": ("nathaniel", "natalie"), "nick": ("nicholas",),
    "nicky": ("nicholas", "nicole"), "nico": ("nicholas",), "nicolas": ("nicholas",),
    "klaus": ("nicholas",), "claus": ("nicholas",), "niki": ("nicole",), "nikki": ("nicole",),
    # O / P
    "ollie": ("oliver", "olivia"), "liv": ("olivia",), "oz": ("oswald",),
    "pam": ("pamela",), "pat": ("patrick", "patricia"), "paddy": ("patrick",),
    "patty": ("patricia",), "patsy": ("patricia",), "trish": ("patricia",),
    "tricia": ("patricia",), "pete": ("peter",), "phil": ("philip",), "pip": ("philip",),
    "phillip": ("philip",),
    # R
    "ray": ("raymond",), "reg": ("reginald",), "reggie": ("reginald",),
    "rich": ("richard",), "richie": ("richard",), "rick": ("richard", "frederick"),
    "ricky": ("richard",), "rico": ("ricardo",),
    "bob": ("robert",), "bobby": ("robert",), "rob": ("robert",), "robbie": ("robert",),
    "robby": ("robert",),
    "rod": ("rodney", "roderick"), "ron": ("ronald",), "ronnie": ("ronald",),
    "rosie": ("rose",), "rosa": ("rose",), "russ": ("russell",),
    # S
    "sam": ("samuel", "samantha"), "sammy": ("samuel", "samantha"),
    "sally": ("sarah",), "sadie": ("sarah",), "sara": ("sarah",),
    "sid": ("sidney",), "stan": ("stanley",), "steve": ("stephen",), "stevie": ("stephen",),
    "steven": ("stephen",), "stefan": ("stephen",), "stephan": ("stephen",),
    "sue": ("susan",), "susie": ("susan",), "suzy": ("susan",), "suzanne": ("susan",),
    "susanne": ("susan",),
    # T
    "terry": ("terence", "theresa"), "tess": ("theresa",), "tessa": ("theresa",),
    "teresa": ("theresa",), "theo": ("theodore",),
    "tom": ("thomas",), "tommy": ("thomas",), "thom": ("thomas",),
    "tim": ("timothy",), "timmy": ("timothy",), "val": ("valerie", "valentine"),
    "vic": ("victor", "victoria"), "vicky": ("victoria",), "vicki": ("victoria",),
    "vince": ("vincent",), "vinny": ("vincent",),
    # W / Z
    "walt": ("walter",), "wally": ("walter",), "wes": ("wesley",),
    "bill": ("william",), "billy": ("william",), "will": ("william",), "willy": ("william",),
    "willie": ("william",), "liam": ("william",),
    "zach": ("zachary",), "zack": ("zachary",), "zak": ("zachary",),
    # German
    "hans": ("johannes",), "hannes": ("johannes",), "johann": ("johannes",),
    "sepp": ("josef",), "seppl": ("josef",),
    "jupp": ("josef",), "franz": ("francis",), "fritzi": ("friederike",),
    "gerd": ("gerhard",), "uli": ("ulrich",), "willi": ("wilhelm",),
    "lutz": ("ludwig",), "lenz": ("lorenz",), "heinz": ("heinrich",), "heini": ("heinrich",),
    "konny": ("konrad",), "conny": ("cornelia",), "bernd": ("bernhard",),
    "georg": ("george",), "schorsch": ("george",),
    "resi": ("theresa",), "lene": ("helen",), "leni": ("helen",), "helene": ("helen",),
    # French
    "jeannot": ("jean",), "jojo": ("georges", "joseph"), "pierrot": ("pierre",),
    "manon": ("marie",), "mimi": ("michele",), "dede": ("andre",), "fanfan": ("francoise",),
    # Spanish
    "paco": ("francisco",), "pancho": ("francisco",), "curro": ("francisco",),
    "kiko": ("francisco",), "lola": ("dolores",), "lolita": ("dolores",),
    "nacho": ("ignacio",), "lupe": ("guadalupe",), "chus": ("jesus",), "chucho": ("jesus",),
    "charo": ("rosario",), "merche": ("mercedes",), "quique": ("enrique",),
    "manolo": ("manuel",), "manu": ("manuel",), "memo": ("guillermo",), "beto": ("alberto",),
    "tono": ("antonio",), "pili": ("pilar",), "rafa": ("rafael",),
}  # fmt: skip


def _resolve(name: str, seen: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Formal names for ``name``, following chains (``sepp`` -> ``josef`` -> ``joseph``)."""
    targets = NICKNAMES.get(name)
    if targets is None or name in seen:
        return (name,)
    resolved: list[str] = []
    for target in targets:
        for formal in _resolve(target, seen | {name}) if target != name else (name,):
            if formal not in resolved:
                resolved.append(formal)
    return tuple(resolved)


def _build_index() -> dict[str, tuple[str, ...]]:
    return {nickname: _resolve(nickname) for nickname in NICKNAMES}


FORMAL_NAMES: dict[str, tuple[str, ...]] = _build_index()
"""Every nickname with all the formal names it can stand for, chains resolved."""

KNOWN_GIVEN_NAMES: frozenset[str] = frozenset(NICKNAMES) | frozenset(
    formal for formals in FORMAL_NAMES.values() for formal in formals
) | frozenset(
    {"joel", "noel", "emanuel", "immanuel", "michaela", "rachael", "israel", "ishmael",
     "mikael", "raphael", "gael", "manuela", "samuela", "manuel", "samuel", "michael",
     "rafael", "daniel", "ezekiel", "nathanael", "joelle", "noelle", "aeron"}
)  # fmt: skip
"""Given names written in the table's spelling; ``fold_given_name`` leaves these unchanged."""


@lru_cache(maxsize=65536)
def fold_given_name(value: str) -> str:
    """Fold a given name: ``fold``, then the umlaut-spelling rule unless the name is known.

    ``Jürgen``, ``Juergen`` and ``Jurgen`` give ``jurgen``; ``Michael`` stays ``michael``.
    Hyphens are kept (``Jean-Pierre`` -> ``jean-pierre``).
    """
    parts = [fold(part) for part in value.split("-")]
    folded = "-".join(part for part in parts if part)
    if folded in KNOWN_GIVEN_NAMES:
        return folded
    return "-".join(
        part if part in KNOWN_GIVEN_NAMES else collapse_umlaut_spelling(part)
        for part in folded.split("-")
    )


def formal_names(name: str) -> tuple[str, ...]:
    """All formal given names ``name`` can stand for (itself, folded, if it is not a nickname)."""
    folded = fold_given_name(name)
    return FORMAL_NAMES.get(folded, (folded,))


def canonical_given_name(name: str) -> str:
    """The formal given name a nickname stands for (``Bob`` -> ``robert``), else the folded name.

    A nickname shared by several formal names gives the most common one (``Alex`` ->
    ``alexander``); use ``are_nickname_variants`` to compare two names.
    """
    return formal_names(name)[0]


def are_nickname_variants(a: str, b: str) -> bool:
    """True when both names are, or can stand for, the same formal given name.

    ``Bob``/``Robert``, ``Bob``/``Rob``, ``Ted``/``Theodore`` and ``Ted``/``Edward`` are
    variants; ``Edward``/``Theodore`` are not. Empty names are never variants.
    """
    folded_a, folded_b = fold_given_name(a), fold_given_name(b)
    if not folded_a or not folded_b:
        return False
    if folded_a == folded_b:
        return True
    return bool(set(formal_names(a)) & set(formal_names(b)))
