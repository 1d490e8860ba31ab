"""Limited places and honours, decided across a period's appraisals after each is scored.

Seed 002: the school allots a share of the 优秀 places to its class teachers; they go by rank,
after scores and vetoes, and a teacher beyond the places gets the next grade. Seed 000: the ten
best class teachers (十佳) are chosen from the top scores, leaving out those an exclusion rule
bars. Ties at the last place all get it (as with red flags): a school that wants a hard ceiling
breaks ties with its own rules."""

from dataclasses import dataclass
from decimal import Decimal

from .amounts import fmt
from .engine import competition_ranks
from .i18n import Msg, _, msg
from .model import Honour, Places


@dataclass(frozen=True)
class Standing:
	"""One appraisal of the period as the places see it."""

	id: str
	total: Decimal
	grade: str  # the grade its score reached (a veto already gave the lowest)
	fixed: bool = False  # approved: its grade stands, and a place it holds stays taken
	held_grade: str = ""  # the grade an approved appraisal holds
	held_honour: bool = False  # whether an approved appraisal holds the honour
	barred: Msg | None = None  # why it cannot be honoured (an exclusion rule, a consequence)


def allot_places(places: Places, standings: list[Standing]) -> dict[str, tuple[str, Msg | None]]:
	"""The grade each draft gets once the limited places are allotted by rank, and why it differs
	from the grade its score reached (None when it does not). Approved appraisals keep theirs and
	hold the places they took."""
	limit = places.limit(len(standings))
	out: dict[str, tuple[str, Msg | None]] = {s.id: (s.grade, None) for s in standings if not s.fixed}
	if limit is None:
		return out
	taken = sum(1 for s in standings if s.fixed and s.held_grade == places.grade)
	free = max(limit - taken, 0)
	contenders = {s.id: s.total for s in standings if not s.fixed and s.grade == places.grade}
	ranks = competition_ranks(contenders)
	for key, rank in ranks.items():
		kept = rank <= free
		why = msg(
			_(
				"{0} places: {1} for {2} appraisals, {3} not held by approved ones; ranked {4} of the {5} that reached it"
			),
			places.grade,
			limit,
			len(standings),
			free,
			rank,
			len(contenders),
		)
		out[key] = (places.grade, why) if kept else (places.beyond, msg(_("{0}, so {1}"), why, places.beyond))
	return out


def choose_honours(honour: Honour, standings: list[Standing]) -> dict[str, tuple[bool, Msg | None]]:
	"""Which drafts get the honour: the places approved appraisals do not hold go to the top
	totals of the drafts not barred (ties at the last place all in); and why each is or is not.
	An approved appraisal keeps the honour it was approved with, as it keeps its grade."""
	if not honour:
		return {}
	free = max(honour.places - sum(1 for s in standings if s.fixed and s.held_honour), 0)
	eligible = {s.id: s.total for s in standings if not s.fixed and s.barred is None}
	ranks = competition_ranks(eligible)
	out: dict[str, tuple[bool, Msg | None]] = {}
	for s in standings:
		if s.fixed:
			continue
		if s.barred is not None:
			out[s.id] = (False, msg(_("{0}: not eligible ({1})"), honour.title, s.barred))
		elif ranks[s.id] <= free:
			out[s.id] = (
				True,
				msg(
					_("{0}: ranked {1} of {2} eligible, total {3}"),
					honour.title,
					ranks[s.id],
					len(eligible),
					fmt(s.total),
				),
			)
		else:
			out[s.id] = (False, None)
	return out


__all__ = ["Honour", "Places", "Standing", "allot_places", "choose_honours"]
