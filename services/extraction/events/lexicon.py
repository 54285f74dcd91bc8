"""The words the event rules read, grouped by what they tell.

These are the general vocabulary of violent-incident reporting (the GTD codebook's attack and
target categories as newsrooms write them), kept apart from the rules so they can be reviewed and
extended in one place. Words are lower case; phrases are space separated and matched on tokens.
"""

from __future__ import annotations

# Nouns naming one attack. A plural names several unless it is a small set ("twin bombings") or
# a dated coordinated attack ("drone attacks ... on Saturday"); "clashes" is listed as it is.
ATTACK_NOUNS = {
    "attack", "bombing", "explosion", "blast", "shooting", "assault", "ambush", "raid", "massacre",
    "kidnapping", "abduction", "assassination", "hijacking", "siege", "stabbing", "arson", "ramming",
    "detonation", "shootout", "firefight", "skirmish", "gunfight", "murder", "bomb", "car-bomb", "ied",
    "incursion", "onslaught", "rampage", "hostage-taking", "beheading", "lynching", "clash", "clashes",
    "hostilities", "act of terror", "terrorist act", "terror act", "terrorist attack", "suicide attack",
    "suicide bombing", "car bomb", "truck bomb", "roadside bomb", "gun attack", "knife attack",
    "mass shooting", "drive-by shooting", "explosive device", "explosive belt", "explosive vest",
    "suicide vest", "suicide belt", "gun battle", "exchange of fire", "fighting between", "fighting broke",
    "heavy fighting", "fierce fighting", "hostage crisis", "hostage situation", "grenade attack",
    "arson attack", "rocket attack", "mortar attack", "mortar rounds", "mortar shells", "drone strike",
    "airstrike", "air strike", "air raid", "missile strike", "rocket fire", "mortar fire", "artillery fire",
    "shelling", "bombardment", "incendiary balloons", "incendiary balloon", "stoning", "sabotage",
} | {
    f"{projectile}{plural} {verb}"
    for projectile in ("rocket", "missile", "drone")
    for plural in ("", "s")
    for verb in ("struck", "hit", "landed")
}  # fmt: skip

