"""Write the workshop's synthetic datasets: invented for practice, calibrated on real figures.

    python datasets/generate.py               # rewrite the CSV files beside this script
    python datasets/generate.py --out FOLDER  # write them somewhere else (tests compare)

Every run gives byte-identical files: each table draws from its own numpy generator with a
fixed seed, so changing one table leaves the others as they are. The column order comes from
``datapackage.json``; the calibration targets are read from the real tables beside this script
(``burkina_mercury_baseline.csv``, ``benin_sand_site_inventory.csv``, ``frm_pilots.csv``), never
typed in twice. The stakeholder, link, incentive and risk tables are written out by hand below: the
actors and risks are real kinds, their scores judgements invented for practice.
A different numpy version may draw different numbers; the committed files are the reference.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
SEED = 20200310  # the workshop this curriculum follows was given in Benin in March 2020
SOURCES = ("mining", "farming", "fishing", "trade", "other")
MONTHS = np.arange(1, 13)

# --- Households ---------------------------------------------------------------------------
# Yearly income medians (FCFA) and the chance that a household has each source. Invented.
HOUSEHOLD_COMMUNITIES = {
    "gold_sud_ouest": {
        "households": 170,
        "country": "Burkina Faso",
        "region": "Sud-Ouest",
        "prefix": "BF",
        "has_source": {
            "mining": 0.8, "farming": 0.75, "fishing": 0.03, "trade": 0.35, "other": 0.2,
        },
        "median_income": {
            "mining": 650_000, "farming": 250_000, "fishing": 60_000, "trade": 300_000,
            "other": 150_000,
        },
        # Chance of mining in each month. In the rainy season (June to September) households
        # that farm leave the pits for their fields; those that do not farm mostly keep digging.
        "mining_months_if_farming": [.9, .9, .9, .85, .8, .35, .15, .1, .2, .6, .85, .9],
        "mining_months_if_not_farming": [.95, .95, .95, .9, .9, .75, .6, .55, .65, .85, .9, .95],
        # Farm income comes with the harvest (October to January).
        "farming_weights": [.08, .02, .02, .02, .02, .02, .02, .02, .06, .22, .3, .2],
        "fishing_weights": [1] * 12,
        "migrant": 0.45,
        "roles": {
            "digging": {"men": .78, "both": .14, "women": .08},
            "processing": {"women": .72, "both": .2, "men": .08},
            "selling": {"men": .58, "both": .22, "women": .2},
        },
    },
    "sand_oueme_lagoon": {
        "households": 150,
        "country": "Benin",
        "region": "Ouémé",
        "prefix": "BJ",
        "has_source": {"mining": 0.7, "farming": 0.25, "fishing": 0.6, "trade": 0.4, "other": 0.2},
        "median_income": {
            "mining": 550_000, "farming": 150_000, "fishing": 350_000, "trade": 300_000,
            "other": 150_000,
        },
        # Dredging slows when the lagoon floods (August to October), fishing then peaks.
        "mining_months_if_farming": [.9, .9, .9, .85, .8, .75, .6, .3, .2, .25, .6, .85],
        "mining_months_if_not_farming": [.95, .95, .95, .9, .9, .85, .7, .4, .3, .35, .7, .9],
        "farming_weights": [.12, .15, .12, .05, .03, .03, .08, .12, .05, .05, .1, .1],
        "fishing_weights": [.06, .05, .05, .05, .06, .07, .08, .12, .14, .13, .11, .08],
        "migrant": 0.2,
        "roles": {
            "digging": {"men": .93, "both": .05, "women": .02},
            "processing": {"women": .4, "both": .35, "men": .25},
            "selling": {"women": .45, "both": .3, "men": .25},
        },
    },
}

# --- Site visits ----------------------------------------------------------------------------
# Gold sites per region of Burkina Faso. The Sud-Ouest, the case study, has the most.
GOLD_SITES = {
    "Sud-Ouest": 16, "Centre-Nord": 8, "Hauts-Bassins": 7, "Est": 5, "Centre-Est": 5,
    "Boucle du Mouhoun": 5, "Centre-Ouest": 4, "Nord": 4,
}
# Regions without a published ratio, nor published mercury and gold, get this invented one: it
# is below Centre-Est's 1.58, the third highest published, as the NAP summary implies.
DEFAULT_HG_TO_AU_RATIO = 1.2
REGION_CODES = {
    "Sud-Ouest": "SO", "Centre-Nord": "CN", "Hauts-Bassins": "HB", "Est": "ES",
    "Centre-Est": "CE", "Boucle du Mouhoun": "BM", "Centre-Ouest": "CO", "Nord": "NO",
    "Ouémé delta": "OD", "Porto-Novo lagoon": "PN", "Coastal lagoon": "CL",
    "Lake Ahémé": "AH", "Mono and Couffo": "MC",
}
# The inventory groups the Ouémé delta with the Porto-Novo lagoon; this split of its sites is
# invented. Gravel quarries are not in the inventory: their number is invented too.
OUEME_DELTA_SHARE = 0.6
GRAVEL_QUARRIES = 12
# Share of sites worked by hand (diving) rather than with dredges, per water body: the Ouémé
# is mostly manual and the Coastal lagoon mechanised (Lalèyè et al. 2019); Ahémé is invented.
MANUAL_SHARE = {"Ouémé delta": .85, "Porto-Novo lagoon": .85, "Coastal lagoon": .2,
                "Lake Ahémé": .6}
PROTECTED_SHARE = {"Ouémé delta": .35, "Porto-Novo lagoon": .25, "Coastal lagoon": .3,
                   "Lake Ahémé": .4, "Mono and Couffo": .1}
RAINY_MONTHS = (6, 7, 8, 9)
FIRST_DAY, LAST_DAY = date(2023, 1, 1), date(2024, 12, 31)

# --- Stakeholders and their links (Day 2) ------------------------------------------------------
# Who is involved in each case, after the actor lists of facts.md (section 5.5), with the gold
# buying chain of section 6.6: the comptoir is a licensed buying house in town, distinct from the
# on-site buyers (collecteurs) and from the financiers who advance money to pit owners. The actors are
# real kinds of actor; every score, stance, goal and link is a judgement invented for practice,
# as a CSO team might record it for a plan to cut mercury use at a gold site in the Sud-Ouest
# (Burkina Faso) or to get quarries restored and lagoon banks protected in Mono (Benin). No
# score sits on 5, the middle of the grid, so that each stakeholder's quadrant is unambiguous.
# (name, category, power, interest, stance, goal, influence tower, description)
STAKEHOLDERS = {
    "burkina_gold": [
        # ANEEMAS, the agency that supervised artisanal mining from 2015, became the state company
        # SONASP in 2023; the ministry's DEMAS now works on formalisation (facts.md 6.1.1, 6.13).
        ("DEMAS", "state", 8, 9, "supportive", "order", 8,
         "Directorate of artisanal and semi-mechanised mining in the mines ministry: works on the "
         "formalisation of artisanal sites (its exact mandate is not in the workshop's sources). "
         "ANEEMAS, the agency that supervised artisanal mining from 2015, became the state "
         "company SONASP in 2023."),
        ("Ministère des Mines", "state", 9, 4, "neutral", "revenue", 9,
         "Ministry in charge of mines in Ouagadougou: sets mining policy and collects royalties and "
         "taxes; follows one site from afar."),
        ("Ministère de l'Environnement", "state", 7, 6, "supportive", "conservation", 6,
         "Ministry in charge of the environment; one of the executing partners of the planetGOLD "
         "project on mercury."),
        ("Mairie (commune)", "state", 6, 4, "neutral", "revenue", 4,
         "The commune's town hall: collects local taxes from the site and is asked for roads and "
         "schools."),
        ("Chef de terre", "customary", 7, 8, "neutral", "order", 7,
         "Customary land chief: his agreement is sought before pits are opened and he settles "
         "land disputes."),
        ("Chef de site", "miners", 7, 9, "neutral", "revenue", 7,
         "Site manager chosen by the pit owners: keeps order on the site, collects fees and deals "
         "with officials."),
        ("Propriétaires de puits", "miners", 6, 9, "opposed", "revenue", 6,
         "Pit owners who pay for digging and share the ore with their teams; they fear the cost "
         "of permits and of mercury-free equipment."),
        ("Creuseurs", "miners", 2, 8, "neutral", "livelihood", 2,
         "Diggers, many of them young men from other regions, paid with a share of the ore."),
        ("Femmes transformatrices", "miners", 2, 9, "supportive", "livelihood", 3,
         "Women who crush, grind and wash the ore; the people most exposed to mercury."),
        ("Comptoirs d'achat d'or", "traders", 7, 7, "opposed", "revenue", 7,
         "Licensed gold-buying houses in Bobo-Dioulasso and Ouagadougou: they buy artisanal gold "
         "in the regulated circuit and supply the on-site buyers with money. Since 20 February "
         "2024 they may no longer export: SONASP is the only exporter of artisanal gold."),
        ("Acheteurs sur site (collecteurs)", "traders", 4, 8, "neutral", "revenue", 4,
         "Buyers who sit on the site or at the market with a scale and buy small quantities of "
         "gold, with money from the comptoirs; they sell on to a comptoir or a SONASP window."),
        ("Financeurs des puits", "traders", 6, 6, "opposed", "revenue", 5,
         "Financiers who advance money to pit owners for digging, fuel and food, and are repaid "
         "in gold or ore; some are linked to criminal networks."),
        ("Vendeurs de mercure", "traders", 4, 7, "opposed", "revenue", 4,
         "Traders who sell mercury on the site, often on credit."),
        ("Association des orpailleurs", "miners", 4, 8, "supportive", "livelihood", 4,
         "Miners' association of the site, young and still looking for a legal form."),
        ("ONG locale", "CSO", 3, 9, "supportive", "both", 3,
         "The local NGO that plans the engagement: the participants' own organisation."),
        ("planetGOLD / AGC", "project", 6, 8, "supportive", "both", 6,
         "The GEF GOLD (planetGOLD) project in Burkina Faso, not a CSO: funded by the GEF, "
         "implemented by UNIDO and executed by the environment ministry, ANEEMAS (now SONASP) and "
         "the Artisanal Gold Council. It worked on mercury-free processing, formalisation, access "
         "to markets and finance."),
        ("Mine industrielle", "company", 8, 4, "opposed", "revenue", 7,
         "Industrial gold mine whose permit overlaps land the artisanal miners dig."),
        ("Forces de défense et de sécurité", "security", 8, 3, "neutral", "order", 6,
         "Police and gendarmerie: can close a site; insecurity in the region weighs on every "
         "visit."),
        ("Groupement de femmes", "community", 2, 4, "neutral", "livelihood", 1,
         "Women's savings group of the village, which lends small sums to its members."),
        ("Agriculteurs riverains", "community", 2, 6, "opposed", "livelihood", 1,
         "Farmers next to the site whose fields and water suffer from pits and washing."),
    ],
    "benin_sand": [
        ("Préfet du Mono", "state", 9, 6, "neutral", "order", 9,
         "Prefect of the Mono department: chairs the Brigade mobile de contrôle and can ban "
         "practices by order, such as loading at night."),
        ("Brigade mobile de contrôle", "security", 7, 6, "neutral", "order", 7,
         "Control unit chaired by the prefect: checks permits, loading vouchers, depths and "
         "loading hours."),
        ("Ministère de l'Eau et des Mines", "state", 9, 4, "neutral", "revenue", 8,
         "Ministry in charge of mines and water: grants quarry authorisations after a technical "
         "review."),
        ("Direction départementale des mines", "state", 6, 8, "supportive", "order", 6,
         "Departmental directorate of mines: reviews applications and checks depth, perimeter and "
         "restoration."),
        ("Mairie de Houéyogbé", "state", 6, 7, "neutral", "revenue", 5,
         "Town hall of Houéyogbé, where many quarries are: collects the local development tax."),
        ("Mairie de Comé", "state", 6, 4, "neutral", "revenue", 4,
         "Town hall of Comé, with few quarries: collects the local development tax."),
        ("Chef de village", "customary", 6, 6, "neutral", "order", 5,
         "Village chief: his word counts when land is let for a quarry and when disputes arise."),
        ("Chefs de carrière", "miners", 6, 9, "opposed", "revenue", 7,
         "Quarry heads who hold or rent the permits and organise the work; they fear the cost of "
         "restoring pits."),
        ("Collecteurs de sable", "miners", 3, 9, "neutral", "livelihood", 3,
         "Sand collectors who dive or dig and sell by the load."),
        ("Chargeurs de camions", "miners", 2, 8, "opposed", "livelihood", 2,
         "Truck loaders, paid by the load; night loading bans cut their hours."),
        ("Femmes laveuses de gravier", "miners", 2, 9, "supportive", "livelihood", 2,
         "Women who carry, wash and sieve gravel at the quarries."),
        ("Sociétés de dragage", "company", 7, 7, "opposed", "revenue", 6,
         "Firms that dredge lagoon sand with motor pumps."),
        ("Transporteurs", "traders", 6, 6, "opposed", "revenue", 5,
         "Truck owners who buy loads at the quarry and deliver them to builders."),
        ("Entreprises du BTP", "traders", 4, 3, "neutral", "revenue", 3,
         "Building firms in the towns that buy the sand and gravel."),
        ("Pêcheurs du lac Ahémé", "community", 3, 8, "supportive", "livelihood", 2,
         "Fishers whose catch and banks suffer from dredging."),
        ("ONG locale", "CSO", 3, 9, "supportive", "both", 3,
         "The local NGO that plans the engagement: the participants' own organisation."),
        ("Groupement de femmes de Comé", "community", 2, 4, "supportive", "livelihood", 1,
         "Women's group of Comé that processes and sells fish and farm produce."),
    ],
}
# (source, target, link type): who gives money to whom, who commands whom, who supports or
# fights whom. One actor per case has no link at all, for the lesson on who is left out.
STAKEHOLDER_LINKS = {
    "burkina_gold": [
        ("Comptoirs d'achat d'or", "Acheteurs sur site (collecteurs)", "money"),
        ("Acheteurs sur site (collecteurs)", "Propriétaires de puits", "money"),
        ("Financeurs des puits", "Propriétaires de puits", "money"),
        ("Propriétaires de puits", "Creuseurs", "money"),
        ("Propriétaires de puits", "Femmes transformatrices", "money"),
        ("Propriétaires de puits", "Chef de site", "money"),
        ("Propriétaires de puits", "Vendeurs de mercure", "money"),
        ("Chef de site", "Chef de terre", "money"),
        ("Chef de site", "Mairie (commune)", "money"),
        ("Comptoirs d'achat d'or", "Ministère des Mines", "money"),
        ("Mine industrielle", "Ministère des Mines", "money"),
        ("Ministère des Mines", "DEMAS", "command"),
        ("DEMAS", "Chef de site", "command"),
        ("Chef de site", "Creuseurs", "command"),
        ("Forces de défense et de sécurité", "Chef de site", "command"),
        ("Chef de terre", "Chef de site", "support"),
        ("planetGOLD / AGC", "Femmes transformatrices", "support"),
        ("planetGOLD / AGC", "DEMAS", "support"),
        ("Ministère de l'Environnement", "planetGOLD / AGC", "support"),
        ("ONG locale", "Association des orpailleurs", "support"),
        ("ONG locale", "Femmes transformatrices", "support"),
        ("Association des orpailleurs", "Creuseurs", "support"),
        ("Groupement de femmes", "Femmes transformatrices", "support"),
        ("Mine industrielle", "Creuseurs", "conflict"),
        ("Forces de défense et de sécurité", "Creuseurs", "conflict"),
    ],
    "benin_sand": [
        ("Ministère de l'Eau et des Mines", "Direction départementale des mines", "command"),
        ("Préfet du Mono", "Brigade mobile de contrôle", "command"),
        ("Préfet du Mono", "Mairie de Comé", "command"),
        ("Préfet du Mono", "Mairie de Houéyogbé", "command"),
        ("Brigade mobile de contrôle", "Chefs de carrière", "command"),
        ("Direction départementale des mines", "Chefs de carrière", "command"),
        ("Direction départementale des mines", "Sociétés de dragage", "command"),
        ("Chefs de carrière", "Mairie de Houéyogbé", "money"),
        ("Chefs de carrière", "Mairie de Comé", "money"),
        ("Chefs de carrière", "Ministère de l'Eau et des Mines", "money"),
        ("Sociétés de dragage", "Ministère de l'Eau et des Mines", "money"),
        ("Chefs de carrière", "Chef de village", "money"),
        ("Chefs de carrière", "Collecteurs de sable", "money"),
        ("Chefs de carrière", "Femmes laveuses de gravier", "money"),
        ("Transporteurs", "Chefs de carrière", "money"),
        ("Transporteurs", "Chargeurs de camions", "money"),
        ("Entreprises du BTP", "Transporteurs", "money"),
        ("Chef de village", "Chefs de carrière", "support"),
        ("Mairie de Houéyogbé", "Direction départementale des mines", "support"),
        ("ONG locale", "Pêcheurs du lac Ahémé", "support"),
        ("ONG locale", "Femmes laveuses de gravier", "support"),
        ("Brigade mobile de contrôle", "Chargeurs de camions", "conflict"),
        ("Sociétés de dragage", "Pêcheurs du lac Ahémé", "conflict"),
    ],
}

# --- Incentives (Day 2) ---------------------------------------------------------------------
# Carrots, sticks and enablers a miner meets, each against one barrier to formalisation (the
# five categories of facts.md section 3.2, with "structural" split into finance and markets).
# Costs and benefits to a miner are scored 0 (none) to 5 (very high); the scores, delays and who
# pays are judgements invented for practice. The evidence says what is real and what is not.
# (measure, kind, barrier, cost to miner, benefit to miner, months to benefit or None, who pays,
#  evidence)
INCENTIVES = {
    "burkina_gold": [
        ("Carte d'artisan minier at a lower fee", "enabler", "costly_licence", 2, 4, 6,
         "State (mines administration)",
         "Real: under the mining code of July 2024, an artisan miner holds a carte d'artisan "
         "minier. Invented: the lower fee and the scores."),
        ("Fairmined certification and its premium", "carrot", "no_market_access", 4, 4, 24,
         "Buyers of certified gold",
         "Real: the Fairmined premium is up to US$4,000 per kg of gold, US$6,000 for ecological "
         "gold; no Fairmined-certified organisation was found in Burkina Faso, where the CRAFT "
         "code is the route used. Invented: the time and cost to be certified, and the scores."),
        ("Mercury-free gravity equipment on credit", "enabler", "no_finance", 3, 4, 12,
         "planetGOLD project and a microfinance institution",
         "Real: planetGOLD works on mercury-free technology and access to finance in Burkina "
         "Faso. Invented: the credit and the scores."),
        ("Official gold buying counter near the site", "carrot", "no_market_access", 1, 3, 1,
         "State",
         "Real: Law 028-2017/AN organises the marketing of gold. Invented: the counter and the "
         "scores."),
        ("Mining law that allows mercury-free processing", "enabler", "unsuited_law", 1, 3, 18,
         "State",
         "Real: gravimetry and mercury-free techniques were written into the mining law adopted "
         "in July 2024. Invented: the delay and the scores."),
        ("Closing sites that have no permit", "stick", "weak_enforcement", 5, 0, None,
         "State (security forces)",
         "Invented for practice: closing a site without offering a legal alternative sends the "
         "miners to another site."),
        ("Fines for using mercury near water", "stick", "weak_enforcement", 3, 0, None,
         "Miners who are fined",
         "Invented for practice, as are the scores."),
        ("Village savings group lending to ore processors", "enabler", "no_finance", 1, 3, 6,
         "Members' savings",
         "Invented for practice, as are the scores."),
    ],
    "benin_sand": [
        ("Quarry authorisation after the commune's technical review", "enabler",
         "costly_licence", 3, 3, 6, "Quarry heads",
         "Real: the ministry grants quarry permits after a review by the commune and the "
         "departmental directorate; 33 were granted in Mono and Couffo in August 2021. Invented: "
         "the scores."),
        ("Ban on loading at night", "stick", "weak_enforcement", 3, 1, 12, "Truck loaders and quarry heads",
         "Real: a prefectoral order of 18 July 2023 banned night loading in Mono. Invented: the "
         "scores and the delay."),
        ("Brigade mobile patrols checking vouchers and depth", "stick", "weak_enforcement", 2, 0,
         None, "State (prefecture)",
         "Real: permit holders are asked to help the Brigade mobile de contrôle, chaired by the "
         "prefect; permits set a maximum depth and require a loading voucher for each buyer. "
         "Invented: the scores."),
        ("Repairing quarry roads with the local development tax", "carrot", "no_market_access", 1,
         4, 6, "Commune",
         "Real: permit holders pay the local development tax and must repair quarry roads. "
         "Invented: spending the tax on roads, and the scores."),
        ("Rules for local associations of manual dredgers", "enabler", "absent_law", 1, 4, 24,
         "State",
         "Real (Djihouessi et al. 2017): around the Grand-Nokoué lagoon, traditional sand "
         "dredgers are organised in local associations that issue extraction licences. Invented: "
         "national rules for them, and the scores."),
        ("Permits fitted to lagoon sand after the beach-sand ban", "enabler", "unsuited_law", 2,
         3, 18, "State",
         "Real: Decree 2008-615 banned beach sand, and extraction moved to rivers and lagoons. "
         "Invented: the permits and the scores."),
        ("Sand collectors' cooperative with a bank account", "enabler", "no_finance", 1, 3, 9,
         "Members and a microfinance institution",
         "Invented for practice, as are the scores."),
        ("Restoration deposit refunded once the pit is restored", "carrot", "weak_enforcement",
         3, 3, 12, "Quarry heads (refunded)",
         "Real: permits require progressive restoration of the site. Invented: the deposit and "
         "the scores."),
    ],
}

# --- Rehabilitation site log (Day 2) ------------------------------------------------------------
# Degraded pits and zones that CSO teams plan to rehabilitate with the Frugal Rehabilitation
# Methodology. The size of a site and the miners working on it are calibrated on the FRM pilots
# in Mongolia (frm_pilots.csv); everything else, prices included, is invented.
REHABILITATION_SITES = {
    "burkina_gold": {"prefix": "RH-BF", "deposits": {"alluvial": 8, "hard_rock": 6}},
    "benin_sand": {"prefix": "RH-BJ", "deposits": {"lagoon_sand": 10}},
}
# Share of a site's area dug into pits or heaps, and their depth (m), by deposit type. Invented.
DISTURBED_SHARE = {"alluvial": (0.15, 0.35), "hard_rock": (0.03, 0.08), "lagoon_sand": (0.1, 0.3)}
PIT_DEPTH_M = {"alluvial": (1.0, 3.0), "hard_rock": (4.0, 12.0), "lagoon_sand": (1.0, 3.0)}
NO_TOPSOIL_SHARE = 0.3  # sites where nobody stored topsoil before digging
MACHINE_SHARE = (0.3, 0.6)  # limited mechanisation: machines move part of the volume
MACHINE_M3_PER_HOUR = 60
LABOUR_FCFA_PER_DAY = 2_500
MACHINE_FCFA_PER_HOUR = 30_000
SEED_FCFA_PER_KG = 1_000
SIGNOFF_FIRST_DAY, SIGNOFF_LAST_DAY = date(2023, 3, 1), date(2024, 11, 30)


# --- Risks (Day 3) ------------------------------------------------------------------------------
# Environmental and social risks a CSO and the miners might write into the risk register of an
# environmental management plan for each case. Likelihood and severity (1 rare or minor, 5 almost
# certain or very grave) and the suggested level of the mitigation hierarchy are judgements
# invented for practice, written by hand like the stakeholders and incentives: no seed is needed.
# The note says what in the row rests on a published fact and what is invented. Every priority
# band (low 1-4, medium 5-9, high 10-25) appears in each case. No row is offset: for cleared trees
# and breeding grounds, avoiding comes first, and offset is the last resort for what is left.
# (risk, likelihood, severity, suggested mitigation, note)
RISKS = {
    "burkina_gold": [
        ("Mercury vapour when amalgam is burnt in the open or at home", 5, 5, "minimise",
         "Real: the Minamata Convention asks national action plans to eliminate open burning of amalgam "
         "and burning in residential areas; the Sud-Ouest has Burkina Faso's highest published "
         "mercury-to-gold ratio (2.37). Invented: the scores."),
        ("Pit or shaft collapse on diggers", 4, 5, "minimise",
         "Invented for practice, as are the scores."),
        ("Mercury lost to streams from whole-ore amalgamation", 4, 4, "avoid",
         "Real: the Minamata Convention asks national action plans to eliminate whole-ore "
         "amalgamation. Invented: the scores."),
        ("Children crushing and washing ore", 3, 4, "avoid",
         "Invented for practice, as are the scores."),
        ("Open pits left after mining, where people and cattle fall", 4, 3, "restore",
         "Real: the Frugal Rehabilitation Methodology rehabilitates degraded and abandoned ASM land. "
         "Invented: the scores."),
        ("Conflict with farmers over land and water", 3, 3, "minimise",
         "Invented for practice, as are the scores."),
        ("Trees and bush cleared for pits and firewood", 4, 2, "avoid",
         "Avoid first: agree with the miners on trees and groves that stay, and keep pits out of "
         "them; planting elsewhere (an offset) does not bring back what was cut. Invented: the "
         "scores."),
        ("Cyanide brought in to leach tailings that hold mercury", 3, 5, "avoid",
         "Real: cyanide leaching at artisanal sites in Burkina Faso is documented from 2009 to 2023 "
         "(Fofora in the Poni 2009, Kaya 2014, Poura 2019, Mognonré 2023), although chemicals are "
         "banned in artisanal gold mining; the Minamata Convention asks national action plans to "
         "eliminate cyanide leaching of tailings to which mercury was added without first removing "
         "the mercury. Invented: the scores."),
        ("Dust from crushing ore near houses", 2, 2, "minimise",
         "Invented for practice, as are the scores."),
    ],
    "benin_sand": [
        ("Lagoon banks eroded and collapsing near dredging", 4, 4, "avoid",
         "Real: around the Grand-Popo lagoon, 75.4 % of people surveyed saw bank degradation from "
         "sand extraction. Invented: the scores."),
        ("Quarry walls collapsing on gravel diggers", 3, 5, "minimise",
         "Real: quarry permits in Mono and Couffo set a maximum depth. Invented: the scores."),
        ("Accidents when trucks are loaded at night", 3, 4, "avoid",
         "Real: a prefectoral order of 18 July 2023 banned night loading at artisanal sand and "
         "gravel quarries in Mono. Invented: the scores."),
        ("Children carrying and washing gravel", 3, 4, "avoid",
         "Real: quarry permits are granted on condition that no minors work. Invented: the scores."),
        ("Worked-out gravel pits left open and flooded", 4, 3, "restore",
         "Real: quarry permits in Mono and Couffo require progressive restoration of the site. "
         "Invented: the scores."),
        ("Fish breeding grounds lost where the lagoon bed is dredged", 3, 3, "avoid",
         "Real: around the Grand-Popo lagoon, over 75.9 % of people surveyed saw a loss of species. "
         "Avoid first: no dredging over the breeding grounds, agreed with fishers and divers; a "
         "breeding ground lost cannot be made up elsewhere. Invented: the scores."),
        ("Quarry roads broken by loaded trucks", 4, 2, "restore",
         "Real: quarry permits in Mono and Couffo require the repair of quarry roads. Invented: the "
         "scores."),
        ("Conflict with farmers over land let for quarries", 2, 3, "minimise",
         "Invented for practice, as are the scores."),
        ("Dust from trucks on village tracks", 3, 1, "minimise",
         "Invented for practice, as are the scores."),
    ],
}


def main(argv: list[str] | None = None) -> None:
    """Write every synthetic table as CSV into ``--out`` (default: this script's folder)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write the CSV files to")
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    fields = _schema_fields()

    households, monthly = household_survey(np.random.default_rng([SEED, 1]))
    visits = site_visits(np.random.default_rng([SEED, 2]))
    rehabilitation = rehabilitation_site_log(np.random.default_rng([SEED, 3]))
    for name, frame in (
        ("household_survey", households),
        ("household_monthly_income", monthly),
        ("site_visits", visits),
        ("stakeholders", stakeholders()),
        ("stakeholder_links", stakeholder_links()),
        ("incentives", incentives()),
        ("rehabilitation_site_log", rehabilitation),
        ("risks", risks()),
    ):
        _write(frame, fields[name], out / f"{name}.csv")


def household_survey(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the household table and its monthly income table (FCFA), for both communities."""
    households, monthly = [], []
    for community, spec in HOUSEHOLD_COMMUNITIES.items():
        for number in range(1, spec["households"] + 1):
            household_id = f"{spec['prefix']}-{number:03d}"
            income = _monthly_income(rng, spec)
            yearly = {source: int(income[source].sum()) for source in SOURCES}
            mines = yearly["mining"] > 0
            head_gender = "female" if rng.random() < 0.22 else "male"
            migrant = bool(rng.random() < spec["migrant"])
            years = int(1 + rng.integers(0, 12)) if migrant else int(rng.integers(12, 55))
            households.append({
                "household_id": household_id,
                "community": community,
                "country": spec["country"],
                "region": spec["region"],
                "household_size": int(1 + rng.poisson(5.2)),
                "head_gender": head_gender,
                "main_livelihood": max(SOURCES, key=lambda source: yearly[source]),
                **{f"income_{source}_fcfa": yearly[source] for source in SOURCES},
                "months_in_mining": int((income["mining"] > 0).sum()),
                **{
                    f"{task}_done_by": _choose(rng, shares) if mines else "nobody"
                    for task, shares in spec["roles"].items()
                },
                "migrant": migrant,
                "years_in_place": pd.NA if rng.random() < 0.03 else years,
            })
            for month in MONTHS:
                for source in SOURCES:
                    monthly.append({
                        "household_id": household_id,
                        "month": int(month),
                        "source": source,
                        "income_fcfa": int(income[source][month - 1]),
                    })
    return pd.DataFrame(households), pd.DataFrame(monthly)


def _monthly_income(rng: np.random.Generator, spec: dict) -> dict[str, np.ndarray]:
    """Return, for each source, the household's income in each month (FCFA, rounded to 100)."""
    has = {source: rng.random() < spec["has_source"][source] for source in SOURCES}
    if not any(has.values()):
        has["other"] = True
    income = {}
    for source in SOURCES:
        if not has[source]:
            income[source] = np.zeros(12, dtype=int)
            continue
        yearly = spec["median_income"][source] * rng.lognormal(0, 0.5)
        if source == "mining":
            chances = spec["mining_months_if_farming" if has["farming"] else
                           "mining_months_if_not_farming"]
            active = rng.random(12) < np.array(chances)
            if not active.any():
                active[int(np.argmax(chances))] = True
            weights = active * rng.gamma(4, 1, 12)
        elif source in ("farming", "fishing"):
            weights = np.array(spec[f"{source}_weights"]) * rng.gamma(4, 1, 12)
        else:
            weights = rng.gamma(4, 1, 12)
        income[source] = np.round(yearly * weights / weights.sum(), -2).astype(int)
    return income


def site_visits(rng: np.random.Generator) -> pd.DataFrame:
    """Return one row per site visit in 2023-2024: gold in Burkina Faso, sand, gravel in Benin."""
    ratios = _published_ratios()
    sites = []
    for region, count in GOLD_SITES.items():
        sites += [_gold_site(rng, region, ratios.get(region, DEFAULT_HG_TO_AU_RATIO))
                  for _ in range(count)]
    for water_body, count in _sand_site_counts().items():
        sites += [_sand_site(rng, water_body) for _ in range(count)]
    sites += [_gravel_site(rng) for _ in range(GRAVEL_QUARRIES)]

    numbers: dict[str, int] = {}
    visits = []
    for site in sites:
        code = REGION_CODES[site["region"]]
        numbers[code] = numbers.get(code, 0) + 1
        site["site_code"] = f"{site['prefix']}-{code}-{numbers[code]:02d}"
        for day in _visit_days(rng, int(rng.choice([1, 2, 2, 3]))):
            visits.append(_visit(rng, site, day))
    frame = pd.DataFrame(visits).sort_values(["visit_date", "site_code"], ignore_index=True)
    frame = _calibrate_mercury(frame, ratios)
    frame.insert(0, "visit_id", [f"V{number:03d}" for number in range(1, len(frame) + 1)])
    return frame


def _published_ratios() -> dict[str, float]:
    """Return the mercury to gold ratio (kg/kg) of each region where the baseline gives one.

    A published ratio comes first; otherwise the ratio of published mercury to published gold.
    """
    baseline = pd.read_csv(HERE / "burkina_mercury_baseline.csv")
    ratios = {}
    for row in baseline.itertuples():
        if pd.notna(row.hg_to_au_ratio):
            ratios[row.region] = float(row.hg_to_au_ratio)
        elif pd.notna(row.hg_use_kg_per_year) and pd.notna(row.gold_output_kg_per_year):
            ratios[row.region] = row.hg_use_kg_per_year / row.gold_output_kg_per_year
    return ratios


def _sand_site_counts() -> dict[str, int]:
    """Return the number of synthetic sand sites per water body, as in the real inventory."""
    inventory = pd.read_csv(HERE / "benin_sand_site_inventory.csv")
    counts = dict(zip(inventory.water_body, inventory.sand_mining_sites, strict=True))
    oueme_and_porto_novo = int(counts["Ouémé delta and Porto-Novo lagoon"])
    oueme = round(oueme_and_porto_novo * OUEME_DELTA_SHARE)
    return {
        "Ouémé delta": oueme,
        "Porto-Novo lagoon": oueme_and_porto_novo - oueme,
        "Coastal lagoon": int(counts["Coastal lagoon"]),
        "Lake Ahémé": int(counts["Lake Ahémé, its channels and the Mono basin"]),
    }


def _gold_site(rng: np.random.Generator, region: str, ratio: float) -> dict:
    shaft = rng.random() < 0.6
    mercury = rng.random() < 0.85
    whole_ore = mercury and rng.random() < 0.4
    return {
        "prefix": "BF", "country": "Burkina Faso", "region": region, "mineral": "gold",
        "extraction_method": "shaft" if shaft else "scraping",
        "workers": rng.lognormal(np.log(250 if shaft else 80), 0.6),
        "women_share": rng.beta(6, 11) if shaft else rng.beta(9, 11),
        "children": 0.35,
        "mercury_used": mercury,
        "amalgamation_method": ("whole_ore" if whole_ore else "concentrate") if mercury else None,
        "cyanide_used": bool(rng.random() < (0.15 if shaft else 0.04)),
        "gold_per_worker_g": rng.lognormal(np.log(1.5 if shaft else 0.8), 0.4),
        # Whole-ore amalgamation loses far more mercury than amalgamating a concentrate.
        "ratio": ratio * (1.6 if whole_ore else 0.8) * rng.lognormal(0, 0.25) if mercury else 0.0,
        "authorisation_status": _choose(rng, {"none": .7, "expired": .1, "valid": .2}),
        "distance_to_water_m": int(rng.lognormal(np.log(400 if shaft else 80), 0.8)),
        "protected": bool(rng.random() < 0.15),
        "restoration_done": bool(rng.random() < 0.1),
        "cso_contacted": bool(rng.random() < 0.3),
    }


def _sand_site(rng: np.random.Generator, water_body: str) -> dict:
    manual = rng.random() < MANUAL_SHARE[water_body]
    return {
        "prefix": "BJ", "country": "Benin", "region": water_body, "mineral": "sand",
        "extraction_method": "manual_diving" if manual else "mechanised_dredging",
        "workers": rng.lognormal(np.log(25 if manual else 8), 0.5),
        "women_share": rng.beta(1, 14),
        "children": 0.15,
        "volume_m3": (lambda workers: workers * rng.uniform(20, 40)) if manual
        else (lambda workers: rng.uniform(1500, 4000)),
        "authorisation_status": _choose(rng, {"none": .5, "expired": .15, "valid": .35}),
        "distance_to_water_m": 0,
        "protected": bool(rng.random() < PROTECTED_SHARE[water_body]),
        "restoration_done": bool(rng.random() < 0.05),
        "cso_contacted": bool(rng.random() < 0.3),
    }


def _gravel_site(rng: np.random.Generator) -> dict:
    return {
        "prefix": "BJ", "country": "Benin", "region": "Mono and Couffo", "mineral": "gravel",
        "extraction_method": "manual_quarrying",
        "workers": rng.lognormal(np.log(40), 0.5),
        # At the Lokossa quarries women, who carry, wash and sieve, outnumber the men who dig.
        "women_share": rng.beta(12, 8),
        "children": 0.3,
        "volume_m3": lambda workers: workers * rng.uniform(4, 8),
        "authorisation_status": _choose(rng, {"none": .3, "expired": .15, "valid": .55}),
        "distance_to_water_m": int(rng.uniform(100, 2000)),
        "protected": bool(rng.random() < PROTECTED_SHARE["Mono and Couffo"]),
        "restoration_done": bool(rng.random() < 0.15),
        "cso_contacted": bool(rng.random() < 0.3),
    }


def _visit(rng: np.random.Generator, site: dict, day: date) -> dict:
    gold = site["mineral"] == "gold"
    season = 0.5 if gold and day.month in RAINY_MONTHS else 1.0
    workers = max(3, int(round(site["workers"] * season * rng.lognormal(0, 0.2))))
    gold_g = None
    if gold:
        gold_g = int(round(workers * site["gold_per_worker_g"] * rng.lognormal(0, 0.2)))
    return {
        "site_code": site["site_code"],
        "visit_date": day,
        "country": site["country"],
        "region": site["region"],
        "mineral": site["mineral"],
        "extraction_method": site["extraction_method"],
        "workers_total": workers,
        "women_count": int(rng.binomial(workers, site["women_share"])),
        "children_present": bool(rng.random() < site["children"]),
        "mercury_used": site["mercury_used"] if gold else None,
        "amalgamation_method": site["amalgamation_method"] if gold else None,
        "cyanide_used": site["cyanide_used"] if gold else None,
        "mercury_g_per_month": gold_g * site["ratio"] if gold else None,
        # A few miners do not say how much gold they produce.
        "gold_g_per_month": gold_g if gold and rng.random() > 0.05 else None,
        "sand_gravel_m3_per_month": None if gold else int(round(site["volume_m3"](workers))),
        "authorisation_status": site["authorisation_status"],
        "distance_to_water_m": site["distance_to_water_m"],
        "in_or_near_protected_area": site["protected"],
        "restoration_done": site["restoration_done"],
        "cso_contacted": site["cso_contacted"],
    }


def _calibrate_mercury(visits: pd.DataFrame, ratios: dict[str, float]) -> pd.DataFrame:
    """Scale each region's mercury so that its total over its gold total is the target ratio.

    Only visits that report both mercury and gold count, as a participant would compute it.
    """
    visits = visits.copy()
    mercury = visits["mercury_g_per_month"].astype(float)
    complete = mercury.notna() & visits["gold_g_per_month"].notna()
    for region in GOLD_SITES:
        rows = complete & (visits["region"] == region)
        target = ratios.get(region, DEFAULT_HG_TO_AU_RATIO)
        actual = mercury[rows].sum() / visits.loc[rows, "gold_g_per_month"].astype(float).sum()
        in_region = visits["region"] == region
        mercury[in_region] = mercury[in_region] * target / actual
    visits["mercury_g_per_month"] = mercury.round().astype("Int64")
    return visits


def stakeholders() -> pd.DataFrame:
    """Return the stakeholders of both cases, with their grid scores and influence towers."""
    rows = [
        {"case": case, "stakeholder": name, "category": category, "power": power,
         "interest": interest, "stance": stance, "goal": goal, "influence": influence,
         "description": description}
        for case, actors in STAKEHOLDERS.items()
        for name, category, power, interest, stance, goal, influence, description in actors
    ]
    return pd.DataFrame(rows)


def stakeholder_links() -> pd.DataFrame:
    """Return the typed, directed links between the stakeholders of each case."""
    known = {case: {actor[0] for actor in actors} for case, actors in STAKEHOLDERS.items()}
    rows = []
    for case, links in STAKEHOLDER_LINKS.items():
        for source, target, link_type in links:
            if source not in known[case] or target not in known[case]:
                raise ValueError(f"{case}: link {source} -> {target} names an unknown stakeholder")
            rows.append({"case": case, "source": source, "target": target, "link_type": link_type})
    return pd.DataFrame(rows)


def incentives() -> pd.DataFrame:
    """Return the incentive table: measures a miner meets, scored for cost and benefit (0-5)."""
    rows = [
        {"case": case, "measure": measure, "kind": kind, "barrier": barrier,
         "cost_to_miner": cost, "benefit_to_miner": benefit, "months_to_benefit": months,
         "who_pays": who_pays, "evidence": evidence}
        for case, measures in INCENTIVES.items()
        for measure, kind, barrier, cost, benefit, months, who_pays, evidence in measures
    ]
    return pd.DataFrame(rows)


def rehabilitation_site_log(rng: np.random.Generator) -> pd.DataFrame:
    """Return one row per degraded site to rehabilitate: size, volumes, topsoil, labour, cost (FCFA)."""
    hectares_per_site, miners_per_site = _frm_pilot_averages()
    sites = []
    for case, spec in REHABILITATION_SITES.items():
        number = 0
        for deposit_type, count in spec["deposits"].items():
            for _ in range(count):
                number += 1
                sites.append({"site_id": f"{spec['prefix']}-{number:02d}", "case": case,
                              "deposit_type": deposit_type,
                              "area_ha": rng.lognormal(np.log(hectares_per_site), 0.45)})
    # Scale the areas so that the average site is as large as the pilots' average site.
    scale = hectares_per_site / np.mean([site["area_ha"] for site in sites])
    for site in sites:
        area = round(site["area_ha"] * scale, 1)
        kind = site["deposit_type"]
        volume = area * 10_000 * rng.uniform(*DISTURBED_SHARE[kind]) * rng.uniform(*PIT_DEPTH_M[kind])
        stored = rng.random() >= NO_TOPSOIL_SHARE
        topsoil = round(area * 10_000 * rng.uniform(0.02, 0.08), -1) if stored else 0
        distance = rng.uniform(20, 300) if stored else rng.uniform(500, 3000)
        native = bool(rng.random() < 0.75)
        seed = round(area * rng.uniform(1, 4), 1) if native else 0.0
        labour = int(round(miners_per_site * (area / hectares_per_site) * rng.uniform(15, 40)))
        machinery = round(volume * rng.uniform(*MACHINE_SHARE) / MACHINE_M3_PER_HOUR * 2) / 2
        cost = (labour * LABOUR_FCFA_PER_DAY + machinery * MACHINE_FCFA_PER_HOUR
                + seed * SEED_FCFA_PER_KG)
        handed_over = bool(rng.random() < 0.4)
        span = (SIGNOFF_LAST_DAY - SIGNOFF_FIRST_DAY).days
        site.update({
            "area_ha": area,
            "pit_volume_m3": int(round(volume, -1)),
            "topsoil_stockpiled_m3": int(topsoil),
            "distance_to_topsoil_m": int(round(distance, -1)),
            "native_species_present": native,
            "seed_collected_kg": seed,
            "labour_person_days": labour,
            "machinery_hours": machinery,
            "cost_fcfa": int(round(cost, -3)),
            "handed_over": handed_over,
            "government_signoff_date": (
                SIGNOFF_FIRST_DAY + timedelta(days=int(rng.integers(0, span + 1)))
                if handed_over else None
            ),
        })
    return pd.DataFrame(sites)


def risks() -> pd.DataFrame:
    """Return the risk table: each case's risks with likelihood and severity (1-5), a suggested
    level of the mitigation hierarchy, and a note on what is real and what invented."""
    rows = [
        {"case": case, "risk": risk, "likelihood": likelihood, "severity": severity,
         "suggested_mitigation": mitigation, "note": note}
        for case, case_risks in RISKS.items()
        for risk, likelihood, severity, mitigation, note in case_risks
    ]
    return pd.DataFrame(rows)


def _frm_pilot_averages() -> tuple[float, float]:
    """Return the FRM pilots' hectares per site and miners per site, averaged over the reports."""
    pilots = pd.read_csv(HERE / "frm_pilots.csv")
    hectares = (pilots["area_ha"] / pilots["sites"]).mean()
    miners = (pilots["miners"] / pilots["sites"]).mean()
    return float(hectares), float(miners)


def _visit_days(rng: np.random.Generator, count: int) -> list[date]:
    """Return ``count`` different days between FIRST_DAY and LAST_DAY, in order."""
    span = (LAST_DAY - FIRST_DAY).days + 1
    offsets = sorted(rng.choice(span, size=count, replace=False))
    return [FIRST_DAY + timedelta(days=int(offset)) for offset in offsets]


def _choose(rng: np.random.Generator, shares: dict[str, float]) -> str:
    """Return one key of ``shares``, drawn with its share as probability."""
    keys = list(shares)
    weights = np.array([shares[key] for key in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=weights / weights.sum()))]


def _schema_fields() -> dict[str, list[dict]]:
    """Return each resource's schema fields from datapackage.json, by resource name."""
    package = json.loads((HERE / "datapackage.json").read_text(encoding="utf-8"))
    return {resource["name"]: resource["schema"]["fields"] for resource in package["resources"]}


def _write(frame: pd.DataFrame, fields: list[dict], path: Path) -> None:
    """Write ``frame`` as UTF-8 CSV in the schema's column order; booleans as true/false."""
    names = [field["name"] for field in fields]
    if sorted(names) != sorted(frame.columns):
        raise ValueError(
            f"{path.name}: the generator makes columns {sorted(frame.columns)}, "
            f"but datapackage.json declares {sorted(names)}"
        )
    frame = frame[names].copy()
    for field in fields:
        column = frame[field["name"]]
        if field["type"] == "boolean":
            frame[field["name"]] = column.map(
                lambda value: "" if value is None or pd.isna(value) else str(bool(value)).lower()
            )
        elif field["type"] == "integer":
            frame[field["name"]] = column.astype("Int64")
        elif field["type"] == "date":
            frame[field["name"]] = column.map(
                lambda day: "" if day is None or pd.isna(day) else day.isoformat()
            )
    path.write_bytes(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))


if __name__ == "__main__":
    main()
