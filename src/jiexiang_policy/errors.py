"""Exceptions raised by jiexiang-policy.

Every error a user can cause by writing a file carries a :class:`Location`
so that the command line can say *where* the problem is, not only what it is.
"""

from __future__ import annotations

from .locations import Location

__all__ = [
    "FieldValueError",
    "InputError",
    "JiexiangPolicyError",
    "MissingParameterError",
    "PolicyFileError",
    "SetupFileError",
]


class JiexiangPolicyError(Exception):
    """Base class of every error this library raises on purpose."""


class InputError(JiexiangPolicyError, ValueError):
    """A file given by the user cannot be used.

    ``problems`` lists each problem with where it is; ``str(error)`` is a
    ready-to-print message, one line per problem.
    """

    def __init__(self, problems: list[tuple[Location, str]]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{loc}: {msg}" for loc, msg in self.problems))

    @classmethod
    def at(cls, location: Location, message: str) -> InputError:
        """Build an error with a single problem."""
        return cls([(location, message)])


class FieldValueError(JiexiangPolicyError, ValueError):
    """A field's value is out of range; ``field`` names it so the message can point at it."""

    def __init__(self, field: str, message: str, owner: str | None = None) -> None:
        self.field = field
        self.message = message
        """The message without the field's name."""
        self.owner = owner
        """The class whose field it is, when the value was given in Python."""
        super().__init__(f"{owner}.{field}: {message}" if owner else message)


class PolicyFileError(InputError):
    """A policy folder (``policies/``) is malformed or contradicts the source text."""


class MissingParameterError(PolicyFileError, KeyError):
    """A rule needs a parameter the policy folder does not define."""

    def __str__(self) -> str:  # KeyError would quote the message
        return InputError.__str__(self)


class SetupFileError(InputError):
    """An organisational setup, baseline or waiver file is malformed."""
