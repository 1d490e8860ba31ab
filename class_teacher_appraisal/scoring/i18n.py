"""Messages of the scoring core, translated by whoever displays them.

The core cannot import frappe, so `_` here only marks a source string for
translation (Frappe's extractor and the app's translation test both find it);
`Msg.render` is given frappe's `_` by the controllers.
"""

from collections.abc import Callable
from dataclasses import dataclass


def _(source: str) -> str:
	return source


@dataclass(frozen=True)
class Msg:
	template: str
	args: tuple = ()

	def render(self, translate: Callable[[str], str] = _) -> str:
		return translate(self.template).format(*self.args)


def msg(template: str, *args) -> Msg:
	return Msg(template, tuple(args))


def render_all(messages, translate: Callable[[str], str] = _, sep: str = "; ") -> str:
	return sep.join(m.render(translate) for m in messages)
