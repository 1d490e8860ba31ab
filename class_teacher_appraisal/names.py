"""The names the app's modules share: DocTypes, roles and the approval workflow's states and
actions, defined once (they are stored in the database, so they are never translated here)."""

# DocTypes
APPRAISAL = "Class Teacher Appraisal"
RATING = "Appraisal Rating"
APPEAL = "Appraisal Appeal"
INSPECTION = "Inspection"
ROUND = "Inspection Round"
ITEM = "Inspection Item"
PERIOD = "Appraisal Period"
RUBRIC = "Appraisal Rubric"
CLASS_RECORD = "Class Record"
RED_FLAG = "Red Flag Award"
SETTINGS = "Class Teacher Appraisal Settings"
BALLOT_TALLY = "Appraisal Ballot Tally"
ACTIVITY = "Appraisal Activity"
ACTIVITY_KIND = "Activity Kind"
CONSEQUENCE = "Appraisal Consequence"

# Roles (shown translated: 教导处/德育处, 校长, 值周检查员, 班主任)
OFFICE = "Academic Office"
PRINCIPAL = "Principal"
INSPECTOR = "Duty Inspector"
CLASS_TEACHER = "Class Teacher"
SYSTEM_MANAGER = "System Manager"
ROLES = (INSPECTOR, OFFICE, PRINCIPAL, CLASS_TEACHER)

# The approval workflow
WORKFLOW = "Class Teacher Appraisal Approval"
DRAFT, OFFICE_REVIEW, PRINCIPAL_APPROVAL, APPROVED, CANCELLED = (
	"Draft",
	"Pending Office Review",
	"Pending Principal Approval",
	"Approved",
	"Cancelled",
)
SUBMIT, FORWARD, APPROVE, RETURN, CANCEL = (
	"Submit for Review",
	"Forward to Principal",
	"Approve",
	"Return",
	"Cancel",
)
