"""Word lists the rules share: titles, organisation head words, speech cue verbs, pronouns.

Plain data, no spaCy. Kept in one place so the rules stay consistent (a title stripped from a
person's name is also a role; a cue verb for quotes is the same list everywhere).
"""

from __future__ import annotations

# Titles and roles written before a name ("Judge Besosa", "Acting Assistant Attorney General Rita M.
# Glavin"): never part of a PERSON name, kept as the person's role. Compared in lower case.
TITLE_WORDS = frozenset(
    [
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "professor", "sir",
        "dame", "lord", "lady", "judge", "justice", "magistrate", "senator", "sen.", "sen", "mayor",
        "president", "vice", "governor", "gov.", "gov", "rep.", "rep", "representative", "congressman",
        "congresswoman", "councilman", "councilwoman", "councillor", "alderman", "sheriff", "marshal", "deputy",
        "chief", "director", "attorney", "general", "acting", "assistant", "associate", "special", "agent",
        "officer", "detective", "sergeant", "sgt.", "lieutenant", "lt.", "captain", "capt.", "maj.",
        "colonel", "col.", "commander", "cmdr.", "admiral", "adm.", "pvt.", "corporal", "cpl.",
        "secretary", "minister", "premier", "chancellor", "ambassador", "consul", "prosecutor", "inspector",
        "superintendent", "commissioner", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman",
        "spokesperson", "paralegal", "trial", "u.s.", "us", "federal", "district", "circuit", "senior",
        "executive", "managing", "leader", "shadow", "home", "prime", "foreign", "interior", "reverend", "rev.",
        "pastor", "rabbi", "imam", "provost", "coach", "manager", "founder", "ceo", "cfo", "coo", "cto",
        "owner", "lawyer", "defendant",
        "co-defendant"
    ]
)

# Lower-case role nouns that, written right before a capitalised name, mark it as a person.
ROLE_NOUNS = frozenset(
    [
        "defendant", "co-defendant", "codefendant", "suspect", "fugitive", "witness", "victim", "inmate",
        "prisoner", "detainee", "musician", "actor", "actress", "singer", "writer", "author", "journalist",
        "reporter", "photographer", "artist", "poet", "lawyer", "attorney", "barrister", "solicitor",
        "prosecutor", "judge", "spokesman", "spokeswoman", "spokesperson", "campaigner", "activist",
        "director", "officer", "agent", "chief", "secretary", "minister", "president", "senator", "mayor",
        "governor", "candidate", "businessman", "businesswoman", "accountant", "consultant", "aide",
        "doctor", "nurse", "physician", "teacher", "professor", "student", "engineer", "scientist",
        "researcher", "analyst", "economist", "founder", "owner", "pastor", "priest", "son", "daughter",
        "wife", "husband", "brother", "sister", "mother", "father", "cousin", "uncle", "aunt", "nephew",
        "niece", "friend", "colleague", "partner", "boss", "employee", "manager", "investor", "player",
        "coach"
    ]
)

# Head words that make a capitalised phrase an organisation ("Fraud Section", "Sea Org").
ORG_KEYWORDS = frozenset(
    [
        "Office", "Department", "Dept.", "Division", "Section", "Service", "Services", "Bureau", "Agency",
        "Administration", "Court", "Council", "Board", "Commission", "Committee", "Police", "Enforcement",
        "Operations", "Investigations", "Embassy", "Consulate", "Ministry", "Group", "Inc.", "Inc", "LLC",
        "LLP", "Corp.", "Corp", "Corporation", "Company", "Co.", "Ltd", "Ltd.", "Force", "Laboratory",
        "Unit", "University", "College", "Institute", "Centre", "Center", "Association", "Foundation",
        "Lab", "Labs", "Laboratories", "Municipality",
        "Party", "Senate", "Assembly", "Parliament", "Organisation", "Organization", "Org", "Command",
        "Attaché", "Bank", "Network", "Church", "Authority", "Trust", "Society", "Union", "League",
        "Federation", "Council", "Coalition", "Alliance", "Army", "Navy", "Guard", "Corps", "Academy",
        "School", "Hospital", "Clinic", "Airlines", "Airways", "Magazine", "Times", "Post", "Journal",
        "Herald", "Tribune", "Gazette", "Agency", "Patrol", "Marshals", "Prosecutor's", "Attorney's",
        "Sheriff's", "Directorate", "Secretariat", "Cabinet", "Congress", "Inspectorate", "Commissioner",
        "Tribunal"
    ]
)

# Little words allowed inside a capitalised organisation name.
NAME_CONNECTORS = frozenset({"of", "and", "for", "the", "on", "&", "de", "del", "la", "du", "des"})

# Speech cue verbs (all inflections listed, so no lemmatizer is needed).
CUE_VERBS = frozenset(
    [
        "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added",
        "adding", "state", "states", "stated", "stating", "write", "writes", "wrote", "writing", "assert",
        "asserts", "asserted", "asserting", "explain", "explains", "explained", "note", "notes", "noted",
        "continue", "continues", "continued", "claim", "claims", "claimed", "claiming", "argue", "argues",
        "argued", "arguing", "report", "reports", "reported", "announce", "announces", "announced", "warn",
        "warns", "warned", "comment", "comments", "commented", "remark", "remarks", "remarked", "insist",
        "insists", "insisted", "acknowledge", "acknowledges", "acknowledged", "declare", "declares",
        "declared", "reply", "replies", "replied", "respond", "responds", "responded", "recall", "recalls",
        "recalled", "ask", "asks", "asked", "tweet", "tweets", "tweeted", "post", "posts", "posted", "read",
        "reads", "describe", "describes", "described", "call", "calls", "called", "urge", "urges", "urged",
        "conclude", "concludes", "concluded", "admit", "admits", "admitted", "testify", "testifies",
        "testified", "predict", "predicts", "predicted", "stress", "stresses", "stressed", "emphasize",
        "emphasizes", "emphasized", "emphasise", "emphasised", "suggest", "suggests", "suggested",
        "announced", "indicate", "indicates", "indicated", "confirm", "confirms", "confirmed", "deny",
        "denies", "denied", "promise", "promises", "promised", "promising", "criticize", "criticized",
        "criticise", "criticised", "quote", "quotes", "quoted"
    ]
)

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i"})
ORG_PRONOUNS = frozenset({"it", "they", "we"})
# Common nouns that stand for an organisation already named ("according to the agency").
ORG_NOUNS = frozenset(
    [
        "agency", "department", "office", "bureau", "division", "court", "police", "ministry", "government",
        "company", "firm", "organisation", "organization", "group", "service", "administration", "council",
        "commission", "committee", "embassy", "newspaper", "paper", "website", "statement", "release",
        "report"
    ]
)

QUOTE_CHARS = "\"“”„«»‹›"
