"""What users typed, made inert where the Desk writes it into the page as HTML.

Frappe 15 puts a Script Report's cells (the Data formatter returns the value as it is), its
column labels, summary cards and chart labels, a dashboard chart's labels and a Notification
Log's subject into the page as HTML. The stored text stays as the user typed it; it is escaped
here, on its way out, once."""

from frappe.utils import escape_html

# Report columns whose cells Frappe renders safely or that hold no text: a Link cell is written
# with innerText (and a name cannot contain < or >); numbers, dates and checks are formatted.
NOT_TEXT = {
	"Link",
	"Dynamic Link",
	"Int",
	"Float",
	"Currency",
	"Percent",
	"Check",
	"Date",
	"Datetime",
	"Time",
	"Duration",
}


def text(value):
	"""A value as text in HTML: strings escaped, anything else (numbers, None) as it is."""
	return escape_html(value) if isinstance(value, str) else value


def chart(data: dict | None) -> dict | None:
	"""A chart's labels and dataset names escaped (frappe-charts writes them as HTML)."""
	if not data:
		return data
	inner = data.get("data", data)  # a report's chart has its data under "data"
	if "labels" in inner:
		inner["labels"] = [text(label) for label in inner["labels"]]
	for dataset in inner.get("datasets") or []:
		if "name" in dataset:
			dataset["name"] = text(dataset["name"])
	return data


def report(columns: list[dict], rows: list[dict], message=None, chart_data=None, summary=None):
	"""A Script Report's result with every text it shows escaped: cells of text columns, column
	labels, the chart and the summary cards. Returns the tuple execute() returns."""
	plain = [c["fieldname"] for c in columns if c.get("fieldtype", "Data") not in NOT_TEXT]
	for row in rows:
		for fieldname in plain:
			if fieldname in row:
				row[fieldname] = text(row[fieldname])
	for c in columns:
		c["label"] = text(c.get("label"))
	for card in summary or []:
		card["label"] = text(card.get("label"))
		if card.get("datatype", "Data") not in NOT_TEXT:
			card["value"] = text(card.get("value"))
	return columns, rows, message, chart(chart_data), summary
