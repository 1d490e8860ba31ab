"""Master class-teacher studios (名班主任工作室, seed 004): the studio's people over time, its
activities, its members' outputs, exit requests and the archive. The checks here read the
memberships as the database holds them; who may do what is in permissions.py."""
