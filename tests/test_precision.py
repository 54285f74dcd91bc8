"""Reports of no violent incident give none: sport, figures of speech, disease, accidents,
disasters, fiction and games, trials, threats and plans; real attacks worded alike still count."""

from __future__ import annotations

import pytest

from services.pipeline.extract import extract
from services.schema import Document

NO_INCIDENT = [
    "The winger took a shot at goal in stoppage time, but the keeper tipped it over and the derby ended 0-0.",
    "Holders Celtic bombed out of the Scottish Cup on Sunday after a shock defeat at Dundee.",
    "The captain exploded into life after the break and his team cruised to a 4-1 league win.",
    "Never baked bread? Give it a shot: the recipe below takes only an hour, says chef Ana Ruiz in Lisbon.",
    "My landlord went off on me when I asked about the broken heating, the tenant told the council in Leeds.",
    "The agency's moon shot plan to land astronauts by 2030 will cost billions, officials in Houston said.",
    "Both ministers attacked the government's budget proposal during a stormy session of parliament in Rome.",
    "The senator attacked her rival's record on immigration at a rally in Phoenix on Friday.",
    "A cholera outbreak has killed 31 people in three provinces of Zambia, the health ministry said.",
    "A measles epidemic killed at least 40 children in the east of the country, doctors in Kinshasa said.",
    "A passenger plane crashed into a hillside near Pokhara, killing 68 people on board.",
    "A minibus plunged off a mountain road in Bolivia on Saturday, killing 14 people and injuring 9.",
    "Fire broke out in a crowded market in Dhaka overnight, killing six traders; a gas leak was blamed.",
    "Severe thunderstorms killed five people and flattened hundreds of homes across Bihar on Tuesday.",
    "In the film, a band of soldiers ambush an enemy patrol and blow up a bridge in 1944 Italy.",
    "The new video game lets players storm a fortress and detonate explosives to breach its walls.",
    "A man pleaded guilty in Ohio on Monday to threatening to bomb a school; no one was hurt.",
    "Police said the teenager had planned to attack a concert in Vienna before he was arrested at home.",
    "Troops fired rockets and mortars during a live-fire exercise near the border on Wednesday.",
    "Two people died when a delivery van collided with a tram in central Porto on Monday morning.",
    "A truck overturned on the highway outside Mombasa, killing three, after the driver lost control.",
    "Hackers behind a ransomware attack locked the city council's computers in Graz and demanded bitcoin.",
    "The party leader launched a scathing attack on the central bank governor in a speech in Accra.",
    "Actors armed with replica rifles took part in a mock siege staged by emergency services at Cork port.",
    "The forward hit five three-pointers and grabbed 11 rebounds as the Kings shot past the Suns 118-101, "
    "ending a four-game losing streak, the coach said.",
    "The visitors' seam attack ripped through the middle order and the hosts were bowled out for 98 in "
    "31 overs, handing the league leaders a 90-run win.",
    "The remastered shooter lets you storm enemy bunkers in single-player, and its multiplayer maps "
    "reward players who plant explosives quickly.",
    "The finance minister warned that the pension deficit was a ticking time bomb and accused the unions "
    "of holding the country hostage.",
    "Army engineers brought down the old bridge over the Drina with a controlled explosion on Sunday.",
    "A postman was bitten and badly hurt after he was attacked by two dogs on a farm near Ghent.",
    "Cadets fired 3,000 rounds at the police firing range in Durban during the week-long course.",
    "Detectives arrested two men in Lyon who were said to be preparing attacks on synagogues; no "
    "attack took place.",
    "Customs officers seized 200 kilos of explosives that were to be used in bombings of bridges, "
    "officials in Lima said.",
    "A blast tore through a fireworks warehouse in Bulacan on Friday, killing 11 workers.",
    "The hosts' attack-minded full-backs killed off the contest before half-time in Seville.",
    "The striker admitted his side had been 'murdered' by the referee's decisions in the second half.",
    "The winger fired wide from six yards and the visitors held on for a 1-0 win at the Bernabeu.",
    "A constable died of a self-inflicted gunshot wound at a police camp in Kupwara, officials said.",
    "India test-fires a nuclear-capable Agni missile from an island off Odisha, the ministry said.",
    "Crews brought down the old stadium in Detroit with a controlled implosion watched by thousands.",
    "A fisherman was mauled by a crocodile in Darwin; friends fought off the animal with oars.",
    "Investigators said the wildfire that killed 12 people near Fresno was caused by faulty power lines.",
]