# Verbs of attacking (any inflection listed). "killed" and friends are casualty words, read by figures.
ATTACK_VERBS = {
    "attack", "attacks", "attacked", "attacking", "bomb", "bombed", "bombs", "exploded", "explodes",
    "dynamited",
    "detonated", "detonates", "detonating", "shot", "shoot", "shoots", "shooting", "stabbed", "stabbing",
    "kidnapped", "kidnap", "kidnaps", "kidnapping", "abducted", "abduct", "abducts", "abducting", "ambushed",
    "ambush", "stormed", "storm", "storms", "storming", "raided", "raid", "hijacked", "hijack",
    "torched", "torch", "rammed", "ramming", "massacred", "assassinated", "assassinate", "beheaded",
    "clashed", "clash", "fought", "shelled", "opened fire", "open fire", "opening fire", "set fire",
    "set ablaze", "blew up", "blew himself up", "blew herself up", "blew themselves up", "set off",
    "went off", "go off", "took hostage", "taken hostage", "held hostage", "taking hostage", "gunned down",
    "shot dead", "hacked to death", "burned down", "burnt down", "set on fire", "triggered an explosive",
    "opened fire on", "hurled a grenade", "threw a grenade", "drove into", "ploughed into", "plowed into",
    "setting fire", "sets fire", "blown up", "blow up", "blowing up", "stoned", "pelted", "hurled stones",
    "threw stones", "hurled rocks", "threw rocks", "lobbed", "took hostages", "taking hostages",
    "seized hostages", "grenade thrown", "grenades thrown", "grenade was thrown", "bomb was thrown",
    "bomb thrown", "grenade hurled", "grenade lobbed", "threw a bomb", "hurled a bomb", "beaten", "beat up",
    "assaulted", "lynched", "fired on", "fired at", "firing on", "firing at", "fires on", "machinegunned",
    "machine-gunned", "machinegunning", "machine-gunning", "riddled with bullets", "sprayed with bullets",
    "strafed", "sabotaged", "sabotaging", "deliberately set", "set deliberately",
    "intentionally set", "deliberately started",
} | {
    f"{weapon} {verb}"
    for weapon in ("rocket", "rockets", "missile", "missiles", "mortar", "mortars", "mortar rounds",
                   "mortar shells", "shells", "grenade", "grenades")
    for verb in ("hit", "struck", "slammed into", "landed on", "landed in", "landed near", "crashed into",
                 "rained down on", "fell on", "exploded")
} | {
    f"{verb} {article}{weapon}"
    for verb in ("fired", "launched", "fires", "launches", "firing", "launching")
    for article in ("", "a ", "an ")
    for weapon in ("rocket", "rockets", "missile", "missiles", "mortar", "mortars", "mortar rounds",
                   "mortar shells", "shells", "artillery", "rpg", "rpgs", "grenade", "grenades", "drone",
                   "drones")
}  # fmt: skip
# Killing verbs: they announce a violent event on their own.
KILL_VERBS = {
    "killed", "killing", "kills", "murdered", "slain", "massacred", "executed", "shot dead", "gunned down",
    "hacked to death", "beheaded", "lynched",
}  # fmt: skip
# Words that make a sentence about something other than an attack (disasters, accidents, illness).
NON_VIOLENT_CAUSES = {
    "earthquake", "quake", "flood", "floods", "flooding", "landslide", "cyclone", "hurricane",
    "typhoon", "tsunami", "drought", "famine", "epidemic", "pandemic", "covid", "cholera", "disease",
    "accident", "crash", "collision", "derailment", "stampede", "heatwave", "wildfire", "avalanche",
    "eruption", "volcano", "overdose", "drowned", "lightning", "plague", "outbreak", "virus", "ebola",
    "measles", "malaria", "infection", "thunderstorm", "thunderstorms", "rains", "mudslide",
    "tornado", "blizzard", "snowstorm", "short-circuit", "plunged", "capsized", "derailed", "sank", "crashed",
    "electrical fault", "gas leak", "short circuit", "caught fire", "fire broke out", "blaze broke out",
    "fire swept through", "blaze swept through", "fire engulfed", "flames engulfed", "fire gutted",
    "accidental", "accidentally", "on board", "shark", "sharks", "crocodile", "crocodiles", "alligator",
    "mauled", "mauling", "bear attack", "dog attack", "pit bull", "leopard", "tiger", "elephant", "elephants",
    "hippo", "snakebite", "jellyfish", "stampeded", "unexploded", "wartime", "world war", "old ordnance",
    "leftover ordnance",
    "gas explosion", "gas cylinder", "cylinder exploded", "boiler", "foul play", "hunting accident",
    "by a dog", "by dogs", "by the dog", "by two dogs", "by a pack of dogs", "by stray dogs", "by a bear",
    "by a wolf", "by wolves", "by a bull", "by bees", "by a swarm",
    "friendly fire", "self-defence", "self-defense", "self-inflicted", "took his own life",
    "took her own life", "died by suicide", "committed suicide",
    "collided", "collides", "overturned", "skidded", "veered", "lost control", "head-on", "leaking", "leaked",
    "ransomware", "cyberattack", "cyberattacks", "cyber-attack", "cyber attack", "cyber attacks",
    "hackers", "malware", "data breach", "ddos", "phishing",
}  # fmt: skip
# Of those, the words that are also attack verbs ("gunmen storm a hotel"): a veto only as nouns.
NON_VIOLENT_NOUN_ONLY = {"storm", "storms"}
# Phrases in which an attack word is a figure of speech or a sport's term.
FIGURATIVE_PHRASES = (
    "fired at goal", "fired wide", "fired over the bar", "fought off", "fight off", "fighting off",
    "controlled implosion", "implosion",
    "give it a shot", "gave it a shot", "moon shot", "moonshot", "long shot", "parting shot", "shot to fame",
    "shot at goal", "shot on goal", "shot on target", "shots on target", "shot at the goalkeeper",
    "shot to the top", "bombed out", "bomb out", "went off on", "go off on", "goes off on", "killing it",
    "killed it", "killer instinct", "attacked the ball", "attacking midfielder", "attacking play", "shot up",
    "shoot for the stars", "shoot the breeze", "took a shot at", "takes a shot at", "take a shot at",
    "blew away", "blown away", "exploded into life", "exploded onto the scene", "set off for", "set off on",
    "set off from", "ambushed by reporters", "stormed to victory", "stormed off", "stormed out",
    "storm of criticism", "political bombshell", "bombshell", "box office", "bomb at the box office",
    "cessation of hostilities", "end to hostilities", "end of hostilities", "end to the fighting",
    "end the fighting", "halt to the fighting", "stop the fighting",
    "shot himself in the foot", "shot themselves in the foot",
    "blistering attack", "scathing attack", "stinging attack", "withering attack", "verbal attack",
    "verbal attacks", "personal attack", "personal attacks", "attack ads", "attack ad",
    "attack helicopter", "attack helicopters", "attack aircraft", "attack jets", "attack drones",
    "attack submarine", "attack submarines", "attack dog", "attack dogs", "firing blanks",
    "without a shot", "without firing a shot", "character assassination", "political assassination",
    "assassination of my character",
    "assassination of his character", "assassination of her character",
    "time bomb", "ticking bomb", "bomb waiting to go off", "bomb waiting to explode",
    "hostage to", "country hostage", "nation hostage", "state of siege", "social explosion",
    "population explosion", "political explosion", "demographic explosion", "explosion of anger",
    "atomic bomb", "atomic bombs", "atom bomb", "nuclear bomb", "nuclear bombs", "hydrogen bomb",
    "economy hostage", "families hostage", "consumers hostage", "voters hostage", "process hostage",
    "controlled explosion", "controlled explosions", "controlled detonation", "controlled detonations",
    "controlled blast", "controlled blasts", "killing off", "killed off", "kill off", "kills off",
    "killed the game", "kill the game", "killed the match", "attack-minded", "pace attack", "bowling attack",
    "spin attack", "seam attack", "fired out", "firing out",
)  # fmt: skip
# Words right before an attack word that deny it: "no evidence of arson", "ruled out a bombing".
NEGATING_LEADS = (
    "no evidence of", "no sign of", "no signs of", "no indication of", "ruled out", "rule out", "ruling out",
    "not a", "not an", "rather than", "no suspicion of", "there was no", "there were no", "there has been no",
    "there have been no", "there had been no",
)  # fmt: skip
# Words that deny what the rest of their clause reports: "the army denied reports that a post had
# been attacked", "we deny that the commander was killed".
DENIAL_LEADS = (
    "denied that", "denies that", "deny that", "denying that", "denied reports that", "denied reports of",
    "denies reports that", "denied rumours that", "denied rumors that",
)  # fmt: skip
# Clause words that put an attack in a story, a game, a trial or a plan, not in the news of one.
NOT_REAL_CUES = {
    "film", "films", "movie", "movies", "novel", "novels", "videogame", "gameplay", "episode", "episodes",
    "documentary", "trailer", "sequel", "screenplay", "starring", "thriller", "franchise",
    "pleaded", "pleads", "plea", "convicted", "acquitted", "sentenced", "sentencing", "jury", "verdict",
    "indicted", "trial", "exercise", "exercises", "drill", "drills", "simulation",
    "video game", "computer game", "gamers", "players can", "game lets", "lets players",
    "mock", "replica", "replicas", "role-players", "rehearsal", "rehearsed", "cinemas", "premiere",
    "premiered", "multiplayer", "single-player", "playable", "cutscene", "cutscenes", "playthrough",
    "weapons test", "weapons tests", "test-fires", "test-firing", "missile test", "missile tests",
    "test-fired", "test-fire",
    "test launch", "test launches", "dlc", "simulated", "into the sea", "into the ocean", "economic zone",
    "charged with", "firing range", "shooting range", "training range", "rifle range", "target practice",
    "live-fire", "live fire", "practise shooting", "practice shooting", "practising shooting",
    "practicing shooting", "shooting practice",
}  # fmt: skip
# Real people and places named by those words, where an attack is news: "a trial court judge was
# shot dead", "a gunman opened fire in a movie theater".
REAL_USES_OF_NOT_REAL_CUES = (
    "trial court", "trial courts", "trial judge", "trial judges", "movie theater", "movie theaters",
    "movie theatre", "movie theatres", "film crew", "film crews", "film festival", "exercise yard",
)  # fmt: skip
# Verbs of intent before "to": "threatened to bomb" reports no bombing.
INTENT_VERBS = {
    "threaten", "threatened", "threatening", "threatens", "plan", "planned", "planning", "plans", "plot",
    "plotted", "plotting", "vow", "vowed", "vows", "warn", "warned", "conspired", "conspiring", "intend",
    "intended", "intends", "wanted", "wants", "want", "urged", "called", "pledged", "promised", "effort",
    "efforts",
}  # fmt: skip
# Verbs that demand or tell an end to violence before its gerund: "stop murdering civilians",
# "must cease all bombing".
CEASE_VERBS = {"stop", "stops", "stopped", "cease", "ceased", "ceases", "halt", "halted", "end", "quit"}
# Words that make an attack word hypothetical or generic rather than a report of one: a modal
# before the verb ("would strike", "could have killed"), a conditional opening the clause ("if the
# rebels strike"), a generic determiner ("any kind of violence"), a call for one ("calls for the
# murder of").
MODAL_VERBS = {"would", "could", "should", "must", "might", "may", "can", "shall", "will", "'d"}
MODAL_FILLERS = {"not", "never", "also", "ever", "have", "be", "n't", "still", "easily", "then"}
CONDITIONAL_LEADS = {"if", "unless", "whether", "should"}
GENERIC_LEADS = ("any", "any form of", "any kind of", "any type of", "all forms of", "every form of",
                 "the use of", "cases of")  # fmt: skip
