"""A miner's year informal and formal: incomes, break-even points, and the calculator widget."""

import dataclasses
import json
import re

import ipywidgets as widgets
import pytest

from asm_workshop import i18n
from asm_workshop.formalisation import (
    FAIRMINED_ECOLOGICAL_PREMIUM_USD_PER_KG,
    FAIRMINED_PREMIUM_USD_PER_KG,
    BreakEven,
    FormalisationError,
    MinerYear,
    break_even_output,
    break_even_premium,
    fairmined_premium_fcfa_per_gram,
    formal_income,
    income_chart,
    incomes_by_output,
    informal_income,
    miner_year_problems,
)
from asm_workshop.widgets.formalisation_calculator import PRACTICE_YEAR, FormalisationCalculator

# 100 g a year; informal: 20,000 FCFA/g less 10 % to middlemen = 18,000 FCFA/g kept;
# formal: 25,000 FCFA/g less 20 % tax = 20,000 FCFA/g kept, minus 500,000 FCFA of fees.
YEAR = MinerYear(gold_grams_per_year=100, informal_price_fcfa_per_gram=20_000,
                 reference_price_fcfa_per_gram=25_000, middleman_loss_share=0.1,
                 licence_and_fees_fcfa_per_year=500_000, tax_share=0.2)


@pytest.fixture(autouse=True)
def close_widgets():
    """Close this test's widgets: open ones keep listening, and redraw on every language switch."""
    yield
    widgets.Widget.close_all()


# Incomes and break-even points ------------------------------------------------------------------
def test_incomes_follow_the_formulas():
    informal, formal = informal_income(YEAR), formal_income(YEAR)
    assert informal.gold_sales_fcfa_per_year == 2_000_000
    assert informal.middlemen_fcfa_per_year == pytest.approx(200_000)
    assert informal.net_fcfa_per_year == pytest.approx(1_800_000)
    assert formal.taxes_fcfa_per_year == pytest.approx(500_000)
    assert formal.net_fcfa_per_year == pytest.approx(2_500_000 - 500_000 - 500_000)
    with_premium = formal_income(dataclasses.replace(YEAR, premium_fcfa_per_gram=3_000))
    assert with_premium.premium_fcfa_per_year == 300_000
    assert with_premium.net_fcfa_per_year == pytest.approx(1_800_000)


def test_break_even_output_is_where_both_incomes_meet():
    found = break_even_output(YEAR)
    assert found == BreakEven(pytest.approx(250.0), "g/year")  # 500,000 FCFA / 2,000 FCFA per gram
    at = dataclasses.replace(YEAR, gold_grams_per_year=found.value)
    assert formal_income(at).net_fcfa_per_year == pytest.approx(informal_income(at).net_fcfa_per_year)
    assert "from 250 g of gold sold a year" in found.explain()


def test_break_even_premium_makes_formal_pay_as_much_as_informal():
    poorer = dataclasses.replace(YEAR, reference_price_fcfa_per_gram=21_000)  # 16,800 FCFA/g kept formally
    found = break_even_premium(poorer)
    assert found.value == pytest.approx(18_000 - 16_800 + 5_000) and found.unit == "FCFA/g"
    paid = dataclasses.replace(poorer, premium_fcfa_per_gram=found.value)
    assert formal_income(paid).net_fcfa_per_year == pytest.approx(informal_income(paid).net_fcfa_per_year)
    assert "a premium of 6,200 FCFA per gram" in found.explain()


def test_break_even_premium_ignores_the_premium_already_typed():
    poorer = dataclasses.replace(YEAR, reference_price_fcfa_per_gram=21_000)
    paid = dataclasses.replace(poorer, premium_fcfa_per_gram=900)
    assert break_even_premium(paid) == break_even_premium(poorer)


@pytest.mark.parametrize("change, function, reason", [
    ({"gold_grams_per_year": 0}, break_even_premium, "no_gold"),
    ({"licence_and_fees_fcfa_per_year": 0}, break_even_premium, "formal_pays_without_premium"),
    ({"reference_price_fcfa_per_gram": 20_000}, break_even_output, "formal_pays_less_per_gram"),
    ({"reference_price_fcfa_per_gram": 22_500}, break_even_output, "lines_parallel"),
    ({"reference_price_fcfa_per_gram": 22_500, "licence_and_fees_fcfa_per_year": 0}, break_even_output,
     "equal_at_every_output"),
])
def test_no_break_even_gives_none_and_a_reason_not_a_crash(change, function, reason):
    found = function(dataclasses.replace(YEAR, **change))
    assert found.value is None and found.reason == reason
    assert found.explain().startswith("No ")
    i18n.set_language("fr")
    assert found.explain().startswith("Pas ")


def test_no_fees_and_a_better_formal_price_break_even_at_zero_grams():
    assert break_even_output(dataclasses.replace(YEAR, licence_and_fees_fcfa_per_year=0)).value == 0


def test_incomes_by_output_cross_at_the_break_even_output():
    table = incomes_by_output(YEAR, [0, 250, 500])
    assert list(table["informal_fcfa_per_year"]) == pytest.approx([0, 4_500_000, 9_000_000])
    assert list(table["formal_fcfa_per_year"]) == pytest.approx([-500_000, 4_500_000, 9_500_000])


