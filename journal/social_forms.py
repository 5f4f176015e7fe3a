"""The sign-up form for a person who signs in with ORCID for the first time.

Apart from journal.forms because allauth builds its sign-up forms on top of
journal.forms.SignupProfileForm (ACCOUNT_SIGNUP_FORM_CLASS).
"""

from allauth.socialaccount.forms import SignupForm


class OrcidSignupForm(SignupForm):
    """Email and profile details; the ORCID iD is the one ORCID confirmed."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields.pop("orcid", None)