# Words that make what follows a danger, not an event: "the danger of his being shot", "the risk
# of a bomb attack".
RISK_LEADS = ("danger of", "dangers of", "risk of", "risks of", "fear of", "fears of", "threat of",
              "possibility of", "prospect of", "likelihood of", "spectre of", "specter of", "to be used in",
              "for use in", "intended for", "meant for", "preparing", "possible", "potential", "future",
              "eventual", "imminent")  # fmt: skip
CALL_FOR_VERBS = {"call", "calls", "called", "calling", "appeal", "appealed", "incited", "incite", "inciting"}
# Objects that make "attacked" a criticism: "attacked each other's policies".
ABSTRACT_OBJECTS = {
    "policy", "policies", "plan", "plans", "proposal", "proposals", "decision", "decisions", "record",
    "remarks", "comments", "idea", "ideas", "bill", "law", "budget", "reforms", "report", "claims", "stance",
    "handling", "leadership", "views", "position", "performance", "strategy", "rhetoric",
    "credibility", "character", "integrity", "ruling", "verdict", "deal", "agreement", "media", "press",
    "democracy", "freedom", "freedoms", "sovereignty", "honor", "honour", "dignity", "homeland",
    "constitution", "values", "rights", "liberty", "liberties", "reputation", "independence",
}  # fmt: skip
# Words that make a document a sports report (events/genre.py).
SPORT_TERMS = {
    "goal", "goals", "goalkeeper", "striker", "midfielder", "defender", "match", "league", "cup",
    "tournament", "championship", "season", "coach", "fixture", "scored", "scoring", "penalty", "innings",
    "wicket", "batsman", "bowler", "boxer", "knockout", "semi-final", "quarter-final", "final", "team",
    "squad", "club", "fans", "win", "victory", "defeat", "draw", "points", "lap", "olympic", "olympics",
    "medal", "playoff", "playoffs", "referee", "half-time", "halftime", "kick-off", "derby", "title", "rugby",
    "football", "soccer", "cricket", "tennis", "basketball", "baseball", "hockey", "athletics", "race",
    "wickets", "overs", "powerplay", "wicketkeeper", "batting", "bowling", "three-pointers", "three-pointer",
    "rebounds", "assists", "quarterback", "touchdown", "touchdowns", "streak", "standings", "prix",
    "podium", "laps", "qualifying", "medals", "gold", "silver", "bronze", "seeded", "tiebreak",
    "heavyweight", "chess", "grandmaster", "esports", "scoreline", "hat-trick", "relegation", "bowled",
    "batted", "runs-chase", "run-chase", "wicket-keeper", "free-kick", "free-throw", "free-throws",
    "bout", "ufc", "mma", "uppercut", "ground-and-pound", "hook", "opponent", "yorkers", "yorker",
    "play-off", "play-offs", "substitute", "equaliser", "equalizer", "stoppage-time", "injury-time",
    "bantamweight", "featherweight", "lightweight", "welterweight", "middleweight", "flyweight",
    "cruiserweight", "super-bantamweight", "sparring", "batter", "batters", "inswinging", "inswinger",
    "new-ball", "lbw", "stumps", "kingside", "queenside", "rook", "checkmate", "pawn", "pawns", "gambit",
    "pointers", "first-quarter", "second-quarter", "third-quarter", "fourth-quarter", "rebound", "dunk",
    "layup", "nba", "nfl", "nhl", "mlb", "fifa", "uefa", "midfield", "winger", "keeper", "nets", "netted",
}  # fmt: skip
# Nouns an attack word can qualify, which are then what the clause speaks of: "murder cases", "the
# bomb squad", "a bomb threat", "kidnapping charges".
QUALIFIED_NOUNS = {
    "case", "cases", "charge", "charges", "trial", "trials", "investigation", "investigations", "inquiry",
    "probe", "squad", "squads", "suspect", "suspects", "threat", "threats", "scare", "scares", "hoax",
    "hoaxes", "plot", "plots", "law", "laws", "disposal", "detector", "detectors", "shelter", "shelters",
    "proof", "warning", "warnings", "alert", "alerts", "convictions", "conviction", "rate", "rates",
    "rifle", "rifles", "weapon", "weapons", "troops", "course",
}  # fmt: skip
# Words that make a document a review, a game post or a drill (events/genre.py); too common in
# the news to veto a clause on their own, as NOT_REAL_CUES do.
TOLD_DOCUMENT_TERMS = {
    "review", "reviewed", "reviewer", "director", "debut", "chapters", "chapter", "novelist", "author",
    "cast", "plot", "protagonist", "paperback", "hardback", "publisher", "readers", "netflix", "streaming",
    "dlc", "gaming", "gamer", "gamers", "respawn", "simulated", "role players", "volunteers made up",
    "stars", "feature", "box office",
}  # fmt: skip
# Words that make a document a political or business story (events/genre.py), where "attacked the
# bill", "kills jobs" and "a raid on its shares" are figures of speech.
DEBATE_TERMS = {
    "budget", "bill", "parliament", "parliamentary", "opposition", "senator", "lawmakers", "election",
    "elections", "campaign", "policy", "policies", "reform", "reforms", "treasury", "shares", "stock",
    "shareholders", "takeover", "investors", "prices", "inflation", "economy", "economic", "tariffs",
    "profits", "earnings", "merger", "board", "chief executive", "bid", "offer", "finance", "taxes",
    "voters", "rally", "poll", "polls", "criticism", "critics",
}  # fmt: skip
# Statements that a death was an accident, wherever they stand: "there was no indication of foul
# play", "caused by an overheated reactor".
ACCIDENT_STATEMENTS = (
    "foul play", "negligence", "overheated", "malfunction", "safety lapse", "safety standards",
    "mine collapsed", "cave-in", "electrical fault", "short circuit", "short-circuit",
    "fireworks factory", "fireworks market", "fireworks warehouse", "fireworks workshop", "fireworks store",
    "fireworks shop", "fireworks depot", "fireworks plant", "firework factory", "firecracker factory",
    "no evidence of arson", "ruled out arson", "caused by electrical", "caused by a faulty",
    "caused by faulty",
    "no militant involvement", "no terror link", "no link to terrorism", "not terror-related",
    "not terrorism-related",
)  # fmt: skip
# Verbs of a trend: "knife attacks rose 20% last year" counts attacks, it reports none.
TREND_VERBS = {
    "rose", "risen", "rise", "rising", "fell", "fallen", "increased", "decreased", "doubled", "tripled",
    "declined", "dropped", "surged", "jumped", "soared", "halved", "climbed",
}  # fmt: skip

