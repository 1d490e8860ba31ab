"""The county's ranking core (scoring/county.py): weighted by days on post, competition ranks
county-wide and within each school, by class, by class teacher and by school."""

from decimal import Decimal

from class_teacher_appraisal.scoring.county import (
	SCHOOLS,
	TEACHERS,
	TermAppraisal,
	by_class,
	standings,
	weighted_total,
)


def ap(name, school, cls, total, days=0, teacher=""):
	return TermAppraisal(name, school, cls, Decimal(str(total)), days, teacher)


def test_a_class_that_changed_teacher_stands_at_the_days_weighted_average():
	assert weighted_total([ap("x", "A", "c", 90, 40), ap("y", "A", "c", 80, 60)]) == Decimal("84.00")
	assert weighted_total([ap("x", "A", "c", 90), ap("y", "A", "c", 80)]) == Decimal(
		"85.00"
	)  # no days: 1 each
	assert weighted_total([ap("x", "A", "c", "88.885")]) == Decimal("88.89")  # half up, 2 places


def test_classes_are_ranked_county_wide_and_within_their_school():
	rows = by_class(
		[
			ap("1", "A", "a1", 95),
			ap("2", "A", "a2", 90),
			ap("3", "B", "b1", 90),
			ap("4", "B", "b2", 70),
			ap("5", "C", "c1", 99),
		]
	)
	got = [(s.key, s.county_rank, s.school_rank, s.county_out_of, s.school_out_of) for s in rows]
	assert got == [
		("c1", 1, 1, 5, 1),
		("a1", 2, 1, 5, 2),
		("a2", 3, 2, 5, 2),  # equal totals share a county rank (1, 2, 2, 4)
		("b1", 3, 1, 5, 2),
		("b2", 5, 2, 5, 2),
	]


def test_teachers_with_two_appraisals_stand_once_at_their_school_of_most_days():
	rows = standings(
		[
			ap("1", "A", "a1", 80, 30, "t1"),
			ap("2", "B", "b1", 100, 90, "t1"),  # moved to B and served there longer
			ap("3", "B", "b2", 90, 120, "t2"),
			ap("4", "B", "b3", 99, 120, ""),  # nobody led it: no teacher to rank
		],
		TEACHERS,
	)
	assert [(s.key, s.school, s.total, s.county_rank, s.school_rank) for s in rows] == [
		("t1", "B", Decimal("95.00"), 1, 1),
		("t2", "B", Decimal("90.00"), 2, 2),
	]


def test_schools_stand_at_the_average_of_their_classes():
	rows = standings(
		[
			ap("1", "A", "a1", 90, 20),
			ap("2", "A", "a1", 70, 20),  # a1 stands at 80, once
			ap("3", "A", "a2", 100),
			ap("4", "B", "b1", 91),
			ap("5", "", "x1", 60),  # a period without a school
		],
		SCHOOLS,
	)
	assert [(s.key, s.total, s.county_rank, len(s.appraisals)) for s in rows] == [
		("B", Decimal("91.00"), 1, 1),
		("A", Decimal("90.00"), 2, 3),
		("", Decimal("60.00"), 3, 1),
	]


def test_an_empty_term_ranks_nothing():
	assert standings([]) == [] and weighted_total([]) == 0
