"""Two snapshots of a site (snapshot.py) side by side: the differences as sentences, none when the
restored site reproduces the original. Plain Python, no database."""

# The keys of a snapshot that describe when and where it was taken, not the site's data.
ABOUT = ("site", "taken_at")


def differences(expected: dict, actual: dict, limit: int = 30) -> list[str]:
	"""What `actual` (the restored site) lacks or has otherwise than `expected` (the original), at
	most `limit` sentences and a last one saying how many more there are."""
	found: list[str] = []
	found += _appraisal_differences(expected.get("appraisals", {}), actual.get("appraisals", {}))
	found += _mapping_differences(
		"record count of", expected.get("record_counts", {}), actual.get("record_counts", {})
	)
	found += _mapping_differences("file", expected.get("files", {}), actual.get("files", {}))
	if len(found) > limit:
		return [*found[:limit], f"... and {len(found) - limit} more differences"]
	return found


def _appraisal_differences(expected: dict, actual: dict) -> list[str]:
	found = []
	for name in sorted(expected.keys() - actual.keys()):
		found.append(f"appraisal {name}: missing on the restored site")
	for name in sorted(actual.keys() - expected.keys()):
		found.append(f"appraisal {name}: not on the original site")
	for name in sorted(expected.keys() & actual.keys()):
		want, got = expected[name], actual[name]
		for field in sorted(want["fields"].keys() | got["fields"].keys()):
			a, b = want["fields"].get(field), got["fields"].get(field)
			if a != b:
				found.append(f"appraisal {name}: {field} {a!r} on the original, {b!r} restored")
		for table in sorted(want["tables"].keys() | got["tables"].keys()):
			rows_a, rows_b = want["tables"].get(table, []), got["tables"].get(table, [])
			if len(rows_a) != len(rows_b):
				found.append(
					f"appraisal {name}: {table}: {len(rows_a)} rows on the original, {len(rows_b)} restored"
				)
				continue
			for row_a, row_b in zip(rows_a, rows_b, strict=True):
				changed = sorted(k for k in row_a.keys() | row_b.keys() if row_a.get(k) != row_b.get(k))
				if changed:
					found.append(
						f"appraisal {name}: {table} row {row_a.get('idx')}: "
						+ ", ".join(
							f"{k} {row_a.get(k)!r} on the original, {row_b.get(k)!r} restored"
							for k in changed
						)
					)
	return found


def _mapping_differences(what: str, expected: dict, actual: dict) -> list[str]:
	found = []
	for key in sorted(expected.keys() | actual.keys()):
		if key not in actual:
			found.append(f"{what} {key}: missing on the restored site")
		elif key not in expected:
			found.append(f"{what} {key}: not on the original site")
		elif expected[key] != actual[key]:
			a, b = expected[key], actual[key]
			if isinstance(a, dict) and isinstance(b, dict):
				changed = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
				found.append(
					f"{what} {key}: "
					+ ", ".join(f"{k} {a.get(k)!r} on the original, {b.get(k)!r} restored" for k in changed)
				)
			else:
				found.append(f"{what} {key}: {a!r} on the original, {b!r} restored")
	return found


def summary(snapshot: dict) -> str:
	"""One line: the appraisals by workflow state, their lines and total points, records and files."""
	appraisals = snapshot.get("appraisals", {})
	states: dict[str, int] = {}
	for appraisal in appraisals.values():
		state = appraisal["fields"].get("workflow_state") or "(no state)"
		states[state] = states.get(state, 0) + 1
	lines = sum(len(a["tables"].get("lines", [])) for a in appraisals.values())
	points = sum(float(a["fields"].get("total_score") or 0) for a in appraisals.values())
	counts = snapshot.get("record_counts", {})
	files = snapshot.get("files", {})
	size = sum(f.get("size") or 0 for f in files.values())
	by_state = ", ".join(f"{state} {n}" for state, n in sorted(states.items()))
	return (
		f"{len(appraisals)} appraisals ({by_state or 'none'}), {lines} lines, total points {points:,.2f}; "
		f"{sum(counts.values()):,} records of {len(counts)} DocTypes; {len(files)} files ({size:,} bytes)"
	)
