from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from journal.models import ReviewMethod

from .models import CriterionKind, DecisionKind, Recommendation

User = get_user_model()


class InviteForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("Someone who already has an account"),
        queryset=User.objects.none(),
        required=False,
    )
    email = forms.EmailField(
        label=_("…or invite by email"),
        required=False,
        help_text=_("A new reviewer sets a password from the invitation."),
    )
    given_name = forms.CharField(label=_("Given name"), required=False)
    family_name = forms.CharField(label=_("Family name"), required=False)
    due = forms.DateField(
        label=_("Review due"),
        # A date input reads only ISO dates, never the active language's format.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    message = forms.CharField(
        label=_("Personal message (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["reviewer"].queryset = people
        self.fields["reviewer"].label_from_instance = lambda u: (
            f"{u.full_name} <{u.email}>"
            + (f" — {u.affiliation}" if u.affiliation else "")
        )

    def clean(self):
        data = super().clean()
        reviewer, email = data.get("reviewer"), data.get("email")
        if not reviewer and not email:
            if "email" not in self.errors:  # a malformed address says so itself
                self.add_error(
                    "reviewer",
                    _("Choose a person or type an email address (one of the two)."),
                )
        elif reviewer and email:
            self.add_error(
                "email",
                _("You chose a person above: leave the email address empty."),
            )
        return data


class RoundOpenForm(forms.Form):
    """Send out for review: the round's method (the section's unless the editor
    says why not) and, from round two, whom to invite again."""

    review_method = forms.ChoiceField(
        label=_("Review method of this round"),
        choices=ReviewMethod.choices,
        required=False,
    )
    method_reason = forms.CharField(
        label=_("Why another method than the section's?"),
        help_text=_(
            "Needed only for a method other than the section's; kept in the "
            "submission's history."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    reinvite_previous = forms.BooleanField(
        label=_("Invite the previous reviewers again"), required=False
    )
    stale_copy_confirmed = forms.BooleanField(
        label=_("Send the older reviewer's copy anyway"), required=False
    )

    def __init__(self, *args, policy: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy
        self.fields["review_method"].initial = policy
        self.fields["review_method"].choices = [
            (
                value,
                _("%(method)s (the section's)") % {"method": label}
                if value == policy
                else label,
            )
            for value, label in ReviewMethod.choices
        ]

    def clean(self):
        data = super().clean()
        method = data.get("review_method") or self.policy
        data["review_method"] = method
        if method != self.policy and not (data.get("method_reason") or "").strip():
            self.add_error(
                "method_reason",
                _(
                    "This section's review is “%(policy)s”. Say why this round "
                    "should differ; the reason is kept in the submission's history."
                )
                % {"policy": ReviewMethod(self.policy).label},
            )
        return data


class CommentsApprovalForm(forms.Form):
    text = forms.CharField(
        label=_("What the author will read"),
        help_text=_(
            "Edit out anything that should not reach the author (a signature, an "
            "institution); the reviewer's own text stays as it was."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=50000,
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    suggested_alternative = forms.CharField(
        label=_("Can you suggest someone else? (optional)"),
        help_text=_("A name and email address, if you know one."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class AcceptForm(forms.Form):
    competing_interests = forms.CharField(
        label=_("Competing interests"),
        help_text=_(
            "Describe any relationship with the authors, their institutions or "
            "the subject that could influence your review, or write “None”."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    has_conflict = forms.BooleanField(
        label=_("I have a conflict of interest the editor should know about"),
        required=False,
    )


class ClaimAccountForm(forms.Form):
    given_name = forms.CharField(label=_("Given name"))
    family_name = forms.CharField(label=_("Family name"), required=False)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Repeat password"), widget=forms.PasswordInput)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                validate_password(p1, self.user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


def criterion_field_name(criterion) -> str:
    return f"c_{criterion.pk}"


class ReviewEditForm(forms.Form):
    """The reviewer's report; nothing is required here, the service checks that
    on submission so that a draft can be saved half done."""

    confidence = forms.TypedChoiceField(
        label=_("Your confidence in this assessment"),
        choices=[("", "—")] + [(i, str(i)) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1 = outside my field, 5 = expert in the subject."),
    )
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        choices=[("", "—")] + list(Recommendation.choices),
        required=False,
    )
    comments_to_author = forms.CharField(
        label=_("Comments to the author"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("The author reads these. Do not sign them."),
    )
    comments_to_editor = forms.CharField(
        label=_("Confidential comments to the editor"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Only the editors read these."),
    )
    annotated_file = forms.FileField(
        label=_("Annotated manuscript (optional)"),
        required=False,
        help_text=_("DOCX, ODT or PDF. Identifying properties are removed."),
    )

    identity_confirmed = forms.BooleanField(
        label=_(
            "I have read the warning: submit the review as it is (the editor will "
            "see what was found before the author does)"
        ),
        required=False,
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        fields = {}
        for criterion in self.criteria:
            if criterion.kind == CriterionKind.YESNO:
                choices = [("yes", _("Yes")), ("no", _("No"))]
            else:
                choices = [
                    (str(i), str(i))
                    for i in range(criterion.scale_min, criterion.scale_max + 1)
                ]
            fields[criterion_field_name(criterion)] = forms.ChoiceField(
                label=criterion.label,
                help_text=criterion.description,
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
            )
        self.fields = {**fields, **self.fields}

    @staticmethod
    def initial_for(review) -> dict:
        initial = {
            "confidence": review.confidence,
            "recommendation": review.recommendation,
            "comments_to_author": review.comments_to_author,
            "comments_to_editor": review.comments_to_editor,
        }
        for key, value in review.answers.items():
            if isinstance(value, bool):
                value = "yes" if value else "no"
            initial[f"c_{key}"] = str(value)
        return initial

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "answers": {
                str(c.pk): data.get(criterion_field_name(c)) for c in self.criteria
            },
            "confidence": data.get("confidence"),
            "recommendation": data.get("recommendation") or "",
            "comments_to_author": data.get("comments_to_author") or "",
            "comments_to_editor": data.get("comments_to_editor") or "",
            "annotated_file": data.get("annotated_file"),
        }

    def criterion_fields(self):
        return [self[criterion_field_name(c)] for c in self.criteria]


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating of this review"),
        # No preselected value: a rating is always a choice the editor made.
        choices=[("", _("Rate…"))] + [(i, str(i)) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
    )


class DecisionLetterForm(forms.Form):
    letter_subject = forms.CharField(label=_("Subject"), max_length=300)
    letter_body = forms.CharField(
        label=_("Letter to the author"), widget=forms.Textarea(attrs={"rows": 18})
    )
    # Bounded: a tampered count must get the form's error, not reach the database.
    seen_decisions = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=100_000
    )

    def __init__(self, *args, without_reviews: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if without_reviews:
            # No reviewer has reported: the editor confirms deciding anyway.
            self.fields["confirm_without_reviews"] = forms.BooleanField(
                label=_("I decide without any review"),
                help_text=_("No reviewer has submitted a report on this manuscript."),
                error_messages={
                    "required": _(
                        "No review has been submitted. Tick the box to decide anyway."
                    )
                },
            )


class RevisionUploadForm(forms.Form):
    kind = forms.ChoiceField(choices=())
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)
        self.fields["kind"].label = _("What is it?")


DECISION_KINDS = DecisionKind


class ReviewerFileUploadForm(forms.Form):
    """The editor adds a new version of a file reviewers receive."""

    kind = forms.ChoiceField(label=_("Kind"))
    file = forms.FileField(label=_("File"))
    description = forms.CharField(
        label=_("Description (optional)"), max_length=300, required=False
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)


class LetterResendForm(forms.Form):
    letter_subject = forms.CharField(label=_("Subject"), max_length=300)
    letter_body = forms.CharField(
        label=_("Letter to the author"), widget=forms.Textarea(attrs={"rows": 18})
    )
