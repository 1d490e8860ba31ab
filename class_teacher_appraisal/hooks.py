app_name = "class_teacher_appraisal"
app_title = "Class Teacher Appraisal"
app_publisher = "class_teacher_appraisal maintainers"
app_description = "Class teacher appraisal (班主任考核) for Chinese primary and secondary schools"
app_email = "maintainers@class-teacher-appraisal.invalid"
app_license = "mit"

required_apps = []

# The apps screen (Frappe 15) and the desktop (Frappe 16, which counts only /desk routes as the Desk's
# and moved it there from /app: the same shim as compat.DESK, which hooks.py cannot import).
_DESK = "/desk" if int(__import__("frappe").__version__.split(".")[0]) >= 16 else "/app"
add_to_apps_screen = [
	{
		"name": "class_teacher_appraisal",
		"logo": "/assets/class_teacher_appraisal/images/logo.svg",
		"title": "Class Teacher Appraisal",
		"route": _DESK + "/class-teacher-appraisals",
	}
]

# Helpers the form scripts share (public/js/class_teacher_appraisal.bundle.js).
app_include_js = "class_teacher_appraisal.bundle.js"

# Set-up records (seed rubrics, inspection items, later roles and workflow) are created in
# code and only where missing, so that a school's own edits survive every migrate.
after_install = "class_teacher_appraisal.install.after_install"
before_tests = "class_teacher_appraisal.install.before_tests"

# Row-level access from stored state (permissions.py; the README's access table is the contract).
from class_teacher_appraisal.permissions import CHILD_PARENTS as _CHILD_PARENTS  # noqa: E402

_P = "class_teacher_appraisal.permissions."
permission_query_conditions = {
	"Inspection": _P + "inspection_conditions",
	"Inspection Round": _P + "round_conditions",
	"Class Teacher Appraisal": _P + "appraisal_conditions",
	"Appraisal Rating": _P + "rating_conditions",
	"Appraisal Appeal": _P + "appeal_conditions",
	"Red Flag Award": _P + "red_flag_conditions",
	"Appraisal Activity": _P + "activity_conditions",
	"Appraisal Consequence": _P + "consequence_conditions",
	"Class Teacher Studio": _P + "studio_conditions",
	"Studio Membership": _P + "membership_conditions",
	"Studio Activity": _P + "studio_activity_conditions",
	"Studio Exit Request": _P + "exit_request_conditions",
	"Studio Term Review": _P + "term_review_conditions",
	"Studio Assessment": _P + "studio_assessment_conditions",
	"File": _P + "file_conditions",
	# child rows only under a parent the user may read
	**{child: _P + "child_conditions" for child in _CHILD_PARENTS},
}
has_permission = {
	"Inspection": _P + "inspection_permission",
	"Inspection Round": _P + "round_permission",
	"Class Teacher Appraisal": _P + "appraisal_permission",
	"Appraisal Rating": _P + "rating_permission",
	"Appraisal Appeal": _P + "appeal_permission",
	"Red Flag Award": _P + "red_flag_permission",
	"Appraisal Activity": _P + "activity_permission",
	"Appraisal Ballot Tally": _P + "ballot_tally_permission",
	"Appraisal Consequence": _P + "consequence_permission",
	"Class Teacher Studio": _P + "studio_permission",
	"Studio Membership": _P + "membership_permission",
	"Studio Activity": _P + "studio_activity_permission",
	"Studio Exit Request": _P + "exit_request_permission",
	"Studio Term Review": _P + "term_review_permission",
	"Studio Assessment": _P + "studio_assessment_permission",
}

# Drops the hall scoreboard's cached board (scoreboard/board.py).
_FORGET_BOARD = "class_teacher_appraisal.scoreboard.board.forget_after_commit"

# A studio's charter is a rubric for studio members (studios/charters.py).
doc_events = {
	"Class Teacher Studio": {"validate": "class_teacher_appraisal.studios.charters.validate_studio"},
	# the hall scoreboard's cached board is dropped once a change it shows is committed (a period's
	# on_change: Award Weekly Red Flags publishing; rounds bulk-inserted wait out its 60 s)
	"Inspection": {"on_change": _FORGET_BOARD, "on_trash": _FORGET_BOARD},
	"Class Record": {"on_change": _FORGET_BOARD, "on_trash": _FORGET_BOARD},
	"Appraisal Period": {"on_change": _FORGET_BOARD, "on_trash": _FORGET_BOARD},
	"Class Teacher Appraisal Settings": {
		"on_update": "class_teacher_appraisal.scoreboard.board.settings_changed"
	},
}

# A handover entered ahead of its day makes the new teacher the class teacher on the day.
scheduler_events = {"daily": ["class_teacher_appraisal.class_teachers.sync_current_teachers"]}

# Frappe 15.44 counts any doctype's rows without a permission check; counted here like a list.
override_whitelisted_methods = {"frappe.client.get_count": "class_teacher_appraisal.api.get_count"}

# The appraisal sheet's print format gets its data from Python (lines under parts, explanations
# in the reader's language, who signed each step).
jinja = {
	"methods": [
		"class_teacher_appraisal.printing.appraisal_sheet",
		"class_teacher_appraisal.studios.printing.assessment_record",
	]
}

# Writes the "auto-generated types" block into controllers in developer mode.
export_python_type_annotations = True

# A county on one site (county/schools.py): every record with a school gets it from the server, and
# is kept to the user's schools (User Permissions, Allow: Appraisal School) ahead of its DocType's
# own has_permission rule and beside its own list conditions. Last here, so that it adds to the above.
from class_teacher_appraisal.county.schools import add_hooks as _add_school_hooks  # noqa: E402

_add_school_hooks(doc_events, has_permission, permission_query_conditions)
