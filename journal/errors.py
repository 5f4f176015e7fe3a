class DomainError(Exception):
    """A refused action; its message is shown to the person who tried it."""

    def __init__(self, message, *, code: str = "refused"):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return str(self.message)


class ActionNotAllowed(DomainError):
    """A refused action the person has no right to take (not Django's
    PermissionDenied, which answers 403)."""

    def __init__(self, message, *, code: str = "permission"):
        super().__init__(message, code=code)