# Determiners and quantifiers that make a plural attack noun a tally of many incidents.
AGGREGATE_MARKERS = {
    "series", "spate", "wave", "string", "several", "many", "such", "these", "those", "recent", "numerous",
    "some", "multiple", "dozens", "hundreds", "scores", "most", "frequent", "repeated", "previous",
    "past", "other", "similar", "countless", "various", "all", "of",
}  # fmt: skip
# Attackers as patients: "the bomber was shot by guards" describes the response, not the attack.
ATTACKER_NOUNS = {
    "bomber", "bombers", "attacker", "attackers", "assailant", "assailants", "gunman", "gunmen",
    "hijacker", "hijackers", "kidnapper", "kidnappers", "perpetrator", "perpetrators", "shooter",
    "suspect", "suspects", "terrorist", "terrorists",
}  # fmt: skip
# Heads of the phrases that name the individual perpetrators ("two gunmen", "urban guerrillas").
PERPETRATOR_HEADS = (ATTACKER_NOUNS - {"suspect", "suspects"}) | {
    "abductor", "abductors", "shooters", "guerrilla", "guerrillas", "guerilla", "guerillas", "rebel",
    "rebels", "militant", "militants", "insurgent", "insurgents", "subversive", "subversives", "extremist",
    "extremists", "jihadist", "jihadists", "militiamen", "assassin", "assassins", "sniper", "snipers",
    "killer", "killers", "murderer", "murderers", "bandit", "bandits", "narcoterrorist", "narcoterrorists",
    "raiders", "arsonist", "arsonists", "hitman", "hitmen",
}  # fmt: skip
# People in general: perpetrators only as the doer and when described as such ("unidentified men").
PERSON_HEADS = {"men", "man", "individuals", "individual", "persons", "person", "youths", "people"}
PERPETRATOR_DESCRIPTIONS = {
    "unidentified", "unknown", "armed", "masked", "hooded", "heavily", "suspected", "uniformed",
}  # fmt: skip
# Bands of perpetrators, when a perpetrator word qualifies them ("guerrilla column", "terrorist commando").
PERPETRATOR_UNITS = {
    "column", "columns", "commando", "commandos", "squad", "squads", "unit", "units", "cell", "cells", "band",
    "gang", "gangs", "group",
}  # fmt: skip
# Weapons as written: heads (singular; plurals are generated) of the phrases the rules keep.
WEAPON_HEADS = (
    "bomb", "car bomb", "truck bomb", "car-bomb", "letter bomb", "parcel bomb", "pipe bomb", "dynamite",
    "explosive", "explosives", "explosive device", "explosive charge", "dynamite charge",
    "charge of dynamite", "dynamite stick", "stick of dynamite", "ied", "landmine", "land mine", "booby trap",
    "grenade", "rocket",
    "missile", "mortar", "mortar round", "mortar shell", "shell", "rpg", "rocket-propelled grenade",
    "rifle", "assault rifle", "machinegun", "machine gun", "submachinegun", "submachine gun", "pistol",
    "revolver", "handgun", "shotgun", "gun", "firearm", "automatic weapon", "assault weapon", "ak-47",
    "ak 47", "kalashnikov", "m-16", "bullet", "knife", "machete", "axe", "sword", "molotov cocktail",
    "petrol bomb", "firebomb", "incendiary device", "suicide vest", "explosive vest", "explosive belt",
    "suicide belt", "drone", "tnt", "c-4", "semtex", "acid",
)  # fmt: skip
# Adjectives that say an attack noun names a different, earlier incident.
EARLIER = {"previous", "earlier", "last", "prior", "similar", "another", "separate", "former"}
# Markers before a date that place it outside the event ("since August 2021", "until then").
OUTSIDE_EVENT_DATE = {"since", "until", "till", "after", "before", "following", "ahead", "by"}

