"""How consistently the duty inspectors score (report Inspector Consistency, 值周检查员评分一致性):
plain Python, no database.

An inspector who happened to inspect the tidy classes is not a lenient one. So each of their
inspections is compared with the other inspectors' inspections of the same class, item and week
(one regular inspection a class, item and day, so two inspectors of one class meet within a
week): the difference of its net result (score less deductions, as the red flags rank them) to
the others' mean there. The mean of these differences says lenient (above the school's
threshold), severe (below minus the threshold) or in line; with fewer comparable inspections than
the school asks for it says nothing. The others' mean on the whole item is shown beside it.

Appeals name lines of an appraisal, not inspections: an appealed line reaches back to the
inspections its points come from as the appraisal form's "Show evidence" does: the class's
inspections of the line's item(s) over the appraisal's days. An inspection behind an appealed line
counts as appealed, and as overturned when the office accepted the appeal."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from class_teacher_appraisal.scoring.amounts import ZERO, D, points

LENIENT, SEVERE, IN_LINE, TOO_FEW = "Lenient", "Severe", "In Line", "Too Few to Compare"
ACCEPTED = "Accepted"


@dataclass(frozen=True)
class Check:
	"""One regular (not spot-check) submitted inspection."""

	name: str
	inspector: str
	item: str
	class_record: str
	day: date
	week: date
	score: Decimal = ZERO
	deduction: Decimal = ZERO

	@property
	def net(self) -> Decimal:
		return D(self.score) - D(self.deduction)


@dataclass(frozen=True)
class AppealedLine:
	"""A line of an appraisal named in an appeal: whose inspections it reaches back to."""

	appeal: str
	status: str  # Open, Accepted or Rejected
	class_record: str
	items: frozenset[str]
	start: date
	end: date


@dataclass
class InspectorItem:
	"""One inspector on one item over the range."""

	inspector: str
	item: str
	inspections: int = 0
	mean_score: Decimal = ZERO
	mean_deduction: Decimal = ZERO
	mean_net: Decimal = ZERO
	others_mean_net: Decimal | None = None  # the other inspectors on the item, any class
	compared: int = 0  # own inspections with another inspector's of the class in the week
	mean_difference: Decimal | None = None  # own net − the others' mean there, averaged
	label: str = TOO_FEW
	appealed: int = 0
	overturned: int = 0


def _mean(total: Decimal, count: int) -> Decimal | None:
	return total / count if count else None


def label_for(difference: Decimal | None, compared: int, threshold: Decimal, min_compared: int) -> str:
	if difference is None or compared < max(min_compared, 1):
		return TOO_FEW
	if difference >= threshold:
		return LENIENT
	if difference <= -threshold:
		return SEVERE
	return IN_LINE


def line_items(evidence: dict) -> frozenset[str]:
	"""The inspection items a line's points come from, read from its stored evidence as the
	appraisal form's "Show evidence" reads it: the line's item, or each item of its red flags."""
	if evidence.get("item"):
		return frozenset([evidence["item"]])
	return frozenset(evidence.get("per_item") or ())


def appealed_checks(checks: Iterable[Check], lines: Iterable[AppealedLine]) -> tuple[set[str], set[str]]:
	"""The names of the inspections behind an appealed line, and of those behind an accepted one."""
	by_class_item: dict[tuple[str, str], list[Check]] = defaultdict(list)
	for c in checks:
		by_class_item[(c.class_record, c.item)].append(c)
	appealed: set[str] = set()
	overturned: set[str] = set()
	for line in lines:
		for item in line.items:
			for c in by_class_item.get((line.class_record, item), ()):
				if line.start <= c.day <= line.end:
					appealed.add(c.name)
					if line.status == ACCEPTED:
						overturned.add(c.name)
	return appealed, overturned


def compare(
	checks: list[Check],
	lines: Iterable[AppealedLine] = (),
	threshold=1,
	min_compared: int = 3,
) -> list[InspectorItem]:
	"""A row per inspector and item, sorted by item then from the most lenient to the most severe
	(those too few to compare last)."""
	threshold = D(threshold)
	cell_sum: dict[tuple, Decimal] = defaultdict(Decimal)  # (class, item, week) -> net sum
	cell_n: dict[tuple, int] = defaultdict(int)
	own_cell_sum: dict[tuple, Decimal] = defaultdict(Decimal)  # (inspector, class, item, week)
	own_cell_n: dict[tuple, int] = defaultdict(int)
	item_sum: dict[str, Decimal] = defaultdict(Decimal)
	item_n: dict[str, int] = defaultdict(int)
	for c in checks:
		cell = (c.class_record, c.item, c.week)
		cell_sum[cell] += c.net
		cell_n[cell] += 1
		own_cell_sum[(c.inspector, *cell)] += c.net
		own_cell_n[(c.inspector, *cell)] += 1
		item_sum[c.item] += c.net
		item_n[c.item] += 1

	appealed, overturned = appealed_checks(checks, lines)
	totals: dict[tuple[str, str], dict] = {}
	for c in checks:
		t = totals.setdefault(
			(c.inspector, c.item),
			{
				"n": 0,
				"score": ZERO,
				"deduction": ZERO,
				"net": ZERO,
				"diff": ZERO,
				"compared": 0,
				"a": 0,
				"o": 0,
			},
		)
		t["n"] += 1
		t["score"] += D(c.score)
		t["deduction"] += D(c.deduction)
		t["net"] += c.net
		t["a"] += c.name in appealed
		t["o"] += c.name in overturned
		cell = (c.class_record, c.item, c.week)
		others_n = cell_n[cell] - own_cell_n[(c.inspector, *cell)]
		if others_n:
			others_mean = (cell_sum[cell] - own_cell_sum[(c.inspector, *cell)]) / others_n
			t["diff"] += c.net - others_mean
			t["compared"] += 1

	rows = []
	for (inspector, item), t in totals.items():
		own_item_sum = t["net"]
		difference = _rounded(_mean(t["diff"], t["compared"]))  # labelled as shown
		rows.append(
			InspectorItem(
				inspector=inspector,
				item=item,
				inspections=t["n"],
				mean_score=points(t["score"] / t["n"]),
				mean_deduction=points(t["deduction"] / t["n"]),
				mean_net=points(t["net"] / t["n"]),
				others_mean_net=_rounded(_mean(item_sum[item] - own_item_sum, item_n[item] - t["n"])),
				compared=t["compared"],
				mean_difference=difference,
				label=label_for(difference, t["compared"], threshold, min_compared),
				appealed=t["a"],
				overturned=t["o"],
			)
		)
	rows.sort(
		key=lambda r: (
			r.item,
			r.label == TOO_FEW,
			-(r.mean_difference if r.mean_difference is not None else ZERO),
			r.inspector,
		)
	)
	return rows


def _rounded(value: Decimal | None) -> Decimal | None:
	return None if value is None else points(value)
