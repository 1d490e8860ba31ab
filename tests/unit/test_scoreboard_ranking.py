"""The hall scoreboard's standings: each grade level ranked by the week's points, ties sharing a
place, classes not inspected yet after the others without a place."""

from decimal import Decimal as D

from class_teacher_appraisal.scoreboard.ranking import ClassWeek, rank, standings, week_points


def cls(key, grade, points, flags=0, name=None):
	return ClassWeek(
		key=key,
		class_name=name or key,
		grade_level=grade,
		points=None if points is None else D(points),
		flags=D(flags),
	)


def test_week_points_sum_the_items_net_averages():
	assert week_points([D("9.50"), D("8.25"), None, D("-1.00")]) == D("16.75")
	assert week_points([None, None]) is None
	assert week_points([]) is None
	assert week_points([D("0")]) == D("0")


def test_ties_share_a_place_and_the_next_place_is_skipped():
	ranked = rank([cls("c", 1, "30"), cls("a", 1, "35"), cls("b", 1, "30"), cls("d", 1, "29.99")])
	assert [(c.key, c.rank) for c in ranked] == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]


def test_ties_are_listed_by_flags_then_by_name():
	ranked = rank([cls("a", 1, "30"), cls("b", 1, "30", flags=2), cls("c", 1, "30", flags=1)])
	assert [c.key for c in ranked] == ["b", "c", "a"]
	assert {c.rank for c in ranked} == {1}


def test_classes_not_inspected_come_last_without_a_place():
	ranked = rank([cls("z", 2, None), cls("y", 2, "10"), cls("x", 2, None)])
	assert [(c.key, c.rank) for c in ranked] == [("y", 1), ("x", None), ("z", None)]


def test_negative_points_rank_below_zero():
	ranked = rank([cls("a", 1, "-2"), cls("b", 1, "0")])
	assert [(c.key, c.rank) for c in ranked] == [("b", 1), ("a", 2)]


def test_each_grade_level_is_ranked_on_its_own_in_order():
	grades = standings([cls("g2a", 2, "40"), cls("g1a", 1, "10"), cls("g1b", 1, "20"), cls("g2b", 2, "50")])
	assert [g.grade_level for g in grades] == [1, 2]
	assert [(c.key, c.rank) for c in grades[0].classes] == [("g1b", 1), ("g1a", 2)]
	assert [(c.key, c.rank) for c in grades[1].classes] == [("g2b", 1), ("g2a", 2)]
