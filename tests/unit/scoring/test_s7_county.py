"""S7 (seed 002, 赣榆县中小学班主任工作评估细则): 23 items in four parts, level-weighted awards."""

from decimal import Decimal

from class_teacher_appraisal.scoring import Achievement, Kind, ManualInput, Section, render_all, score_period
from tests.unit.builders import criterion, ev, line, rubric

PARTS = {"一": [6, 6, 3], "二": [6, 10, 3, 4, 3, 5, 3, 3, 3], "三": [4, 4, 3, 4], "四": [6, 3, 4, 6, 3, 4, 4]}
LEVELS = {
	"学校": Decimal("0.6"),
	"乡镇": Decimal("0.6"),
	"县级": Decimal("0.8"),
	"市级": Decimal(1),
	"省级": Decimal(1),
}


def s7():
	criteria, n = [], 0
	for part, maxima in PARTS.items():
		for maximum in maxima:
			n += 1
			kind = Kind.ACHIEVEMENTS if n in (17, 23) else Kind.MANUAL
			criteria.append(
				criterion(f"S7-{n:02d}", kind, maximum, section=part, levels=LEVELS if n in (17, 23) else {})
			)
	sections = tuple(Section(p, p, Decimal(sum(m))) for p, m in PARTS.items())
	return rubric(*criteria, sections=sections)


def test_the_four_parts_are_15_40_15_30_and_make_100():
	rubric_ = s7()
	assert [s.max_points for s in rubric_.sections] == [15, 40, 15, 30]
	assert len(rubric_.criteria) == 23
	full = ev(
		"A", manual={c.code: ManualInput(c.max_points) for c in rubric_.criteria if c.kind == Kind.MANUAL}
	)
	full.achievements = {
		"S7-17": [Achievement("市优秀班集体", "市级")],
		"S7-23": [Achievement("省级论文", "省级")],
	}
	(result,) = score_period(rubric_, {}, [full])
	assert result.total == 100


def test_a_county_level_award_is_weighted_0_8():
	evidence = ev("A", achievements={"S7-17": [Achievement("县先进班集体", "县级")]})
	(result,) = score_period(s7(), {}, [evidence])
	assert line(result, "S7-17").points == Decimal("4.80")  # 6 × 0.8
	assert "县先进班集体 (县级: 6 × 0.8)" in render_all(line(result, "S7-17").explanation)


def test_school_level_awards_weigh_0_6_and_the_sum_is_capped_at_the_item_maximum():
	awards = [Achievement(f"校级奖{i}", "学校", Decimal(3)) for i in range(4)]  # 4 × 3 × 0.6 = 7.2
	(result,) = score_period(s7(), {}, [ev("A", achievements={"S7-23": awards})])
	assert line(result, "S7-23").points == 4  # item 23 is worth 4
	assert "capped at the item's maximum 4" in render_all(line(result, "S7-23").explanation)


def test_a_part_is_capped_at_its_maximum():
	rubric_ = s7()
	over = ev("A", manual={"S7-01": ManualInput(Decimal(6), Decimal(3), "额外表彰")})
	(result,) = score_period(rubric_, {}, [over])
	assert line(result, "S7-01").points == 6  # a line stays within its own maximum
	assert "adjusted by +3: 额外表彰" in render_all(line(result, "S7-01").explanation)
