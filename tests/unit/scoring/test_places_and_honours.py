"""Limited 优秀 places allotted by rank (seed 002) and the 十佳 chosen from the top scores with the
exclusion conditions (seed 000) (issue 13, rule 6)."""

from decimal import Decimal

from class_teacher_appraisal.scoring import GradeBand, Rubric
from class_teacher_appraisal.scoring.engine import allowance_for_grade
from class_teacher_appraisal.scoring.i18n import msg
from class_teacher_appraisal.scoring.model import ClassEvidence, Honour, Places
from class_teacher_appraisal.scoring.places import Standing, allot_places, choose_honours

D = Decimal
# 002: "在年度考核中，学校要按一定比例将优秀指标划分给在岗的班主任群体" — the share is the school's.
SHARE = Places(grade="优秀", share=D(20), beyond="良好")


def standings(totals: dict[str, int], grade="优秀", **extra) -> list[Standing]:
	return [Standing(id=k, total=D(v), grade=grade, **extra.get(k, {})) for k, v in totals.items()]


def test_a_share_of_places_goes_by_rank_and_the_rest_get_the_next_grade():
	"""Ten appraisals, 20% of the 优秀 places: 2 places. Four reached 优秀 by score (96, 94, 93, 91):
	the two best keep it, the other two get 良好; the six below are untouched."""
	rows = standings({"A": 96, "B": 94, "C": 93, "D": 91}) + standings(
		{f"x{i}": 80 for i in range(6)}, grade="良好"
	)
	out = allot_places(SHARE, rows)
	assert {k: g for k, (g, _why) in out.items() if k in "ABCD"} == {
		"A": "优秀",
		"B": "优秀",
		"C": "良好",
		"D": "良好",
	}
	assert all(out[f"x{i}"] == ("良好", None) for i in range(6))
	why = out["C"][1].render()
	assert "优秀 places: 2 for 10 appraisals" in why and "ranked 3 of the 4" in why and why.endswith("良好")


def test_places_are_rounded_down_and_a_fixed_number_caps_the_share():
	assert Places("优秀", D(15), 0, "良好").limit(30) == 4  # 4.5 places: 4
	assert Places("优秀", D(15), 3, "良好").limit(30) == 3  # the smaller of the two
	assert Places("优秀", D(0), 5, "良好").limit(30) == 5
	assert Places("", D(15), 0, "良好").limit(30) is None  # no grade named: no limit


def test_a_vetoed_teacher_takes_no_place_and_approved_appraisals_hold_theirs():
	"""A veto already gave the lowest grade, so it never contends. Of 2 places, one is held by an
	approved 优秀 appraisal: of the drafts only the best keeps 优秀, even if the approved one scored less."""
	rows = [
		Standing("approved", D(90), "优秀", fixed=True, held_grade="优秀"),
		Standing("A", D(97), "优秀"),
		Standing("B", D(95), "优秀"),
		Standing("vetoed", D(99), "不合格"),
		*standings({f"x{i}": 70 for i in range(6)}, grade="合格"),
	]
	out = allot_places(SHARE, rows)
	assert out["A"][0] == "优秀" and out["B"][0] == "良好"
	assert out["vetoed"] == ("不合格", None)
	assert "approved" not in out


def test_ties_at_the_last_place_all_keep_it():
	out = allot_places(SHARE, standings({"A": 96, "B": 94, "C": 94}) + standings({"y": 60}, grade="合格"))
	# 4 appraisals × 20% = 0 places (rounded down): nobody keeps 优秀
	assert {k: g for k, (g, _w) in out.items()} == {"A": "良好", "B": "良好", "C": "良好", "y": "合格"}
	ten = standings({"A": 96, "B": 94, "C": 94}) + standings({f"y{i}": 60 for i in range(7)}, grade="合格")
	out = allot_places(SHARE, ten)  # 2 places; B and C tie for the second
	assert [out[k][0] for k in "ABC"] == ["优秀", "优秀", "优秀"]


def test_the_grade_changed_by_the_places_pays_its_own_allowance():
	"""S6's allowance after the appraisal: 优 160, 良 100 (seed 001). A teacher moved to 良 by the
	places is paid 良's."""
	rubric = Rubric(
		name="S6",
		total_points=D(100),
		criteria=(),
		bands=(GradeBand("优", D(90), D(160)), GradeBand("良", D(80), D(100))),
	)
	amount, how = allowance_for_grade(rubric, "良", ClassEvidence(class_id="c"))
	assert amount == D(100) and "100" in how.render()


TEN = Honour("十佳班主任", 10)


def test_the_ten_best_are_chosen_from_the_top_scores():
	"""000: 依据《班主任考核细则》得分情况…评选"十佳班主任": twelve teachers, the ten best totals."""
	rows = standings({f"t{i:02}": 100 - i for i in range(12)})
	out = choose_honours(TEN, rows)
	assert sorted(k for k, (chosen, _w) in out.items() if chosen) == [f"t{i:02}" for i in range(10)]
	assert out["t10"] == (False, None)
	assert out["t00"][1].render() == "十佳班主任: ranked 1 of 12 eligible, total 100"


def test_an_exclusion_condition_leaves_the_teacher_out_and_the_next_one_in():
	"""000 四.4: 班级中发生安全责任事故者 … 取消或免于十佳班主任的评选: the best teacher, with a
	safety accident in the class, is left out and the eleventh comes in; the score is not changed."""
	barred = {"t00": {"barred": msg("excluded: {0}", "(6) 班级中发生安全责任事故")}}
	rows = standings({f"t{i:02}": 100 - i for i in range(12)}, **barred)
	out = choose_honours(TEN, rows)
	chosen = sorted(k for k, (c, _w) in out.items() if c)
	assert chosen == [f"t{i:02}" for i in range(1, 11)]
	assert out["t00"][1].render() == "十佳班主任: not eligible (excluded: (6) 班级中发生安全责任事故)"
	assert rows[0].total == D(100)


def test_no_honour_without_a_title_or_places():
	assert choose_honours(Honour("十佳班主任", 0), standings({"a": 90})) == {}
	assert choose_honours(Honour("", 10), standings({"a": 90})) == {}


def test_an_approved_honour_holds_its_place_and_drafts_share_the_rest():
	"""Ten places: two approved appraisals hold the honour, so eight drafts get it, even those that
	outscore the approved ones; approved ones are not decided again."""
	approved = [
		Standing(f"a{i}", D(80), "优秀", fixed=True, held_grade="优秀", held_honour=True) for i in range(2)
	]
	out = choose_honours(TEN, approved + standings({f"d{i:02}": 99 - i for i in range(10)}))
	assert sorted(k for k, (chosen, _w) in out.items() if chosen) == [f"d{i:02}" for i in range(8)]
	assert "a0" not in out and out["d08"] == (False, None)