# Bad input ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("field, value, words", [
    ("gold_grams_per_year", -5, "Gold sold per year (g) cannot be negative (-5)"),
    ("licence_and_fees_fcfa_per_year", -1, "Licence and fees (FCFA/year) cannot be negative"),
    ("premium_fcfa_per_gram", -100, "Premium (FCFA/g) cannot be negative"),
    ("middleman_loss_share", 1.5, "Lost to middlemen must be a share from 0 to 1, not 1.5"),
    ("tax_share", -0.1, "Taxes and royalties must be a share from 0 to 1"),
    ("reference_price_fcfa_per_gram", 0, "Licensed buyer's price (FCFA/g) must be above 0"),
    ("informal_price_fcfa_per_gram", float("nan"), "must be a number"),
    ("gold_grams_per_year", "100", 'must be a number, not "100"'),
    ("tax_share", True, "must be a number"),
])
def test_impossible_inputs_are_refused_naming_the_field(field, value, words):
    with pytest.raises(FormalisationError, match=re.escape(words)) as caught:
        dataclasses.replace(YEAR, **{field: value})
    assert caught.value.field == field


def test_every_bad_field_is_reported_at_once_in_french():
    i18n.set_language("fr")
    problems = miner_year_problems(gold_grams_per_year=-1, informal_price_fcfa_per_gram=0,
                                   reference_price_fcfa_per_gram=25_000, tax_share=2, royalties=3)
    assert set(problems) == {"gold_grams_per_year", "informal_price_fcfa_per_gram", "tax_share", "royalties"}
    assert problems["gold_grams_per_year"] == (
        "Or vendu par an (g) : la valeur ne peut pas être négative (-1).")
    assert "une part comprise entre 0 et 1" in problems["tax_share"]
    assert "« royalties » n'est pas une donnée du calculateur" in problems["royalties"]
    assert "valeur manquante" in miner_year_problems(gold_grams_per_year=1)["reference_price_fcfa_per_gram"]


def test_inputs_round_trip_as_plain_numbers():
    assert MinerYear(**YEAR.to_dict()) == YEAR
    assert json.loads(json.dumps(YEAR.to_dict()))["gold_grams_per_year"] == 100


# Fairmined and the chart ----------------------------------------------------------------------------
def test_the_fairmined_premium_follows_the_exchange_rate_given():
    assert (FAIRMINED_PREMIUM_USD_PER_KG, FAIRMINED_ECOLOGICAL_PREMIUM_USD_PER_KG) == (4_000, 2_000)
    assert fairmined_premium_fcfa_per_gram(600) == pytest.approx(2_400)
    assert fairmined_premium_fcfa_per_gram(600, ecological=True) == pytest.approx(3_600)
    for rate in (0, -600, float("nan"), "600"):
        with pytest.raises(FormalisationError, match="exchange rate above 0"):
            fairmined_premium_fcfa_per_gram(rate)


def test_the_chart_draws_both_incomes_and_marks_the_break_even_output():
    axes = income_chart(YEAR).axes[0]
    labels = [line.get_label() for line in axes.get_lines()]
    assert "Informal" in labels and "Formal" in labels and "your output: 100 g" in labels
    assert [line.get_xdata()[0] for line in axes.get_lines() if line.get_linestyle() == "--"] == [250]
    assert any("break-even: 250 g" in text.get_text() for text in axes.texts)
    i18n.set_language("fr")
    assert income_chart(YEAR).axes[0].get_xlabel() == "Or vendu par an (g)"


# The widget ----------------------------------------------------------------------------------------
def saved(folder, key="day2.formalisation"):
    return json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))["value"]


def calculator(folder, **options):
    return FormalisationCalculator("day2.formalisation", folder=folder, **options)


def test_the_calculator_starts_from_practice_values_it_says_are_invented(tmp_path):
    calc = calculator(tmp_path)
    assert calc.year == PRACTICE_YEAR and "invented for practice" in calc._practice_note.value
    assert calc._inputs["tax_share"].value == 10, "shares are typed as percentages"
    expected = break_even_premium(PRACTICE_YEAR).value
    assert calc.value["break_even_premium_fcfa_per_gram"] == pytest.approx(expected)
    assert calc.value["break_even_output_grams_per_year"] is None
    assert "No break-even output" in calc._results.value
    assert bytes(calc._chart.value).startswith(b"\x89PNG")
    assert not (tmp_path / "day2.formalisation.json").exists()


def test_typing_a_value_updates_the_results_and_saves(tmp_path):
    calc = calculator(tmp_path, start=YEAR)
    calc._inputs["gold_grams_per_year"].value = 500
    assert saved(tmp_path)["inputs"]["gold_grams_per_year"] == 500
    assert saved(tmp_path)["break_even_output_grams_per_year"] == pytest.approx(250)
    assert saved(tmp_path)["formal_fcfa_per_year"] == pytest.approx(500 * 20_000 - 500_000)
    assert "Formal work pays 500,000 FCFA more a year." in calc._results.value
    calc._inputs["tax_share"].value = 25
    assert saved(tmp_path)["inputs"]["tax_share"] == 0.25


