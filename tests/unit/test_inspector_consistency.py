"""Inspector consistency (consistency.compare): an inspector is compared with the others on the
same classes, items and weeks, so a lenient one is told from one who happened to inspect the
good classes; appealed lines reach back to the inspections behind them."""

import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from class_teacher_appraisal.consistency import (
	IN_LINE,
	LENIENT,
	SEVERE,
	TOO_FEW,
	AppealedLine,
	Check,
	appealed_checks,
	compare,
	label_for,
	line_items,
)

MONDAY = date(2025, 9, 1)
_seq = iter(range(1, 10_000))


def check(inspector, class_record, week, score, deduction=0, item="卫生", day=0):
	monday = MONDAY + timedelta(weeks=week)
	return Check(
		name=f"INS-{next(_seq):05d}",
		inspector=inspector,
		item=item,
		class_record=class_record,
		day=monday + timedelta(days=day),
		week=monday,
		score=Decimal(str(score)),
		deduction=Decimal(str(deduction)),
	)


def by_inspector(rows, item="卫生"):
	return {r.inspector: r for r in rows if r.item == item}


def test_an_inspector_of_good_classes_is_not_called_lenient():
	# 甲 inspects only the tidy class, 乙 only the untidy one: their means differ by 4 points, but
	# they never meet on a class and week, so neither can be compared
	checks = [check("甲", "一(1)", w, 9) for w in range(4)] + [check("乙", "一(2)", w, 5) for w in range(4)]
	rows = by_inspector(compare(checks))
	assert rows["甲"].mean_net == Decimal("9.00") and rows["甲"].others_mean_net == Decimal("5.00")
	assert rows["甲"].compared == 0 and rows["甲"].mean_difference is None
	assert {r.label for r in rows.values()} == {TOO_FEW}


def test_the_difference_is_to_the_others_on_the_same_class_and_week():
	checks = []
	for w in range(4):
		for cls, base in (("一(1)", 9), ("一(2)", 5)):
			checks.append(check("甲", cls, w, base, day=0))
			checks.append(check("乙", cls, w, base, day=1))
			checks.append(check("宽", cls, w, base + 1.5, day=2))  # always 1.5 above
			checks.append(check("严", cls, w, base - 2, deduction=0.5, day=3))  # 2.5 below, net
	rows = by_inspector(compare(checks, threshold=1, min_compared=3))
	# 宽 against the mean of 甲, 乙 and 严 on the same class and week: base+1.5 − (base+base+base−2.5)/3
	assert rows["宽"].mean_difference == Decimal("2.33") and rows["宽"].label == LENIENT
	# 严: base−2.5 − (base+base+base+1.5)/3
	assert rows["严"].mean_difference == Decimal("-3.00") and rows["严"].label == SEVERE
	assert rows["严"].mean_deduction == Decimal("0.50") and rows["严"].mean_score == Decimal("5.00")
	assert rows["甲"].label == rows["乙"].label == IN_LINE
	assert rows["甲"].mean_difference == Decimal("0.33")  # base − (base + base+1.5 + base−2.5)/3
	assert rows["宽"].compared == rows["宽"].inspections == 8
	# sorted from the most lenient to the most severe (a tie by the inspector's id)
	assert [r.inspector for r in compare(checks)] == ["宽", *sorted(["甲", "乙"]), "严"]


def test_the_threshold_and_the_fewest_comparisons_are_the_schools():
	checks = [check("甲", "一(1)", w, 8, day=0) for w in range(3)] + [
		check("乙", "一(1)", w, 7.4, day=1) for w in range(3)
	]
	assert by_inspector(compare(checks, threshold=1))["甲"].label == IN_LINE
	assert by_inspector(compare(checks, threshold="0.5"))["甲"].label == LENIENT
	assert by_inspector(compare(checks, threshold="0.5"))["乙"].label == SEVERE
	assert by_inspector(compare(checks, threshold="0.5", min_compared=4))["甲"].label == TOO_FEW


def test_a_difference_is_labelled_as_it_is_shown():
	assert label_for(Decimal("1.00"), 3, Decimal(1), 3) == LENIENT
	assert label_for(Decimal("-1.00"), 3, Decimal(1), 3) == SEVERE
	assert label_for(Decimal("0.99"), 3, Decimal(1), 3) == IN_LINE
	assert label_for(None, 0, Decimal(1), 0) == TOO_FEW


def test_items_are_compared_apart():
	checks = [check("甲", "一(1)", 0, 9, item="纪律", day=0), check("乙", "一(1)", 0, 5, item="卫生", day=1)]
	rows = compare(checks, min_compared=1)
	assert [(r.inspector, r.item, r.compared, r.others_mean_net) for r in rows] == [
		("乙", "卫生", 0, None),
		("甲", "纪律", 0, None),
	]


def test_two_inspections_of_one_inspector_in_a_week_are_not_compared_with_each_other():
	checks = [check("甲", "一(1)", 0, 9, day=0), check("甲", "一(1)", 0, 3, day=1)]
	assert compare(checks, min_compared=1)[0].compared == 0


def test_incident_count_items_compare_their_deductions():
	checks = [check("甲", "一(1)", w, 0, deduction=1, item="路队", day=0) for w in range(3)] + [
		check("乙", "一(1)", w, 0, deduction=3, item="路队", day=1) for w in range(3)
	]
	rows = by_inspector(compare(checks), item="路队")
	assert rows["甲"].mean_difference == Decimal("2.00") and rows["甲"].label == LENIENT
	assert rows["乙"].mean_difference == Decimal("-2.00") and rows["乙"].label == SEVERE


def test_appealed_lines_reach_back_to_their_inspections_on_the_appraisals_days():
	sept = [check("甲", "一(1)", w, 5, day=1) for w in range(4)]  # 2, 9, 16, 23 September
	other_item = check("甲", "一(1)", 0, 5, item="纪律", day=2)
	other_class = check("甲", "一(2)", 0, 5, day=1)
	october = check("甲", "一(1)", 5, 5, day=1)  # 7 October
	checks = [*sept, other_item, other_class, october]
	lines = [
		AppealedLine("APL-1", "Accepted", "一(1)", frozenset({"卫生"}), date(2025, 9, 1), date(2025, 9, 15)),
		AppealedLine("APL-2", "Rejected", "一(1)", frozenset({"卫生"}), date(2025, 9, 1), date(2025, 9, 30)),
	]
	appealed, overturned = appealed_checks(checks, lines)
	assert appealed == {c.name for c in sept}
	assert overturned == {sept[0].name, sept[1].name}
	row = by_inspector(compare(checks, lines))["甲"]
	assert (row.inspections, row.appealed, row.overturned) == (6, 4, 2)


def test_a_lines_items_come_from_its_evidence():
	assert line_items({"item": "卫生", "inspections": 3}) == {"卫生"}
	assert line_items({"per_item": {"纪律": "2", "卫生": "1"}, "weekly_awards": 3}) == {"纪律", "卫生"}
	assert line_items({"activity_kind": "家访"}) == frozenset()
	assert line_items({"item": "", "incidents": {}}) == frozenset()


def test_the_comparison_needs_no_frappe():
	root = Path(__file__).resolve().parents[2]
	code = "import sys; sys.modules['frappe'] = None; import class_teacher_appraisal.consistency as c; print(c.LENIENT)"
	out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
	assert out.returncode == 0, out.stderr
	assert out.stdout.strip() == "Lenient"