CLAIM_PHRASES = (
    "claimed responsibility", "claims responsibility", "claiming responsibility", "claim responsibility",
    "claimed the", "claimed an", "claimed a", "claimed it", "claims the", "claimed", "claims", "claimed by",
    "took responsibility", "taken responsibility", "takes responsibility", "claim of responsibility",
    "admitted responsibility", "accepted responsibility", "said it carried out", "said it was behind",
    "said they carried out", "claimed credit",
)  # fmt: skip
ATTRIBUTION_PHRASES = (
    "blamed", "blames", "blaming", "attributed to", "attributes", "suspected", "suspect", "suspects",
    "believed to be", "believed to have", "hallmarks of", "accused", "accuses", "thought to be",
    "is behind", "was behind", "were behind", "are behind", "responsible for", "said to be",
    "line of inquiry", "line of enquiry", "prime suspect", "main suspect", "chief suspect", "the work of",
    *(
        f"{verb} {deed} {preposition}"
        for verb, preposition in (("attributed", "to"), ("attributes", "to"), ("attributing", "to"),
                                  ("blamed", "on"), ("blames", "on"), ("blaming", "on"), ("pinned", "on"))
        for deed in ("it", "the attack", "the attacks", "the bombing", "the blast", "the explosion",
                     "the killing", "the killings", "the assault", "the ambush", "the abduction",
                     "the kidnapping", "the massacre", "the raid", "the shooting", "the incident",
                     "the assassination", "the violence", "the blame")
    ),
)  # fmt: skip
NO_CLAIM_PHRASES = (
    "no group has claimed", "no group claimed", "no one has claimed", "no one claimed", "nobody has claimed",
    "no immediate claim", "no claim of responsibility", "not claimed", "has yet to claim",
    "have yet to claim",
    "did not claim", "denied responsibility", "denied involvement", "denies responsibility",
    "no group immediately claimed", "no one immediately claimed", "not immediately claimed",
    "no one took responsibility", "no group took responsibility", "unclaimed",
)  # fmt: skip

