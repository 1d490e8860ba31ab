"""S5 (seed 000, 马尚中心小学): 评议分 60 = leaders × 60% + teachers × 40%, plus 记录分 40, ranked."""

from decimal import Decimal

from class_teacher_appraisal.scoring import (
	Effect,
	Kind,
	ManualInput,
	VetoCase,
	VetoRule,
	render_all,
	score_period,
)
from tests.unit.builders import by_class, criterion, ev, line, rubric

RATING = criterion(
	"评议", Kind.RATING, 60, rater_weights={"Leadership": Decimal(60), "Teachers": Decimal(40)}
)
RECORDS = criterion("记录", Kind.MANUAL, 40)
S5 = rubric(RATING, RECORDS, veto_rules=(VetoRule("X1", "体罚学生", Effect.EXCLUDE_FROM_HONOURS),))


def teacher(cid, leaders, teachers, records, **kw):
	ratings = {("评议", "Leadership"): (Decimal(leaders), 7), ("评议", "Teachers"): (Decimal(teachers), 38)}
	return ev(cid, ratings=ratings, manual={"记录": ManualInput(Decimal(records))}, **kw)


def test_rating_points_are_60_times_the_weighted_average_out_of_100():
	(result,) = score_period(S5, {}, [teacher("A", 90, 80, 35)])
	assert line(result, "评议").points == Decimal("51.60")  # 60 × (0.6 × 90 + 0.4 × 80) ÷ 100
	assert result.total == Decimal("86.60")
	text = render_all(line(result, "评议").explanation)
	assert text == "60 × (60% × 90 (Leadership, 7) + 40% × 80 (Teachers, 38)) ÷ 100 = 51.6"


def test_classes_are_ranked_by_total_and_ties_share_a_rank():
	results = by_class(
		score_period(
			S5,
			{},
			[
				teacher("A", 90, 80, 35),
				teacher("B", 95, 90, 38),
				teacher("C", 90, 80, 35),
				teacher("D", 60, 70, 30),
			],
		)
	)
	assert {k: r.rank for k, r in results.items()} == {"B": 1, "A": 2, "C": 2, "D": 4}


def test_exclusion_from_the_top_ten_does_not_change_the_score_or_rank():
	results = by_class(
		score_period(
			S5, {}, [teacher("A", 99, 99, 40, vetoes=[VetoCase("X1", "")]), teacher("B", 80, 80, 30)]
		)
	)
	assert (results["A"].rank, results["A"].excluded_from_honours) == (1, True)
	assert results["A"].total == Decimal("99.40")


def test_a_missing_rater_group_leaves_the_other_groups_weights_scaled_up():
	evidence = ev("A", ratings={("评议", "Teachers"): (Decimal(75), 30)})
	(result,) = score_period(S5, {}, [evidence])
	assert line(result, "评议").points == 45  # 60 × 75 ÷ 100
	assert "no ratings from Leadership" in render_all(line(result, "评议").explanation)


def test_no_ratings_at_all_score_zero():
	(result,) = score_period(S5, {}, [ev("A")])
	assert line(result, "评议").points == 0
	assert render_all(line(result, "评议").explanation) == "No ratings yet"
