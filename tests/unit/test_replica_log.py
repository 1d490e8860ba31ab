"""The read replica demo (scripts/replica-demo) decides where the reads went from the replica's
general log: each statement belongs to the database user its connection logged in as, and a
statement's kind is its first word. The sample is MariaDB 10.11's own format (the demo's replica)."""

from class_teacher_appraisal.benchmark import replica

SITE = "_d84bc9e139734450"
LOG = f"""mariadbd, Version: 10.11.19-MariaDB-0+deb12u1-log (Debian 12). started with:
Tcp port: 3307  Unix socket: /home/frappe/cta-bench/replica/mysqld.sock
Time		    Id Command	Argument
261129  7:15:09	     5 Connect	root@localhost on  using Socket
		     5 Query	CREATE USER `{SITE}`@`localhost` IDENTIFIED BY PASSWORD '*B4496B45DD1C4B99B77410A91D85C8846535CDEF'
		     5 Query	/*!40101 SET NAMES utf8mb4 */
		     5 Quit
		    12 Connect	{SITE}@localhost on {SITE} using TCP/IP
		    12 Query	SET NAMES utf8mb4
		    12 Query	SET AUTOCOMMIT = 0
		    12 Query	SELECT * FROM `tabReport` WHERE `name`='Appraisal Ranking' LIMIT 1
		    12 Query	select `name`, `class_record`, `total_score`
			from `tabClass Teacher Appraisal`
			where `tabClass Teacher Appraisal`.`appraisal_period` = 'LOAD 2026年3月'

			 order by total_score desc
261129  7:15:11	    12 Query	select `parent`, `points` from `tabClass Teacher Appraisal Section` s
			join `tabClass Teacher Appraisal` a on a.name = s.parent
		    12 Query	SELECT `name` FROM `tabSeries` WHERE `name`='' FOR UPDATE
		    12 Quit
		    13 Query	BEGIN
		    13 Query	COMMIT
"""


def test_statements_belong_to_the_user_their_connection_logged_in_as():
	by_user = replica.statements_by_user(LOG)
	assert by_user[SITE] == {"set": 2, "select": 3, "select … for update": 1}
	assert by_user["root"] == {"create": 1, "set": 1}
	assert by_user["?"] == {"begin": 1, "commit": 1}  # the replication thread logs no Connect
	assert replica.writes(by_user[SITE]) == 0
	assert replica.writes(by_user["root"]) == 1


def test_a_statement_over_several_lines_is_one_statement():
	site = [s for user, s in replica.statements(LOG) if user == SITE]
	assert len(site) == 6
	assert site[3].startswith("select `name`, `class_record`") and "order by total_score desc" in site[3]


def test_tables_read_count_each_statement_once():
	tables = replica.tables_read(LOG, SITE)
	assert tables == {
		"tabReport": 1,
		"tabClass Teacher Appraisal": 2,
		"tabClass Teacher Appraisal Section": 1,
		"tabSeries": 1,
	}


def test_a_write_sent_to_the_replica_would_show():
	log = (
		LOG
		+ f"\t\t    14 Connect\t{SITE}@localhost on {SITE} using TCP/IP\n\t\t    14 Query\tUPDATE `tabSeries` SET current=1\n"
	)
	assert replica.writes(replica.statements_by_user(log)[SITE]) == 1
