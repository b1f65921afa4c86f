"""The baseline's hand-written word lists: triggers per event type, modality cues, actors, weapons, victims.

These are the *seed* lexicon. :mod:`eventgold.eval.baseline` estimates from the training split
how often each entry really is a trigger (and of which type) and learns further trigger words,
names and places from the training gold; the lists here only say what to look for.

Patterns are Python regular expressions matched case-insensitively at word boundaries unless
noted; each trigger entry has a *key* (what the training statistics are kept under).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventgold.schema import EVENT_TYPES, ActorType, EventType, Modality, VictimCategory, WeaponCategory

E = EventType


@dataclass(frozen=True)
class TriggerEntry:
    """One seed trigger: a key, its pattern, its default type and how it behaves."""

    key: str
    pattern: str
    type: EventType | None
    anaphor: bool = False  # a general noun that usually refers back to an event already mentioned
    by_context: bool = False  # the type comes from the weapons named around it ("struck", "hit")


def _t(key: str, pattern: str, type_: EventType | None, **kw: bool) -> TriggerEntry:
    return TriggerEntry(key, pattern, type_, **kw)


TRIGGERS: list[TriggerEntry] = [
    # air and drone strikes
    _t("airstrike", r"air[\s-]?strikes?|air[\s-]?raids?|aerial\s+(?:bombardment|attacks?|strikes?|bombing)", E.AIR_DRONE_STRIKE),
    _t("drone strike", r"drone\s+(?:strikes?|attacks?)|UAV\s+strikes?|loitering[\s-]munitions?\s+(?:strikes?|attacks?)",
       E.AIR_DRONE_STRIKE),
    _t("bombed", r"bomb(?:ed|ing|s)\b(?=[^.]{0,40}\b(?:jets?|aircraft|warplanes?|planes?|helicopters?|air\s+force))",
       E.AIR_DRONE_STRIKE),
    _t("strike", r"strikes?|struck|striking", None, by_context=True),
    _t("hit", r"hit|hitting", None, by_context=True),
    # shelling, rockets, missiles
    _t("shelling", r"shell(?:ing|ed)|artillery\s+(?:fire|attacks?|barrages?|strikes?)|bombard(?:s|ed|ing|ments?)?|"
       r"indirect\s+fire",
       E.SHELLING_MISSILE_ATTACK),
    _t("rocket attack", r"(?:rocket|mortar|missile|katyusha)\s+(?:attacks?|fire|strikes?|barrages?|salvos?)",
       E.SHELLING_MISSILE_ATTACK),
    _t("barrage", r"barrages?|salvos?", E.SHELLING_MISSILE_ATTACK),
    _t("fired rockets", r"(?:fired|launched|lobbed)\s+(?:(?:at\s+least|more\s+than|some|about|around)\s+)?"
       r"(?:[\w-]+\s+)?(?:rockets?|mortars?|missiles?|mortar\s+rounds|shells|projectiles)", E.SHELLING_MISSILE_ATTACK),
    # remote explosives
    _t("ied", r"IEDs?|improvised\s+explosive\s+devices?|roadside\s+bomb(?:s|ing)?|explosive\s+devices?", E.REMOTE_EXPLOSIVE),
    _t("blast", r"blasts?|explosions?|explod(?:ed|ing)|detonat(?:ed|ion|ing)|went\s+off|set\s+off|blew\s+up|"
       r"defused|stepped\s+on", E.REMOTE_EXPLOSIVE),
    _t("bombing", r"bombings?|bomb\s+attacks?|car\s+bombs?|bombs?", E.REMOTE_EXPLOSIVE),
    _t("landmine", r"(?:land)?mines?|grenade\s+attacks?|grenades?", E.REMOTE_EXPLOSIVE),
    # suicide bombs
    _t("suicide", r"suicide\s+(?:bomb(?:ing|er|ers)?s?|attacks?|car\s+bomb(?:ing)?s?|blasts?|vests?|(?:truck|vehicle)\s+bombs?)"
       r"|S?VBIEDs?|blew\s+(?:himself|herself|themselves)\s+up", E.SUICIDE_BOMB),
    # armed clashes
    _t("clash", r"clash(?:es|ed|ing)?|confrontations?|fought|retook|recaptured|overran", E.ARMED_CLASH),
    _t("fighting", r"fighting|firefights?|gun\s?battles?|gunfights?|skirmish(?:es)?|battles?|battled|"
       r"exchanges?\s+of\s+(?:gun)?fire|exchanged\s+(?:gun)?fire|heavy\s+fighting|engaged", E.ARMED_CLASH),
    _t("ambush", r"ambush(?:es|ed)?", E.ARMED_CLASH),
    _t("offensive", r"offensives?|counter-?attacks?|counter-?offensives?", E.ARMED_CLASH),
    # attacks on people who cannot fight back
    _t("attack", r"attack(?:s|ed|ing)?|assaults?|assaulted", E.ATTACK, anaphor=True),
    _t("opened fire", r"opened\s+fire|open\s+fire|shot\s+dead|shot|shooting|shootings|gunfire|gunned\s+down", E.ATTACK),
    _t("raid", r"raid(?:s|ed)?|stormed|storming", E.ATTACK),
    _t("arson", r"arson|set\s+fire|set\s+ablaze|torched|burned\s+down|burnt\s+down", E.ATTACK),
    _t("massacre", r"massacres?|assassinat(?:ed|ion|ions)|executed|executions?|beheaded|"
       r"hacked\s+to\s+death|stabbed|stabbings?", E.ATTACK),
    _t("incident", r"incidents?", None, anaphor=True),
    _t("killed", r"kill(?:ed|ing|s)|killings?|died|deaths?", E.ATTACK, by_context=True),
    _t("fired", r"fired(?!\s+(?:rockets?|mortars?|missiles?|shells))|firing", None, by_context=True),
    _t("reprisal", r"reprisals?|beatings?|beaten|hijack(?:ed|ing)|hijackings?", E.ATTACK),
    # abductions
    _t("abduction", r"abduct(?:ed|ion|ions|ing|s)?|kidnap(?:ped|ping|pings|s)?|hostages?|taken\s+hostage|"
       r"held\s+captive|forcibly\s+disappeared|seized\s+(?=\w+\s+(?:people|civilians|workers|passengers))", E.ABDUCTION),
    # protests, riots, mobs
    _t("protest", r"protest(?:s|ed|ing|ers)?|demonstrat(?:ion|ions|ed|ors|ing)|rall(?:y|ies|ied)|sit-ins?|"
       r"(?-i:march(?:es|ed)?)|(?:general\s+)?strikes?\s+(?=by\s+\w+|over|against|called)|bandh|hartal|vigils?|"
       r"took\s+to\s+the\s+streets|(?:work\s+)?stoppages?|gather(?:ing|ings|ed)|marchers", E.PROTEST),
    _t("riot", r"riot(?:s|ed|ing|ers)?|unrest|looting|looted|violent\s+(?:protests?|demonstrations?)|"
       r"turned\s+violent|threw\s+(?:stones|rocks|petrol\s+bombs|molotov\s+cocktails)", E.RIOT),
    _t("mob", r"mobs?|lynch(?:ed|ing|ings)?|vigilantes?|beaten\s+to\s+death|beat\s+\w+\s+to\s+death", E.MOB_VIOLENCE),
    # alerts and measures
    _t("alert", r"(?:security\s+)?alerts?|advisor(?:y|ies)|warn(?:ed|ing|ings|s)?|cautioned|urged", E.SECURITY_ALERT),
    _t("curfew", r"curfews?|lockdowns?|state\s+of\s+(?:emergency|siege)|martial\s+law|sieges?|blockades?|"
       r"blockaded|halted|disrupted|outages?", E.SECURITY_MEASURE),
    _t("cordon", r"cordon(?:s|ed)?(?:\s+off)?|sealed\s+off|checkpoints?\s+(?=were\s+set|set\s+up)|roadblocks?", E.SECURITY_MEASURE),
    _t("closure", r"clos(?:ed|ure|ures|ing)|shut(?:\s+down)?|shutdowns?|suspend(?:ed|ing|s)?|suspensions?|"
       r"banned|bans?|restrictions?|blocked|evacuat(?:ed|ion|ions)", E.SECURITY_MEASURE),
    # arrests
    _t("arrest", r"arrest(?:s|ed|ing)?|detain(?:ed|ing|s)?|detentions?|apprehended|taken\s+into\s+custody|"
       r"rounded\s+up|captured|capture", E.ARREST),
    # deployments
    _t("deployment", r"deploy(?:ed|ment|ments|ing|s)?|reinforce(?:d|ments?)?|dispatched|redeployed|"
       r"(?:sent|send|sending)\s+(?=(?:\w+\s+){0,3}(?:troops|soldiers|forces|reinforcements|units|police|officers))|"
       r"(?:security|military|clearance|search|counter-?terrorism|cordon-and-search)\s+(?:operations?|sweeps?)|"
       r"sweeps?|patrols?\s+(?=were|have\s+been)", E.DEPLOYMENT),
    # statements
    _t("claim", r"claim(?:ed|s)?\s+(?:responsibility|credit)|claim(?:ed)?(?=\s+(?:the|that|an?)\b)|"
       r"claims?\s+of\s+responsibility|claims", E.STATEMENT),
    _t("denial", r"den(?:ied|ies|y|ial|ials)|commented|blamed|called\s+for|accusing", E.STATEMENT),
    _t("statement", r"statements?|announce(?:d|ment|s)|threaten(?:ed|s)?|vowed|condemn(?:ed|s)?|"
       r"accus(?:ed|es)|pledged", E.STATEMENT),
    # schema 2.0 types (entries placed last so the patterns above keep their matches)
    _t("interception", r"intercept(?:ed|ion|ions|s|ing)?|shot\s+down|downed|foiled|thwarted|neutrali[sz]ed", E.DISRUPTED_WEAPONS_USE),
    _t("hand grenade", r"hand\s+grenades?|(?:threw|hurled|tossed|lobbed)\s+(?:a\s+)?grenades?", E.GRENADE),
    _t("chemical", r"chemical\s+(?:attacks?|weapons?)|chlorine\s+(?:gas|attacks?)|sarin|nerve\s+agents?", E.CHEMICAL_WEAPON),
    _t("sexual violence", r"rap(?:e|ed|es)|sexual(?:ly)?\s+(?:violence|assault(?:s|ed)?|abuse)", E.SEXUAL_VIOLENCE),
    _t("looting", r"pillag(?:e|ed|ing)|ransack(?:ed|ing)?|vandali[sz](?:ed|ing|m)|plunder(?:ed|ing)?", E.LOOTING_PROPERTY_DESTRUCTION),
    _t("excessive force", r"fired\s+(?:live\s+(?:rounds|ammunition))\s+(?:at|on)\s+(?:protesters|demonstrators)", E.EXCESSIVE_FORCE_AGAINST_PROTESTERS),
    _t("dispersed", r"dispers(?:ed|e|ing)|tear\s+gas|water\s+cannons?|broke\s+up", E.PROTEST_WITH_INTERVENTION),
    _t("regained", r"regain(?:ed|s)?\s+control|liberat(?:ed|ion)|retaken", E.GOVERNMENT_REGAINS_TERRITORY),
    _t("seized", r"seiz(?:ed|es)\s+(?:control\s+of\s+)?(?:the\s+)?(?:town|city|village|district|base)|took\s+control|"
       r"fell\s+to", E.NON_STATE_OVERTAKES_TERRITORY),
    _t("base", r"set\s+up\s+(?:a\s+)?(?:base|camp|headquarters)|established\s+(?:a\s+)?(?:base|camp|headquarters)",
       E.BASE_ESTABLISHED),
    _t("agreement", r"ceasefires?|truces?|agreements?|deals?|prisoner\s+(?:swaps?|exchanges?)|signed", E.AGREEMENT),
    _t("handover", r"hand(?:ed)?\s*over|handovers?|withdr(?:ew|awn|awal)\s+from", E.NON_VIOLENT_TERRITORY_TRANSFER),
    _t("displacement", r"displac(?:ed|ement)|fled\s+(?:their\s+)?homes|forced\s+(?:to\s+flee|from\s+their\s+homes)",
       E.DISPLACEMENT),
]

#: Weapon words (longest first where they overlap) with their category.
WEAPONS: list[tuple[str, WeaponCategory]] = [
    (r"(?:suicide\s+)?(?:car|truck|vehicle)[\s-]bombs?|S?VBIEDs?", WeaponCategory.EXPLOSIVE),
    (r"(?:explosive|suicide)\s+vests?|suicide\s+belts?", WeaponCategory.EXPLOSIVE),
    (r"(?:roadside\s+bombs?|IEDs?|improvised\s+explosive\s+devices?|explosive\s+devices?|landmines?|mines?|"
     r"grenades?|bombs?|explosives?|magnetic\s+bombs?|sticky\s+bombs?)", WeaponCategory.EXPLOSIVE),
    (r"(?:[A-Z][\w-]+\s+)?(?:drones?|UAVs?|loitering\s+munitions?)", WeaponCategory.DRONE),
    (r"(?:warplanes?|fighter\s+jets?|jets?|aircraft|helicopters?|gunships?|bombers?)", WeaponCategory.AIRCRAFT),
    (r"(?:(?:Katyusha|Grad|Qassam|artillery|guided)\s+)?rockets?", WeaponCategory.ROCKET),
    (r"(?:(?:ballistic|cruise|anti-tank|guided|surface-to-air)\s+)?missiles?|RPGs?|rocket-propelled\s+grenades?",
     WeaponCategory.MISSILE),
    (r"(?:artillery(?:\s+shells?)?|mortars?(?:\s+(?:rounds?|shells?))?|shells|howitzers?)", WeaponCategory.ARTILLERY),
    (r"(?:small\s+arms|(?:assault\s+)?rifles?|AK-47s?|guns?|firearms?|pistols?|machine\s+guns?)", WeaponCategory.FIREARM),
    (r"(?:knives|knife|machetes?|clubs|sticks|stones|rocks|petrol\s+bombs?|molotov\s+cocktails?)", WeaponCategory.OTHER),
]

#: Which event type a weapon named near a "by_context" trigger ("struck", "hit") suggests.
WEAPON_EVENT_TYPE: dict[WeaponCategory, EventType] = {
    WeaponCategory.AIRCRAFT: E.AIR_DRONE_STRIKE,
    WeaponCategory.DRONE: E.AIR_DRONE_STRIKE,
    WeaponCategory.ROCKET: E.SHELLING_MISSILE_ATTACK,
    WeaponCategory.MISSILE: E.SHELLING_MISSILE_ATTACK,
    WeaponCategory.ARTILLERY: E.SHELLING_MISSILE_ATTACK,
    WeaponCategory.EXPLOSIVE: E.REMOTE_EXPLOSIVE,
    WeaponCategory.FIREARM: E.ATTACK,
}

VIOLENT_TYPES = frozenset(t for t, info in EVENT_TYPES.items() if info.violent)

# --------------------------------------------------------------------------- modality cues

#: Cue patterns before a trigger (same clause), by modality. Checked in this order.
LEFT_CUES: list[tuple[Modality, str]] = [
    (Modality.NEGATED, r"\b(?:no|not|never|without|nor|neither|none|denied|no\s+reports?\s+of|did\s+not|didn't|"
                       r"has\s+not|have\s+not|had\s+not|was\s+not|were\s+not|no\s+sign\s+of|no\s+evidence\s+of|"
                       r"failed\s+to|free\s+of|absence\s+of)\b"),
    (Modality.GENERIC, r"\b(?:routinely|frequently|often|regularly|repeatedly|typically|usually|habitually|commonly|"
                       r"continue[sd]?\s+to|tend\s+to|tends\s+to|a\s+pattern\s+of|periodically|sporadic|recurrent|"
                       r"persistent|frequent|regular|ongoing\s+campaign\s+of)\b"),
    (Modality.HYPOTHETICAL, r"\b(?:likely|unlikely|expected|may|might|could|would|will|shall|should|possible|possibly|"
                            r"potential|potentially|threat\s+of|threaten(?:ed|s)?\s+to|plan(?:s|ned)?\s+to|planned|"
                            r"planning|warn(?:ed|s)?\s+of|risk\s+of|fears?\s+of|feared|intend(?:s|ed)?\s+to|if|"
                            r"further|upcoming|scheduled|call(?:ed|s|ing)?\s+for|prepar(?:e|ing)\s+to|aim(?:s|ed)?\s+to|"
                            r"in\s+case\s+of|anticipated|forecast|prospect\s+of|possibility\s+of|attempt(?:s|ed)?\s+to|"
                            r"avoid|prevent|ahead\s+of|(?:has|have)\s+called|called\s+(?:a|an)|capabilit(?:y|ies)\s+to|capacity\s+to|"
                            r"ability\s+to|risk|threat|more)\b"),
]

#: Cue patterns after a trigger (same clause).
RIGHT_CUES: list[tuple[Modality, str]] = [
    (Modality.NEGATED, r"^\W*(?:\w+\s+){0,3}?(?:(?:was|were|has|have|had)\s+not|did\s+not|never)\s+"
                       r"(?:been\s+)?(?:reported|confirmed|occur|happen|take\s+place|took\s+place)"),
    (Modality.HYPOTHETICAL, r"^\W*(?:[\w'’-]+\s+){0,9}?(?:(?:are|is|remain|remains)\s+(?:also\s+|still\s+|highly\s+)?"
                            r"(?:likely|possible|expected|anticipated|planned|probable|a\s+(?:\w+\s+)?(?:risk|threat|"
                            r"possibility))|will\b|would\b|could\b|may\b|might\b|should\s+be\s+expected|"
                            r"cannot\s+be\s+ruled\s+out|(?:are|is)\s+(?:scheduled|due|set)\s+to)"),
    (Modality.GENERIC, r"^\W*(?:[\w'’-]+\s+){0,6}?(?:(?:are|is|remain|remains)\s+(?:common|frequent|routine|regular)|"
                       r"occurs?\s+(?:\w+\s+)?(?:daily|weekly|frequently|regularly|often)|routinely|frequently|"
                       r"regularly|repeatedly|typically|usually|habitually|tends?\s+to|"
                       r"(?:have|has)\s+(?:also\s+)?(?:risen|increased|declined|fallen|grown|surged|become)|"
                       r"since\s+(?:early\s+|late\s+|mid-)?(?:19|20)\d\d)\b"),
]

#: A line that opens the analysis part of a report: events told there are mostly habits and forecasts.
COMMENT_SECTION = re.compile(r"^[ \t]*(?:Analyst\s+|Analysts'?\s+)?(?:Comment|Assessment|Analysis|Outlook|Forecast)s?\s*:",
                             re.IGNORECASE | re.MULTILINE)

#: Words that end the left scope of a cue (a new clause starts after them).
CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|,\s+(?:but|while|whereas|although|and|after|before|when|which|who)\b|"
                          r"\b(?:but|although|though|whereas|after|since|because)\b", re.IGNORECASE)

#: Words that make a sentence forward-looking, for reading its dates as future ones.
FUTURE_CUES = re.compile(r"\b(?:will|shall|expected|planned|scheduled|upcoming|forthcoming|next|coming|from\s+\d{1,2}"
                         r"(?:st|nd|rd|th)?\s*[-–]|until|ahead\s+of|likely)\b", re.IGNORECASE)

# --------------------------------------------------------------------------- actors

#: Head nouns of actor descriptions and their default type.
ACTOR_HEADS: list[tuple[str, ActorType]] = [
    (r"security\s+forces|security\s+personnel|border\s+guards?|intelligence\s+(?:services?|agents?|officers?)|"
     r"paramilitar(?:y|ies)|gendarmes?|gendarmerie|national\s+guard", ActorType.OTHER_STATE_FORCES),
    (r"police(?:men|women|\s+officers?|\s+forces?|\s+units?|\s+patrols?)?|officers|policemen|constables?",
     ActorType.POLICE),
    (r"soldiers?|troops|army(?:\s+(?:patrols?|units?|convoys?))?|armed\s+forces|military|servicem[ae]n|"
     r"service\s+members|marines|navy|air\s+force|special\s+forces|commandos?|forces", ActorType.STATE_MILITARY),
    (r"peacekeepers?|coalition(?:\s+forces)?|multinational\s+forces?", ActorType.INTERNATIONAL_FORCES),
    (r"gunmen|militants?|insurgents?|fighters|rebels?|jihadists?|militia(?:s|men)?|attackers|assailants|bandits|"
     r"extremists|armed\s+men|armed\s+group|gangs?|gang\s+members|cells?|group|terrorists", ActorType.NON_STATE_ARMED_GROUP),
    (r"protesters|protestors|demonstrators|marchers|activists", ActorType.PROTESTERS),
    (r"rioters|youths|mob", ActorType.RIOTERS),
    (r"civilians|villagers|residents|people|children|women|men|students|workers|aid\s+workers|journalists|"
     r"passengers|farmers|worshippers|traders|shoppers|pilgrims|herders|miners|teachers|refugees|"
     r"displaced\s+people|family|families|locals|bystanders|motorists|drivers?|tourists|nationals|citizens|"
     r"employees|staff|contractors|engineers|doctors|nurses|medics|patients|children|child|boys?|girls?|"
     r"man|woman|civilian|resident|villager|worker|journalist|passenger|farmer|student|trader",
     ActorType.CIVILIANS),
    (r"government|authorities|officials?|ministry|ministers?|governor|spokesm[ae]n|spokesperson|administration|"
     r"council|mayor|president|prime\s+minister|cabinet|presidency|prosecutors?",
     ActorType.GOVERNMENT),
    (r"embassy|consulate|diplomats?|mission|high\s+commission", ActorType.DIPLOMATIC_MISSION),
    (r"suspects?|sources|witnesses|unknown\s+assailants|media|media\s+outlets?|news\s+agency|outlets?|"
     r"observatory|monitors?|monitoring\s+group|reporters|correspondents", ActorType.UNKNOWN),
]

#: Modifiers that may come before an actor head ("unidentified gunmen", "local police").
ACTOR_MODIFIERS = (r"(?:(?:unidentified|unknown|suspected|armed|masked|rival|local|federal|regional|state|national|"
                   r"provincial|district|government|pro-government|anti-government|opposition|allied|foreign|"
                   r"jihadist|Islamist|separatist|tribal|ethnic|criminal|heavily\s+armed|off-duty|riot|traffic|"
                   r"senior|military|security|police|army|border|several|other|more|Shia|Sunni|Kurdish|Christian|"
                   r"Muslim|Hindu|Buddhist|Fulani|Arab|Baloch|Pashtun|Tuareg|Amhara|Oromo|Tigrayan|Hazara)\s+)")

#: Names and adjectives of nationality: (adjective or name pattern, ISO code).
NATIONALITIES: list[tuple[str, str]] = [
    ("Iraqi|Iraq", "IQ"), ("Syrian|Syria", "SY"), ("Afghan|Afghanistan", "AF"), ("Pakistani|Pakistan", "PK"),
    ("Indian|India", "IN"), ("Nigerian|Nigeria", "NG"), ("Malian|Mali", "ML"), ("Burkinabe|Burkina\\s+Faso", "BF"),
    ("Nigerien|Niger", "NE"), ("Somali|Somalia", "SO"), ("Kenyan|Kenya", "KE"), ("Ethiopian|Ethiopia", "ET"),
    ("Sudanese|Sudan", "SD"), ("South\\s+Sudanese|South\\s+Sudan", "SS"), ("Yemeni|Yemen", "YE"),
    ("Saudi|Saudi\\s+Arabia", "SA"), ("Iranian|Iran", "IR"), ("Israeli|Israel", "IL"),
    ("Palestinian|Palestine", "PS"), ("Lebanese|Lebanon", "LB"), ("Turkish|Turkey|Türkiye", "TR"),
    ("Egyptian|Egypt", "EG"), ("Libyan|Libya", "LY"), ("Tunisian|Tunisia", "TN"), ("Algerian|Algeria", "DZ"),
    ("Moroccan|Morocco", "MA"), ("Chadian|Chad", "TD"), ("Cameroonian|Cameroon", "CM"),
    ("Congolese|Congo|DRC", "CD"), ("Mozambican|Mozambique", "MZ"), ("Ugandan|Uganda", "UG"),
    ("Ukrainian|Ukraine", "UA"), ("Russian|Russia", "RU"), ("Colombian|Colombia", "CO"),
    ("Mexican|Mexico", "MX"), ("Venezuelan|Venezuela", "VE"), ("Brazilian|Brazil", "BR"), ("Peruvian|Peru", "PE"),
    ("Ecuadorian|Ecuador", "EC"), ("Haitian|Haiti", "HT"), ("Myanmar|Burmese|Burma", "MM"),
    ("Thai|Thailand", "TH"), ("Filipino|Philippine|Philippines", "PH"), ("Indonesian|Indonesia", "ID"),
    ("Bangladeshi|Bangladesh", "BD"), ("Sri\\s+Lankan|Sri\\s+Lanka", "LK"), ("Nepali|Nepal", "NP"),
    ("Chinese|China", "CN"), ("American|U\\.S\\.|US|United\\s+States", "US"),
    ("British|U\\.K\\.|UK|United\\s+Kingdom|Britain", "GB"), ("French|France", "FR"), ("German|Germany", "DE"),
    ("Italian|Italy", "IT"), ("Spanish|Spain", "ES"), ("Canadian|Canada", "CA"), ("Australian|Australia", "AU"),
    ("Jordanian|Jordan", "JO"), ("Kurdish", "IQ"), ("Azerbaijani|Azerbaijan", "AZ"), ("Armenian|Armenia", "AM"),
    ("Georgian|Georgia", "GE"), ("Tajik|Tajikistan", "TJ"), ("Kyrgyz|Kyrgyzstan", "KG"), ("Senegalese|Senegal", "SN"),
    ("Guinean|Guinea", "GN"), ("Ivorian", "CI"), ("Ghanaian|Ghana", "GH"), ("Beninese|Benin", "BJ"),
    ("Togolese|Togo", "TG"), ("Rwandan|Rwanda", "RW"), ("Burundian|Burundi", "BI"), ("Eritrean|Eritrea", "ER"),
    ("Kashmiri", "IN"), ("Honduran|Honduras", "HN"), ("Salvadoran|El\\s+Salvador", "SV"),
    ("Guatemalan|Guatemala", "GT"), ("Nicaraguan|Nicaragua", "NI"), ("Bolivian|Bolivia", "BO"),
    ("Chilean|Chile", "CL"), ("Argentine|Argentina", "AR"), ("Kazakh|Kazakhstan", "KZ"),
]

#: Group-name words: a capitalised name containing one of them is an armed group unless a gazetteer says otherwise.
GROUP_NAME_WORDS = (r"Front|Brigades?|Battalions?|Movement|Army|Forces|Group|Organi[sz]ation|Hezbollah|Hizballah|"
                    r"Taliban|Shabaab|Shabab|Boko\s+Haram|State|Jamaat|Jama'at|Ansar|Ansaru|Kata'ib|Katai?b|"
                    r"Liberation|Resistance|Mujahideen|Mujahidin|Militia|Alliance|Union|Guards?|Council|Party|Wilayat|"
                    r"Province|Cartel|Clan|Tigers|Defen[cs]e|Revolutionary|Popular|Mobili[sz]ation")

# --------------------------------------------------------------------------- victims and outcomes

#: Casualty outcome verbs, active ("killing three") and passive/resultative ("three were killed").
OUTCOME_WORDS: list[tuple[str, str]] = [
    ("killed", r"kill(?:ed|ing|s)?|dead|died|die|deaths?|fatalit(?:y|ies)|lost\s+their\s+lives|slain|"
               r"shot\s+dead|perished|massacred|executed|beheaded|lifeless|bodies"),
    ("injured", r"injur(?:ed|ing|ies|y)|wound(?:ed|ing|s)?|hurt|maimed|casualties"),
    ("abducted", r"abduct(?:ed|ing)|kidnapp?(?:ed|ing)|taken\s+hostage|seized|taken\s+captive|held\s+hostage"),
    ("missing", r"missing|unaccounted\s+for|disappeared"),
    ("arrested", r"arrest(?:ed|ing)|detain(?:ed|ing)|apprehend(?:ed|ing)|captur(?:ed|ing)|taken\s+into\s+custody|"
                 r"rounded\s+up|held|in\s+custody"),
]

#: Victim words and the category they point to.
VICTIM_WORDS: list[tuple[str, VictimCategory]] = [
    (r"soldiers?|troops|servicem[ae]n|service\s+members?|officers?\s+and\s+soldiers|army\s+officers?|marines?|"
     r"sailors?|conscripts?|personnel|guardsmen|commanders?|officers?", VictimCategory.MILITARY),
    (r"police(?:men|women|\s+officers?|\s+personnel)?|policem[ae]n|officers?|gendarmes?|constables?|"
     r"border\s+guards?|guards?|security\s+(?:forces|personnel|guards?|officers?)", VictimCategory.POLICE),
    (r"militants?|insurgents?|fighters?|rebels?|jihadists?|militiamen|militia\s+members?|gunmen|attackers?|"
     r"assailants?|bandits?|terrorists?|suicide\s+bombers?|bombers?", VictimCategory.MILITANT),
    (r"civilians?|villagers?|residents?|people|persons|children|child|boys?|girls?|women|woman|men|man|"
     r"students?|pupils?|workers?|journalists?|passengers?|farmers?|worshipp?ers?|traders?|shoppers?|pilgrims?|"
     r"herders?|miners?|teachers?|refugees?|family\s+members|relatives|bystanders?|motorists?|drivers?|tourists?|"
     r"nationals?|citizens?|employees?|staff(?:\s+members)?|contractors?|engineers?|doctors?|nurses?|medics?|"
     r"patients?|infants?|babies|elderly|protesters|demonstrators|hostages|fishermen|truckers|labourers|laborers|"
     r"aid\s+workers?|humanitarian\s+workers?|members\s+of\s+the\s+public|individuals|inhabitants",
     VictimCategory.CIVILIAN),
    (r"others|suspects?|detainees|prisoners|inmates|victims|casualties|members|members\s+of\s+(?:the\s+)?"
     r"(?:public|community|family|crew|staff)", VictimCategory.UNKNOWN),
]

#: Location type words and the precision a place named with them has.
LOCATION_KINDS: list[tuple[str, str]] = [
    (r"province|governorate|state|region|oblast|department|prefecture|mountains|hills|valley|desert|forest|"
     r"river\s+valley|plains?|corridor", "region"),
    (r"district|sub-district|county|municipality|commune|local\s+government\s+area|LGA|raion|tehsil|division", "district"),
    (r"city|town|village|camp|base|airport|airbase|air\s+base|checkpoint|market|neighbou?rhood|area|square|"
     r"port|border\s+crossing|compound|prison|mosque|church|school|hospital|bridge|highway|road", "exact"),
]

#: Prepositions after which a capitalised name is taken to be a place.
PLACE_PREPOSITIONS = r"(?:in|near|at|outside|around|from|to|into|across|towards?|between|and|of|on|across|throughout|inside)"