# Words that make a suicide cue false: "a fake suicide vest".
NOT_SUICIDE = ("fake", "hoax", "dummy", "imitation", "replica", "fake-looking")
SUICIDE_CUES = (
    "suicide", "blew himself up", "blew herself up", "blew themselves up", "self-immolation",
    "explosive belt", "explosive vest", "suicide vest", "martyrdom operation",
)  # fmt: skip

# Event type cues (regular expressions, matched from a word start) in GTD's hierarchy order: the
# first type found wins. A vehicle driven into people is an unarmed assault with a vehicle weapon.
DRIVING_VERBS = frozenset({
    "drove", "driven", "driving", "drives", "ploughed", "plowed", "ploughing", "plowing", "rammed", "ramming",
    "slammed", "mowed", "crashed",
})  # fmt: skip
RAMMING = (
    rf"(?:{'|'.join(sorted(DRIVING_VERBS))}) "
    r"(?:[\w-]+ ){0,5}(?:into|through|down) (?:[\w-]+ ){0,2}"
    r"(?:crowds?|people|pedestrians|shoppers|worshippers|revellers|protesters|passers-by|market)"
)
# Cue groups that name both an attack type and its weapon.
EXPLOSION = (
    "bomb", "explos", "explod", "blast", "detonat", "ied\\b", "grenade", "mortar", "rocket", "landmine",
    "land mine", "went off", "set off", "blew up", "blew (?:him|her|them)sel", "drones?\\b", "missile",
)  # fmt: skip
GUNFIRE = (
    "shoot", "shot", "gunm[ae]n", "gunfire", "gunned", "rifle", "sniper", "firearm", "opened fire",
    "open fire", "opening fire", "exchange of fire", "firefight", "gun ?battle", "gunfight", "shootout",
    "fir(?:ed|ing|es) (?:on|at)\\b", "machine-?gunn", "riddled with bullets", "sprayed with bullets",
    "strafed",
)  # fmt: skip
FIRE_SETTING = (
    "arson", "set(?:ting)? fire", "set(?:ting)? (?:[\\w-]+ ){0,3}(?:ablaze|alight|on fire)", "torch",
    "burn(?:ed|t|ing) down", "petrol bomb", "firebomb", "(?:deliberately|intentionally) (?:set|started)",
    "set deliberately",
)  # fmt: skip
TYPE_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("assassination", ("assassinat", "assassin")),
    ("hijacking", ("hijack", "commandeered", "skyjack")),
    ("kidnapping", ("kidnap", "abduct", "taken captive", "held for ransom", "snatched")),
    ("hostage_taking", ("hostage", "barricad", "siege")),
    ("armed_clash", ("clash", "fighting between", "fighting broke out", "heavy fighting",
                     "fierce fighting", "hostilities", "battle between", "fought")),
    ("bombing", (*EXPLOSION, "suicide attack", "blown up", "blow(?:ing)? up", "shell(?:ing|ed)\\b",
                 "shells? (?:hit|struck|landed|fell)", "artiller", "air ?strikes?\\b", "air raids?\\b",
                 "bombard", "warplane")),
    ("armed_assault", (*GUNFIRE, "stabb", "stormed", "raid", "ambush", "machete", "knife", "massacre",
                       "hacked", "rampage", "stab", "assault", "beheaded")),
    ("unarmed_assault", (RAMMING, "beaten", "lynch", "poison", "acid", "chemical", "gas attack", "punched",
                         "beat to death", "ston(?:ed|ing)\\b", "pelted",
                         "(?:hurled|threw) (?:stones|rocks)")),
    ("facility_attack", (*FIRE_SETTING, "sabotag", "vandalis", "vandaliz")),
)  # fmt: skip

