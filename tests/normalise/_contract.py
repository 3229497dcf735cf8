"""What the published-data contract (shared/contract.md) and the reference facts
(shared/reference/facts.md) fix, written out once for the tests of tests/normalise/.

Nothing here is read from the pipeline's own vocabularies: these are the values the
vocabularies are checked against.
"""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# CI checks the repository out with the shared material beside it.
SHARED = REPO / ".." / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"

# contract.md, "### crime_types": the fixed ids and their labels.
CRIME_TYPES = {
    "anti_social_behaviour": "Anti-social behaviour",
    "burglary": "Burglary (all)",
    "burglary_residential": "Residential burglary",
    "robbery": "Robbery (all)",
    "violence_with_injury": "Violence with injury",
    "violence_with_injury_non_domestic": "Non-domestic abuse violence with injury",
    "common_assault": "Common assault",
    "theft_from_person": "Theft from the person",
    "theft_of_motor_vehicle": "Theft or taking of a motor vehicle",
    "theft_from_motor_vehicle": "Theft from a motor vehicle",
    "criminal_damage": "Criminal damage",
    "sexual_violence": "Sexual violence",
    "domestic_abuse": "Domestic abuse",
    "child_sexual_exploitation": "Child sexual exploitation",
    "weapon_based_crime": "Weapon-based crime",
    "hate_crime": "Hate crime",
    "serious_youth_violence": "Serious youth violence",
    "knife_crime": "Knife crime",
    "gun_crime": "Gun crime",
    "most_serious_violence": "Most serious violence",
    "serious_acquisitive_crime": "Serious acquisitive crime",
}

# contract.md, "Fixed mappings of labels seen in the sources" (one entry per printed label).
FIXED_MAPPINGS = {
    "ASB": {"anti_social_behaviour"},
    "Burglary": {"burglary"},
    "All Burglary": {"burglary"},
    "Residential burglary": {"burglary_residential"},
    "Robbery": {"robbery"},
    "Total robbery": {"robbery"},
    "Non Domestic VWI": {"violence_with_injury_non_domestic"},
    "Non-DA Violence with Injury": {"violence_with_injury_non_domestic"},
    "Common Assault": {"common_assault"},
    "Theft from a person": {"theft_from_person"},
    "Theft Person (Snatch)": {"theft_from_person"},
    "Theft of a motor vehicle": {"theft_of_motor_vehicle"},
    "MV Theft": {"theft_of_motor_vehicle"},
    "Theft or taking of vehicles": {"theft_of_motor_vehicle"},
    "Theft from motor vehicles": {"theft_from_motor_vehicle"},
    "Theft from vehicles": {"theft_from_motor_vehicle"},
    "Theft (robbery, snatch, person)": {"robbery", "theft_from_person"},
    "Theft (MV and person)": {"theft_of_motor_vehicle", "theft_from_person"},
    "vandalism/criminal damage": {"criminal_damage"},
}
# "ALL (in the mandatory high-harm column)": the five high-harm ids (contract; facts.md
# "Mandatory high-harm crimes (from 2017)").
HIGH_HARM = {"sexual_violence", "domestic_abuse", "child_sexual_exploitation", "weapon_based_crime", "hate_crime"}

# facts.md, "London boroughs (ONS GSS codes)".
BOROUGHS = {
    "E09000001": "City of London",
    "E09000002": "Barking and Dagenham",
    "E09000003": "Barnet",
    "E09000004": "Bexley",
    "E09000005": "Brent",
    "E09000006": "Bromley",
    "E09000007": "Camden",
    "E09000008": "Croydon",
    "E09000009": "Ealing",
    "E09000010": "Enfield",
    "E09000011": "Greenwich",
    "E09000012": "Hackney",
    "E09000013": "Hammersmith and Fulham",
    "E09000014": "Haringey",
    "E09000015": "Harrow",
    "E09000016": "Havering",
    "E09000017": "Hillingdon",
    "E09000018": "Hounslow",
    "E09000019": "Islington",
    "E09000020": "Kensington and Chelsea",
    "E09000021": "Kingston upon Thames",
    "E09000022": "Lambeth",
    "E09000023": "Lewisham",
    "E09000024": "Merton",
    "E09000025": "Newham",
    "E09000026": "Redbridge",
    "E09000027": "Richmond upon Thames",
    "E09000028": "Southwark",
    "E09000029": "Sutton",
    "E09000030": "Tower Hamlets",
    "E09000031": "Waltham Forest",
    "E09000032": "Wandsworth",
    "E09000033": "Westminster",
}
CITY_OF_LONDON = "E09000001"

# Borough spellings named in contract.md ("### boroughs", "label_raw") and facts.md
# ("Spellings seen in MPS/MOPAC material"), and in the corpus notes (2018/19 priorities).
SPELLINGS = {
    "LB Richmond-upon- Thames": "E09000027",
    "Richmond-upon-Thames": "E09000027",
    "Richmond": "E09000027",
    "Kensington & Chelsea": "E09000020",
    "Kingston": "E09000021",
    "Kingston Upon Thames": "E09000021",
    "RB Kingston upon Thames": "E09000021",
    "LB Barking & Dagenham": "E09000002",
    "Barking & Dagenham": "E09000002",
    "Hammersmith & Fulham": "E09000013",
    "Royal Borough of Greenwich": "E09000011",
    "City of Westminster": "E09000033",
    "London Borough of Bexley": "E09000004",
    "Westminster": "E09000033",
}
