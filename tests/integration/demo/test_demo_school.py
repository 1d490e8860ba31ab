"""The demo school loads, every month goes through the approval workflow, and the ranking
follows how well each class was built to behave."""

import frappe

from class_teacher_appraisal import demo
from tests.conftest import acting_as
from tests.factories import walk


def spearman(xs, ys):
	def ranks(values):
		order = sorted(range(len(values)), key=lambda i: values[i])
		r = [0] * len(values)
		for position, i in enumerate(order):
			r[i] = position
		return r

	rx, ry = ranks(xs), ranks(ys)
	n = len(xs)
	return 1 - 6 * sum((a - b) ** 2 for a, b in zip(rx, ry, strict=True)) / (n * (n * n - 1))


def test_the_demo_school_loads_with_a_sensible_ranking(demo_school):
	summary = demo_school
	assert summary["loaded"] and summary["classes"] == 12 and summary["inspections"] > 4000
	assert demo.load() == {"loaded": False, "reason": "the demo school is already there"}

	term = frappe.get_all(
		"Class Teacher Appraisal",
		filters={"appraisal_period": demo.TERM},
		fields=["class_name", "total_score", "rank"],
	)
	habit = dict(
		zip([f"{'一二三四五六'[i // 2]}年级({i % 2 + 1})班" for i in range(12)], demo.HABITS, strict=True)
	)
	totals = [t.total_score for t in term]
	assert spearman([habit[t.class_name] for t in term], totals) > 0.7
	assert sorted(t.rank for t in term)[0] == 1

	months = frappe.get_all(
		"Class Teacher Appraisal",
		filters={"period_type": "Month"},
		fields=[
			"docstatus",
			"workflow_state",
			"class_name",
			"appraisal_period",
			"grade",
			"allowance",
			"vetoed",
		],
	)
	assert len(months) == 60 and {(m.docstatus, m.workflow_state) for m in months} == {(1, "Approved")}
	vetoed = [m for m in months if m.vetoed]
	assert [(m.class_name, m.appraisal_period, m.grade, m.allowance) for m in vetoed] == [
		("五年级(2)班", "2025年10月", "不合格", 0)
	]
	overall = frappe.get_all(
		"Class Teacher Appraisal", filters={"appraisal_period": demo.TERM_OVERALL}, fields=["total_score"]
	)
	# term total out of the rubric's (the shipped term: average month + bonus + panel of 150)
	term_total = frappe.db.get_value("Appraisal Rubric", demo.S6_TERM, "total_points")
	assert len(overall) == 12 and all(o.total_score > term_total / 2 for o in overall)
	assert frappe.db.count("Appraisal Rating", {"docstatus": 1}) == 36
	# the last class's (六年级(2)班, which has the flag-raising duty line S1-02 appealed below)
	full_cycle_on(
		frappe.get_last_doc(
			"Class Teacher Appraisal", filters={"appraisal_period": demo.TERM}, order_by="name desc"
		)
	)


def full_cycle_on(doc):
	"""Draft, review, return with a reason, review again, approve, appeal, amend, re-approve."""
	inspector, office = "zhao.duty@demo-school.cn", "li.office@demo-school.cn"
	principal, teacher = "zhang.principal@demo-school.cn", doc.class_teacher
	doc = walk(doc, (inspector, "Submit for Review"))
	with acting_as(office):
		doc.return_reason = "学校活动一项未填"
		doc.save()
	doc = walk(doc, (office, "Return"))
	assert doc.workflow_state == "Draft"
	doc = walk(
		doc, (inspector, "Submit for Review"), (office, "Forward to Principal"), (principal, "Approve")
	)
	assert doc.docstatus == 1
	with acting_as(teacher):
		appeal = frappe.get_doc(
			{
				"doctype": "Appraisal Appeal",
				"appraisal": doc.name,
				"reason": "升旗仪式轮值记录有误",
				"lines": [{"criterion_code": "S1-02", "reason": "11月3日应为优秀"}],
			}
		).insert()
	with acting_as(office):
		amended = frappe.get_doc(
			"Class Teacher Appraisal", frappe.get_doc("Appraisal Appeal", appeal.name).accept()
		)
		amended.lines[1].adjustment, amended.lines[1].adjustment_reason = 1, "申诉核实：11月3日轮值为优秀"
		amended.save(ignore_version=False)  # Frappe skips history in tests unless asked
	amended = walk(
		amended, (inspector, "Submit for Review"), (office, "Forward to Principal"), (principal, "Approve")
	)
	assert amended.docstatus == 1 and amended.amended_from == doc.name
	assert frappe.db.get_value("Class Teacher Appraisal", doc.name, "docstatus") == 2  # kept on record
	history = frappe.get_all(
		"Comment", filters={"reference_name": ["in", [doc.name, amended.name]]}, pluck="content"
	)
	assert "Returned: 学校活动一项未填" in history
	versions = frappe.get_all("Version", filters={"docname": amended.name, "ref_doctype": amended.doctype})
	assert versions  # the adjustment is in the amended appraisal's history
