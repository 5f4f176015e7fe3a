"""How states read to people: badge colours and the author's plain words."""

from django.utils.translation import gettext_lazy as _

from .models import State

BADGE_CLASSES = {
    State.DRAFT: "text-bg-secondary",
    State.SUBMITTED: "text-bg-primary",
    State.UNDER_REVIEW: "text-bg-info",
    State.REVISIONS_REQUESTED: "text-bg-warning",
    State.RESUBMITTED: "text-bg-primary",
    State.ACCEPTED: "text-bg-success",
    State.IN_PRODUCTION: "text-bg-success",
    State.READY_FOR_PUBLICATION: "text-bg-success",
    State.PUBLISHED: "text-bg-dark",
    State.DESK_REJECTED: "text-bg-danger",
    State.REJECTED: "text-bg-danger",
    State.WITHDRAWN: "text-bg-light border",
}

# What happened, told to the author: no names, no internal terms.
AUTHOR_EVENT_WORDS = {
    State.SUBMITTED: _("You sent the manuscript to the journal."),
    State.UNDER_REVIEW: _("The editors sent the manuscript to peer review."),
    State.DESK_REJECTED: _("The editors declined the manuscript without review."),
    State.REVISIONS_REQUESTED: _("The editors asked for revisions."),
    State.RESUBMITTED: _("You sent a revised version."),
    State.ACCEPTED: _("The manuscript was accepted for publication."),
    State.REJECTED: _("The manuscript was declined after review."),
    State.WITHDRAWN: _("The submission was withdrawn."),
    State.IN_PRODUCTION: _("The manuscript went into production."),
    State.READY_FOR_PUBLICATION: _("The proofs were approved."),
    State.PUBLISHED: _("The article was published."),
}
