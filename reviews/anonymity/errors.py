"""The refusal every scrubber raises."""

from journal.errors import DomainError


class ScrubError(DomainError):
    """The file claims a type but cannot be read as one."""
