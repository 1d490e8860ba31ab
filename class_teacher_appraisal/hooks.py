app_name = "class_teacher_appraisal"
app_title = "Class Teacher Appraisal"
app_publisher = "class_teacher_appraisal maintainers"
app_description = "Class teacher appraisal (班主任考核) for Chinese primary and secondary schools"
app_email = "maintainers@class-teacher-appraisal.invalid"
app_license = "mit"

required_apps = []

add_to_apps_screen = [
	{
		"name": "class_teacher_appraisal",
		"logo": "/assets/class_teacher_appraisal/images/logo.svg",
		"title": "Class Teacher Appraisal",
		"route": "/app/class-teacher-appraisals",
	}
]

# Set-up records (seed rubrics, inspection items, later roles and workflow) are created in
# code and only where missing, so that a school's own edits survive every migrate.
after_install = "class_teacher_appraisal.install.after_install"
before_tests = "class_teacher_appraisal.install.before_tests"

# Row-level access: each class teacher sees only their own classes' records.
permission_query_conditions = {
	"Inspection": "class_teacher_appraisal.permissions.inspection_conditions",
	"Class Teacher Appraisal": "class_teacher_appraisal.permissions.appraisal_conditions",
	"Appraisal Rating": "class_teacher_appraisal.permissions.rating_conditions",
	"Appraisal Appeal": "class_teacher_appraisal.permissions.appeal_conditions",
}
has_permission = {
	"Inspection": "class_teacher_appraisal.permissions.inspection_permission",
	"Class Teacher Appraisal": "class_teacher_appraisal.permissions.appraisal_permission",
	"Appraisal Rating": "class_teacher_appraisal.permissions.rating_permission",
	"Appraisal Appeal": "class_teacher_appraisal.permissions.appeal_permission",
}

# The appraisal sheet's print format gets its data from Python (lines under parts, explanations
# in the reader's language, who signed each step).
jinja = {"methods": ["class_teacher_appraisal.printing.appraisal_sheet"]}

# Writes the "auto-generated types" block into controllers in developer mode.
export_python_type_annotations = True