# Attacks only imagined, sworn off, prevented or demanded, and attack words naming something else.
HYPOTHETICAL = [
    "The defence ministry denied reports that an army post near Tumaco had been attacked overnight.",
    "The air force commander told reporters in Kabul: we are not bombing villages, we strike only bases.",
    "Police stepped up security at the summit venue in Nairobi against a possible terrorist attack.",
    "He said any effort to bomb the dam would fail, the foreign minister told parliament in Baghdad.",
    "The bishop in Lima condemned the use of kidnapping as a weapon by every armed group.",
    "The report counted 31 cases of assault and 12 cases of arson in Medellin in March.",
    "The new unit's volunteers swore an oath never to attack unarmed people, the ministry in Bogota said.",
    "Judges in Cali will get armoured cars to keep them from being murdered, the justice minister said.",
    "The court in Lagos has a backlog of 300 murder cases and 40 kidnapping charges, its registrar said.",
    "The city's bomb squad marked its tenth year with an open day at the fire station in Tunis.",
    "The rebels entered the provincial capital without a shot being fired, residents said.",
    "The rebel commander said his men would attack any army convoy that entered the valley.",
    "Officials in Lagos warned that the militants could strike the port within weeks.",
    "If the offensive goes ahead, the insurgents may bomb the pipeline again, analysts in Abuja said.",
    "The accord commits both sides to refrain from any form of attack on civilians in the north.",
    "The cleric was expelled from Norway for calling for the assassination of the prime minister.",
    "Unless the talks resume, the guerrillas will kidnap more engineers, a spokesman said in Quito.",
    "Ministers insisted the army exists to defend the people and must never attack them.",
    "Analysts in Lima warned of the risk of a car bomb attack on the refinery during the strike.",
    "Every mayor in the region lives with the danger of being ambushed on the road, a bishop said.",
    "Civilians in the valley would suffer if the bombing campaign is resumed, aid workers in Juba said.",
    "The militia intends to seize the depot, burn the archives and blow up the bridge, a deserter said.",
    "The junta declared a state of siege in the capital and suspended the evening newspapers.",
    "Economists fear a social explosion if bread prices rise again, the central bank in Cairo said.",
    "The presidential guard's assault rifles were paraded through the main square in Asuncion.",
    "Many trade unionists have died during the last decade at the hands of hired assassins, a report said.",
    "The civil war, which has killed more than 40,000 people, dominated the summit in Addis Ababa.",
    "An insurgency that has dragged on for two decades and killed thousands was the bishop's theme.",
    "Human rights groups say 12,000 villagers have been killed since the army took power.",
    "Fighting between the army and armed groups killed more than 6,000 people in the region last year.",
    "The archbishop urged both sides to stop murdering civilians and to cease all bombing of towns.",
    "Corruption is an attack against our homeland, the president told graduating cadets in Quito.",
    "The nuclear bomb tested by the regime would be a threat to the whole region, diplomats said.",
    "A former police chief was charged with the murder of two students in 1998, prosecutors said.",
]


def _no_incident(text: str) -> None:
    events = extract([Document(id="n", text=text, published="2024-04-10")]).documents[0].events
    assert events == [], f"{text[:60]!r} -> {[e.event_type for e in events]}"


@pytest.mark.parametrize("text", NO_INCIDENT + HYPOTHETICAL)
def test_no_violent_incident_gives_none(text: str) -> None:
    _no_incident(text)


