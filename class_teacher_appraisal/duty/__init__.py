"""The duty roster (值周安排): the office says who inspects which items and classes on which days,
teachers and pupil monitors alike. `assignments` says in plain Python which roster rows apply to a
day and a class; `roster` reads them set-based; `enforce` holds inspections and rounds to them."""