def test_bad_input_shows_beside_the_field_and_the_last_good_answer_stays(tmp_path):
    calc = calculator(tmp_path, start=YEAR)
    calc._inputs["gold_grams_per_year"].value = 400
    before, results = (tmp_path / "day2.formalisation.json").read_text(), calc._results.value
    calc._inputs["gold_grams_per_year"].value = -20
    calc._inputs["middleman_loss_share"].value = 150
    assert "cannot be negative (-20.0)" in calc.problem("gold_grams_per_year")
    assert "must be from 0 % to 100 %, not 150.0 %" in calc.problem("middleman_loss_share")
    assert "Not saved" in calc.status.value
    assert calc._results.value == results and calc.year.gold_grams_per_year == 400
    assert (tmp_path / "day2.formalisation.json").read_text() == before
    calc._inputs["gold_grams_per_year"].value = 300
    calc._inputs["middleman_loss_share"].value = 10
    assert calc.problem("gold_grams_per_year") == "" and calc.status.value == ""
    assert saved(tmp_path)["inputs"]["gold_grams_per_year"] == 300


def test_set_inputs_types_several_values_and_refuses_bad_ones(tmp_path):
    calc = calculator(tmp_path, start=YEAR)
    calc.set_inputs(gold_grams_per_year=250, premium_fcfa_per_gram=1_000)
    assert saved(tmp_path)["inputs"] == {**YEAR.to_dict(), "gold_grams_per_year": 250,
                                         "premium_fcfa_per_gram": 1_000}
    with pytest.raises(FormalisationError, match="must be above 0"):
        calc.set_inputs(reference_price_fcfa_per_gram=0)
    with pytest.raises(FormalisationError, match="not an input"):
        calc.set_inputs(price=3)
    assert calc.year.reference_price_fcfa_per_gram == 25_000


def test_the_fairmined_buttons_fill_in_the_premium(tmp_path):
    calc = calculator(tmp_path)
    calc._fairmined.click()
    assert "exchange rate above 0" in calc.problem("fcfa_per_us_dollar")
    assert calc.year.premium_fcfa_per_gram == 0
    calc._exchange_rate.value = 600
    calc._ecological.click()
    assert calc.problem("fcfa_per_us_dollar") == ""
    assert saved(tmp_path)["inputs"]["premium_fcfa_per_gram"] == pytest.approx(3_600)
    calc._fairmined.click()
    assert saved(tmp_path)["inputs"]["premium_fcfa_per_gram"] == pytest.approx(2_400)
    assert saved(tmp_path)["break_even_output_grams_per_year"] == pytest.approx(1_000_000 / 1_800)


def test_running_the_cell_again_restores_the_answer(tmp_path):
    calculator(tmp_path).set_inputs(gold_grams_per_year=123.5, tax_share=0.07)
    again = calculator(tmp_path)
    assert again.year.gold_grams_per_year == 123.5 and again.year.tax_share == 0.07
    assert again._inputs["tax_share"].value == 7


def test_a_saved_answer_with_impossible_inputs_is_set_aside(tmp_path):
    bad = {"format": 1, "key": "day2.formalisation",
           "value": {"inputs": {**YEAR.to_dict(), "tax_share": 3}}}
    (tmp_path / "day2.formalisation.json").write_text(json.dumps(bad))
    calc = calculator(tmp_path)
    assert calc.year == PRACTICE_YEAR
    assert "share from 0 to 1" in calc.status.value and ".bak" in calc.status.value


def test_switching_to_french_relabels_the_calculator(tmp_path):
    calc = calculator(tmp_path, start=YEAR)
    i18n.set_language("fr")
    assert calc._inputs["gold_grams_per_year"].description == "Or vendu par an (g)"
    assert calc._inputs["tax_share"].description == "Impôts et redevances (% des ventes)"
    assert "Reste à l&#x27;orpailleur" in calc._results.value
    assert "Production d&#x27;équilibre : à partir de 250 g" in calc._results.value
    calc._inputs["gold_grams_per_year"].value = -1
    assert "ne peut pas être négative" in calc.problem("gold_grams_per_year")


def test_the_practice_prices_are_of_2024_and_the_on_site_price_is_called_an_estimate(tmp_path):
    # facts.md section 6.5: miners got about 45,000-51,000 FCFA/g at the December 2024 spot price.
    for price in (PRACTICE_YEAR.informal_price_fcfa_per_gram, PRACTICE_YEAR.reference_price_fcfa_per_gram):
        assert 45_000 <= price <= 51_000
    calc = calculator(tmp_path)
    assert "your estimate" in calc._inputs["informal_price_fcfa_per_gram"].description
    assert "54,000 FCFA per gram in December 2024" in calc._practice_note.value
    assert "CRAFT" in calc._fairmined_note.value
    i18n.set_language("fr")
    assert "votre estimation" in calc._inputs["informal_price_fcfa_per_gram"].description
    assert "CRAFT" in calc._fairmined_note.value