# Messaging posts, beatings, defused bombs and violence in a political story are attacks.
IN_TEMPTING_GENRES = [
    ("omg a grenade was thrown at the bus stop in Kirkuk, 3 ppl hurt, police everywhere", "bombing"),
    (
        "A journalist was beaten by a gang of men outside the court in Belgrade on Monday and taken to "
        "hospital with head injuries, his newspaper said.",
        "unarmed_assault",
    ),
    (
        "Army bomb disposal experts defused an explosive device planted under a bridge in Mindanao, "
        "Philippines, on Sunday; the explosive ordnance disposal team said it was set to go off at rush "
        "hour.",
        "bombing",
    ),
    (
        "A bomb exploded at an opposition campaign rally in Dhaka ahead of Sunday's election, wounding "
        "nine supporters, as parliament debated the budget.",
        "bombing",
    ),
]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Gunmen storm a hotel in Mogadishu, killing at least five guests.", "armed_assault"),
        ("Armed men stormed a police post in Tillaberi, Niger, killing three officers.", "armed_assault"),
        ("A car bomb exploded outside a bank in Kirkuk, Iraq, on Monday, killing two guards.", "bombing"),
        ("An explosive device went off near a bus station in Quetta, Pakistan, wounding seven.", "bombing"),
        ("A man drove his car into a crowd at a market in Nice, France, killing four.", "unarmed_assault"),
        ("Militants set fire to a school in Borno state, Nigeria, overnight.", "facility_attack"),
        ("Gunmen killed two guards at a fireworks shop in Jalisco, Mexico, on Friday.", "armed_assault"),
        ("Masked men fired on a minibus near Cucuta, Colombia, wounding five passengers.", "armed_assault"),
        ("A trial court judge was shot dead outside his home in Cebu, Philippines.", "assassination"),
        ("A gunman opened fire in a movie theater in Denver, Colorado, killing three.", "armed_assault"),
        ("Attackers with dogs and rifles raided a village in Zamfara, killing nine.", "armed_assault"),
        *IN_TEMPTING_GENRES,
    ],
)
def test_attacks_worded_like_the_tempting_phrases_still_count(text: str, event_type: str) -> None:
    events = extract([Document(id="a", text=text, published="2024-04-10")]).documents[0].events
    assert events and events[0].event_type == event_type


NO_INCIDENT_DOCUMENTS = [
    # sport reports whose figures of speech kill: no doer, no weapon
    "Title race over\n\nThe champions' hopes were killed off on Sunday when a late strike from the "
    "substitute sealed a 2-0 win for the visitors, who scored twice in stoppage-time. The coach said his "
    "team had been executed on the counter and the league was gone.",
    "The grandmaster launched a fierce kingside attack in the seventh round of the tournament, "
    "sacrificing a rook, and his opponent was executed in 31 moves after a blunder with a pawn.",
    # a match report: every attack word is the game's
    "United stun leaders\n\nUnited's forwards kept attacking from the first whistle and the captain "
    "struck twice before half-time. The coach praised a squad that has now won five league matches in a row, "
    "and fans celebrated the victory long after the final whistle.",
    # a review of a war film
    "Review: a harrowing war film\n\nThe film opens with an ambush on a convoy in which soldiers are killed. "
    "Its director keeps the camera close, and the starring cast carry a sequel that outdoes the first movie.",
    # an accident told over two sentences
    "A lorry overturned and caught fire on the ring road outside Nairobi on Sunday. Eleven people died "
    "at the scene, police said, and fifteen were taken to hospital.",
    # an animal attack
    "A shark killed a swimmer off a beach near Durban on Saturday, lifeguards said.",
    # old ordnance
    "Army experts defused an unexploded wartime bomb found on a building site in Cologne on Thursday.",
    # a trend
    "Armed robberies and gun attacks rose 14 percent in the capital last year, police figures show.",
    # a peace deal
    "The two sides agreed a cessation of hostilities in talks in Addis Ababa on Tuesday, mediators said.",
    # an industrial blast the text calls an accident
    "Boiler blast at Ludhiana dye works kills four\n\nA blast tore through a dye factory on the edge of "
    "Ludhiana on Tuesday, killing four workers and injuring 30. Investigators said a faulty pressure valve "
    "was to blame and found no sign of foul play; the owner was arrested for negligence.",
    # a house fire
    "An elderly couple died overnight when a fire engulfed their wooden house in a suburb of Tbilisi, "
    "firefighters said. A faulty stove was the likely cause.",
    # a mine collapse
    "Rescuers pulled 12 bodies from a jade mine in Hpakant after a cave-in buried dozens of workers, "
    "local officials said on Sunday.",
    # a book review and a game post
    "Book review: 'Salt Roads'\n\nThe author's third novel moves between a refugee camp and a besieged "
    "port city, where a car bomb kills the narrator's brother in chapter two. The plot sags in the middle, "
    "but readers will forgive it for its ending.",
    "ngl the new map in this shooter is wild, blew up three tanks with one rocket and got ambushed at "
    "the bridge twice lol. dlc drops friday #gaming",
    # a drill
    "Firefighters and police staged a simulated hostage siege at Lyon's main station on Tuesday, with "
    "volunteers made up as injured passengers and role players as gunmen, to test their response.",
    # politics and business told in words of violence
    "Finance minister under fire\n\nOpposition lawmakers attacked the budget in parliament on Tuesday, "
    "saying the new taxes would murder small traders and kill jobs. The minister shot back that critics "
    "had no policy of their own and that the economy was recovering.",
    "Investors braced for a bloodbath after Kestrel Air launched a hostile takeover bid for its rival; the "
    "board shot down the offer and shares of both companies fell in early trading.",
    # a weapons test, a purchase and a combat sport
    "The navy test-fired a cruise missile into the sea off its southern coast on Monday, the defence "
    "ministry said, the third such test this year.",
    "The air force signed a deal to buy twelve attack helicopters and spare parts from a European maker.",
    "Ruiz knocked out his opponent with a left hook in the second round of their bout in Monterrey, and "
    "the referee waved it off as the crowd roared.",
    # a war summed up over its length
    "The government and the rebels signed an accord in Maputo, closing two decades of conflict that "
    "killed thousands.",
    "Years of fighting between the militias have killed hundreds in the region, a United Nations report "
    "said on Thursday.",
    "The decade-long insurgency has displaced millions and killed tens of thousands, aid groups in Maiduguri "
    "said.",
]