WEAPON_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("explosives", (*EXPLOSION, "dynamite", "tnt\\b")),
    ("firearms", (*GUNFIRE, "guns?\\b", "pistol", "bullet", "ak-47", "kalashnikov", "machine-gun",
                  "automatic weapons", "assault weapon")),
    ("incendiary", (*FIRE_SETTING, "molotov", "fire bomb", "incendiary", "doused")),
    ("melee", ("knife", "knives", "machete", "stabb", "stab\\b", "axe", "sword", "hacked", "blade",
               "beaten", "hammer", "beat to death", "behead", "stones\\b", "ston(?:ed|ing)\\b", "rocks\\b")),
    ("chemical", ("acid", "poison", "chemical", "toxic gas", "nerve agent", "chlorine", "sarin")),
    ("vehicle", (RAMMING, "car attack", "truck attack", "vehicle attack", "vehicle-ramming",
                 "ramming attack")),
)  # fmt: skip
# What kind of attack it was, within its GTD type, when the text says (first cue found wins).
SUBTYPE_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("drone_strike", ("drones?\\b",)),
    ("air_strike", ("air ?strikes?\\b", "air raids?\\b", "warplane", "fighter jets?", "helicopter gunship")),
    ("shelling", ("shell(?:ing|ed)\\b", "shells? (?:hit|struck|landed|fell)", "artiller", "bombard")),
    ("rocket_attack", ("rocket", "missile", "rpg")),
    ("mortar_attack", ("mortar",)),
    ("incendiary_balloon", ("incendiary balloons?",)),
    ("suicide_bombing", ("suicide (?:bomb|attack|vest|belt|car)", "blew (?:him|her|them)sel")),
    ("vehicle_bomb", ("car[- ]bomb", "truck[- ]bomb", "vehicle[- ]borne", "vbied")),
    ("roadside_bomb", ("roadside", "\\bied\\b", "improvised explosive", "landmine", "land mine")),
    ("grenade_attack", ("grenade",)),
    ("vehicle_ramming", (RAMMING, "ramming")),
    ("stoning", ("ston(?:ed|ing)\\b", "pelted", "(?:hurled|threw) (?:stones|rocks)")),
)  # fmt: skip
# An attack that did not succeed: defused, intercepted, foiled, or failed to go off.
ATTEMPT_CUES = (
    "defused", "defuse", "defusing", "intercepted", "foiled", "thwarted", "failed to explode",
    "failed to detonate", "did not explode", "didn't explode", "failed to go off", "dismantled", "disarmed",
    "before he could", "before she could", "before they could", "attempted", "failed attack",
    "failed attempt", "attempt on", "unsuccessful", "assassination attempt",
)  # fmt: skip
# People whose targeted killing GTD codes as an assassination.
PROMINENT_ROLES = {
    "judge", "mayor", "governor", "official", "minister", "lawmaker", "legislator", "senator", "mp",
    "councillor", "councilor", "deputy", "cleric", "imam", "priest", "bishop", "pastor", "rabbi",
    "journalist", "reporter", "editor", "commander", "general", "colonel", "chief", "leader", "prosecutor",
    "candidate", "politician", "activist", "ambassador", "diplomat", "president", "sheikh", "elder",
    "headman", "chairman", "spokesman", "director", "governor's", "magistrate", "administrator",
}  # fmt: skip
# Offices held over a place: "the mayor of X" names where its holder lives and works, a place to
# locate the attack by when the text names no other.
LOCAL_OFFICES = {
    "mayor", "governor", "headman", "administrator", "councillor", "councilor", "prefect", "sheriff",
}  # fmt: skip
# Weapon types that imply the attack type when no explicit type cue is present.
TYPE_OF_WEAPON = {
    "explosives": "bombing",
    "firearms": "armed_assault",
    "melee": "armed_assault",
    "incendiary": "facility_attack",
    "vehicle": "unarmed_assault",
    "chemical": "unarmed_assault",
}

