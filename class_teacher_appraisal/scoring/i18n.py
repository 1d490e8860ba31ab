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

	def render(self, translate: Callable[[str], str] = _, escape: Callable | None = None) -> str:
		"""The message in the reader's language; `escape` (e.g. for HTML) is applied to the values
		put into it, not to the translated words."""
		# an argument may itself be a message (e.g. a rater group's name), translated alike
		args = (
			a.render(translate, escape) if isinstance(a, Msg) else (escape(a) if escape else a)
			for a in self.args
		)
		return translate(self.template).format(*args)


def msg(template: str, *args) -> Msg:
	return Msg(template, tuple(args))


def joined(parts: list, sep: str = " + ") -> Msg:
	"""Several messages as one argument: "{0} + {1} + …" (a template with nothing to translate)."""
	return Msg(sep.join(f"{{{i}}}" for i in range(len(parts))), tuple(parts))


def render_all(messages, translate: Callable[[str], str] = _, sep: str = "; ") -> str:
	return sep.join(m.render(translate) for m in messages)