@pytest.mark.parametrize("text", NO_INCIDENT_DOCUMENTS)
def test_documents_that_report_no_violent_incident(text: str) -> None:
    _no_incident(text)


def test_a_remembered_attack_is_never_the_primary_incident() -> None:
    text = (
        "Survivors gathered in Madrid on Monday to mark twenty years since bombs exploded on four commuter "
        "trains on 11 March 2004, killing 191 people."
    )
    events = extract([Document(id="r", text=text, published="2024-03-11")]).documents[0].events
    assert not any(e.primary for e in events)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (
            "Fifteen years after a suicide bomber killed 40 worshippers in a mosque in Peshawar, relatives "
            "gathered at its gates.",
            "2009",
        ),
        (
            "Veterans met in Belfast on the 30th anniversary of the pub bombing that killed five people.",
            "1994",
        ),
        (
            "Two decades on from the siege of a school in Beslan, where hostage-takers killed 334 people, "
            "the town has a new memorial.",
            "2004",
        ),
        (
            "On the tenth anniversary of the massacre at a market in Maiduguri, officials laid wreaths.",
            "2014",
        ),
    ],
)
def test_an_attack_recalled_years_back_is_dated_and_never_primary(text: str, year: str) -> None:
    """ "N years after", "the Nth anniversary of": the event lies that far before the report."""
    events = extract([Document(id="r", text=text, published="2024-06-01")]).documents[0].events
    assert events and not any(e.primary for e in events)
    assert events[0].date == year


def test_a_match_report_still_gives_an_attack_on_its_fans() -> None:
    text = (
        "Derby abandoned\n\nThe league match was abandoned at half-time after gunmen opened fire on fans "
        "outside the stadium in Cali, Colombia, killing two supporters, police said. The squad was unhurt."
    )
    events = extract([Document(id="s", text=text, published="2024-04-10")]).documents[0].events
    assert events and events[0].killed.value == 2


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a police post in Mopti on Sunday, killing two officers; they could strike again, "
        "the governor warned.",
        "Militants who would later be named by police bombed a market in Peshawar on Friday, killing four.",
        "Should anyone doubt the danger, a car bomb killed nine people outside a ministry in Kabul "
        "on Monday.",
    ],
)
def test_a_reported_attack_beside_a_hypothetical_one_still_counts(text: str) -> None:
    events = extract([Document(id="h", text=text, published="2024-04-10")]).documents[0].events
    assert events and events[0].killed.value in {2, 4, 9}
