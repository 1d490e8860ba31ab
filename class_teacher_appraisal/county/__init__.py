"""A county on one site (issue 17): an education bureau runs one site for its schools.

`schools`: the school dimension (which records carry a school and where it comes from); `terms`:
a county term (every school's period of the same dates), its ranking and its recompute, one job
per school. Who may see which school is in permissions.py (User Permissions, Allow: Appraisal
School); a site of one school sets no school anywhere and nothing here changes what it does."""
