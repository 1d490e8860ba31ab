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
SCHOOL = "Appraisal School"  # a county's schools on one site (county/: a school dimension)
TERM_REVIEW = "Studio Term Review"
STUDIO_ASSESSMENT = "Studio Assessment"
DUTY_ROSTER = "Duty Roster"
ROSTER_ASSIGNMENT = "Duty Roster Assignment"

# Roles (shown translated: 教导处/德育处, 校长, 值周检查员, 班主任)
OFFICE = "Academic Office"
PRINCIPAL = "Principal"
INSPECTOR = "Duty Inspector"
CLASS_TEACHER = "Class Teacher"
PUPIL_MONITOR = "Pupil Monitor"  # 值周学生: records inspections on the duty roster, a teacher confirms them
SYSTEM_MANAGER = "System Manager"
BUREAU = "Education Bureau"  # 教育局: reads every school of a county site, ranks them; approves nothing
ROLES = (INSPECTOR, OFFICE, PRINCIPAL, CLASS_TEACHER, PUPIL_MONITOR, BUREAU)

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

# The studio assessment's workflow (issue 14: the studio's host → the school's leadership)
STUDIO_WORKFLOW = "Studio Assessment Approval"
LEADERSHIP_APPROVAL = "Pending Leadership Approval"
SUBMIT_FOR_APPROVAL = "Submit for Approval"

# What a rubric applies to (Appraisal Rubric's applies_to)
FOR_CLASS_TEACHERS, FOR_STUDIO_MEMBERS = "Class Teachers", "Studio Members"

# Master class-teacher studios (issue 14: the studio's people, records and exits)
STUDIO = "Class Teacher Studio"
MEMBERSHIP = "Studio Membership"
STUDIO_ACTIVITY = "Studio Activity"
ATTENDANCE = "Studio Attendance"
EXIT_REQUEST = "Studio Exit Request"
HOST, DEPUTY_HOST, MEMBER, TRAINEE = "Host", "Deputy Host", "Member", "Trainee"
HOSTS = (HOST, DEPUTY_HOST)

# The exit request's workflow: the member asks, the host approves, the school's leadership decides
EXIT_WORKFLOW = "Studio Exit Approval"
EXIT_REQUESTED, EXIT_HOST_APPROVED, EXIT_APPROVED, EXIT_REJECTED = (
	"Requested",
	"Approved by Host",
	"Approved",
	"Rejected",
)
REJECT = "Reject"