# Target nouns (singular, plural) and the SCHEMA target type they name. Institutions outrank people.
TARGETS: dict[str, tuple[str, ...]] = {
    "diplomatic": ("embassy", "embassies", "consulate", "consulates", "diplomatic mission", "diplomat",
                   "diplomats", "ambassador", "consul", "diplomatic representation", "legation",
                   "high commission"),
    "religious": ("mosque", "mosques", "church", "churches", "temple", "temples", "synagogue",
                  "synagogues", "shrine", "shrines", "hussainiya", "husseiniya", "imambargah", "gurdwara",
                  "pagoda", "monastery", "cathedral", "chapel", "madrassa", "madrasa", "madrassah",
                  "seminary", "cleric", "clerics", "imam", "imams", "priest", "priests", "pastor",
                  "worshippers", "worshipers", "pilgrims", "congregation", "monk", "monks", "rabbi", "nun",
                  "prayer hall", "place of worship", "parish", "bishop"),
    "educational": ("school", "schools", "university", "universities", "college", "colleges", "students",
                    "student", "pupils", "schoolchildren", "schoolgirls", "schoolboys", "teacher", "teachers",
                    "campus", "classroom", "dormitory", "educational center", "education center",
                    "kindergarten", "academy", "tutoring centre", "tutoring center", "education centre",
                    "educational centre", "learning centre", "learning center", "training centre"),
    "police": ("police", "policeman", "policemen", "police officer", "police officers", "police station",
               "police post", "policewoman", "constable", "gendarmerie", "gendarmes", "gendarme",
               "police checkpoint", "patrol", "officers"),
    "military": ("soldier", "soldiers", "troops", "army", "military base", "base", "barracks",
                 "military", "checkpoint", "outpost", "garrison", "servicemen", "marines", "peacekeepers",
                 "battalion", "brigade", "military camp", "army post", "navy", "air force",
                 "military convoy", "army convoy", "military vehicle", "army vehicle", "military patrol",
                 "army patrol"),
    "government": ("ministry", "government office", "government building", "parliament", "governor",
                   "mayor", "minister", "official", "officials", "lawmaker", "senator", "judge", "magistrate",
                   "mp", "mps", "councillor", "councillors", "councilor", "legislator",
                   "member of parliament", "court",
                   "courthouse", "town hall", "city hall", "council", "president", "politician", "candidate",
                   "polling station", "election office", "district headquarters", "government compound",
                   "administration building", "prison", "jail", "regime"),
    "business": ("market", "marketplace", "shop", "shops", "store", "bank", "hotel", "restaurant", "cafe",
                 "bar", "nightclub", "club", "mall", "shopping centre", "shopping center", "company",
                 "factory", "mine", "plantation", "supermarket", "businessman", "traders", "merchants",
                 "farm", "concert", "concert hall", "concert venue", "venue", "stadium", "cinema", "casino",
                 "theatre", "theater", "arena", "warehouse", "dealership", "commercial establishment",
                 "office", "offices", "building", "premises", "facilities", "installations"),
    "transportation": ("bus", "buses", "train", "airport", "station", "railway", "passengers", "minibus",
                       "ferry", "taxi", "highway", "bus station", "train station", "metro", "subway",
                       "aircraft", "plane", "airliner", "flight", "boat", "truck", "lorry", "bridge"),
    "journalists_media": ("journalist", "journalists", "photojournalist", "reporter", "reporters",
                          "newspaper", "broadcaster",
                          "tv station", "radio station", "media office", "cameraman", "photographer",
                          "editor", "television station", "news agency"),
    "ngo": ("aid worker", "aid workers", "ngo", "charity", "humanitarian", "aid convoy", "relief workers",
            "red cross", "red crescent", "msf", "medecins sans frontieres", "doctors without borders"),
    "utilities": ("power station", "power plant", "pipeline", "power line", "power lines", "pylon",
                  "electricity", "water supply", "dam", "gas pipeline", "oil pipeline", "substation",
                  "power grid", "refinery", "electric tower", "electricity tower", "tension tower",
                  "voltage tower", "transmission tower", "power pole", "electricity pole",
                  "electric pole", "power pylon", "electricity pylon"),
    "telecommunication": ("telecom", "mobile phone mast", "phone mast", "cell tower", "telecommunication",
                          "telecommunications", "communication tower", "mast", "antenna"),
    "tourists": ("tourist", "tourists", "holidaymakers", "sightseers", "tour bus", "tour group"),
    "non_state_militia": ("militia", "militiamen", "rebels", "militants", "fighters", "insurgents",
                          "vigilantes", "vigilante", "jihadists"),
    "private_citizens": ("civilians", "civilian", "villagers", "village", "villages", "residents", "people",
                         "family", "families", "farmers", "herders", "wedding", "funeral", "crowd", "home",
                         "house", "homes", "houses", "women", "children", "man", "woman", "neighbourhood",
                         "residence", "apartment", "car",
                         "neighborhood", "camp", "displaced", "refugees", "refugee camp", "shoppers",
                         "pedestrians", "commuters", "worshippers'", "protesters", "demonstrators",
                         "rally", "gathering", "festival", "party", "hospital", "patients", "doctors",
                         "clinic", "christians", "muslims", "hindus", "shias", "shiites", "sunnis",
                         "minority", "elder", "elders", "tribal elder", "tribal elders"),
}  # fmt: skip
# Target words that take their owner's kind: "his home" is the judge's, so the person named beside
# it is the target; "a house" or "the homes" stand for themselves.
OWNED_TARGETS = {"residence", "home", "house", "car", "cars", "apartment", "office", "offices"}
# Target words that say what was hit but not whose it was: any more telling target word in the
# clause gives the kind ("the building of a TV station" is the media's).
GENERIC_TARGETS = {"office", "offices", "building", "buildings", "premises", "facilities", "installations"}
POSSESSIVE_PRONOUNS = {"his", "her", "their", "its"}
# Prepositions and verbs after which a noun is what the attack aimed at.
TARGET_LEAD_INS = {
    "on", "against", "at", "near", "outside", "inside", "targeting", "targeted", "targets", "hit", "struck",
    "stormed", "attacked", "bombed", "into", "of", "in", "rocked", "raided", "destroyed", "damaged",
    "torched", "burned", "burnt", "to", "carrying", "up", "dynamited", "wrecked",
}  # fmt: skip

# Words after a date that make it a name ("21 October road", "July 26 Avenue").
STREET_WORDS = {
    "road", "street", "st", "avenue", "ave", "square", "bridge", "boulevard", "highway", "roundabout",
    "intersection", "junction", "stadium", "hospital", "district", "neighbourhood", "neighborhood", "camp",
}  # fmt: skip
# Reporting verbs: a date next to them is when something was said, not when the attack happened.
REPORTING = {"said", "says", "told", "statement", "announced", "reported", "tweeted", "posted", "added",
             "broadcast", "published", "confirmed", "claimed", "claims", "called", "described", "termed",
             "stated", "warned"}  # fmt: skip

# Whom security forces shoot in a response or an arrest, not in an attack: "police shot dead a
# suspected armed robber".
RESPONSE_OBJECTS = {
    "robber", "robbers", "criminal", "criminals", "thief", "thieves", "smuggler", "smugglers", "bandit",
    "bandits", "fugitive", "fugitives", "gangster", "gangsters", "kidnapper", "kidnappers", "hijacker",
    "hijackers",
}  # fmt: skip
# Words of a state's own forces' names ("the Royal Air Force", "the National Guard"): never an
# armed group of its own.
STATE_WORDS = {
    "national", "armed", "air", "special", "security", "royal", "presidential", "border", "federal",
    "state", "police", "defence", "defense", "republican", "guard", "naval", "people's",
}  # fmt: skip
# Security forces: violence "by police" during an attack is the response, not the attack.
RESPONDERS = {"police", "guards", "troops", "soldiers", "forces", "security", "army", "officers"}
