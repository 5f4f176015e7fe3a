"""Reviewer finder: who knows this subject, is free, and is not the authors' friend.

Candidates are the journal's reviewers and anyone who reviewed for it before.
Each is described by their research interests plus the titles and keywords of
the submissions they reviewed; the submission by its title, abstract and
keywords in every language. They are ranked by TF-IDF cosine similarity.

The vectoriser is written here (about forty lines) rather than taken from
scikit-learn: the corpus is a few hundred short texts, the work is a dictionary
count, and scikit-learn with NumPy and SciPy would add some 100 MB to the image
for it. Tokens are Latin or Cyrillic words, lowercased, with common English and
Russian function words dropped, and a crude suffix cut so that "reforms" and
"reform", "реформы" and "реформа" meet.

Excluded: the submitter, the contributors (by account or email), their
co-authors on earlier submissions, people at an author's affiliation, and the
reviewers the authors opposed. Statistics for every candidate come from a
fixed number of grouped queries, whatever the number of candidates.
"""

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from journal.models import JournalRole, Role, User
from submissions.models import Contributor, ReviewerPreference, Submission

from .models import AssignmentState, ReviewAssignment

TOKEN = re.compile(r"[a-zа-яё][a-zа-яё0-9\-]+", re.IGNORECASE)
STOPWORDS = frozenset(
    """
    a an and are as at be by for from has have in into is it its of on or that the
    their this to was were which with within study paper article case analysis
    approach new role towards based using use among between how what why
    и в во на не что это как с со по из к ко у о об от для при а но же или
    его ее её их ли бы так также то этот эта эти этого который которые
    """.split()
)
SUFFIXES = sorted(
    {
        "ations",
        "ation",
        "ments",
        "ment",
        "ness",
        "ings",
        "ing",
        "ies",
        "ers",
        "es",
        "s",
        "ами",
        "ями",
        "ого",
        "его",
        "ому",
        "ему",
        "ыми",
        "ими",
        "ой",
        "ей",
        "ый",
        "ий",
        "ая",
        "яя",
        "ое",
        "ее",
        "ые",
        "ие",
        "ов",
        "ев",
        "ам",
        "ям",
        "ах",
        "ях",
        "ию",
        "ия",
        "ии",
        "ью",
        "а",
        "я",
        "ы",
        "и",
        "у",
        "ю",
        "е",
        "о",
    },
    key=len,
    reverse=True,
)


def _stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokenise(text: str) -> list[str]:
    words = (w.lower().strip("-") for w in TOKEN.findall(text or ""))
    return [_stem(w) for w in words if len(w) > 2 and w not in STOPWORDS]


def tfidf_vectors(documents: list[list[str]]) -> list[dict[str, float]]:
    """L2-normalised TF-IDF vectors (smoothed idf, sublinear tf)."""
    n = len(documents)
    df = Counter(term for doc in documents for term in set(doc))
    idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
    vectors = []
    for doc in documents:
        counts = Counter(doc)
        vec = {t: (1 + math.log(c)) * idf[t] for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def submission_text(submission: Submission) -> str:
    parts = list((submission.title or {}).values())
    parts += list((submission.abstract or {}).values())
    for words in (submission.keywords or {}).values():
        parts += list(words) * 2  # keywords are chosen words: count them more
    return "\n".join(p for p in parts if isinstance(p, str))


@dataclass
class Candidate:
    user: User
    score: float = 0.0
    profile_terms: list[str] = field(default_factory=list)
    current_load: int = 0
    completed: int = 0
    average_turnaround_days: float | None = None
    decline_rate: float | None = None
    mean_rating: float | None = None
    already_invited: bool = False
    suggested_by_authors: bool = False

    @property
    def score_percent(self) -> int:
        return round(self.score * 100)


def _norm(text: str) -> str:
    return " ".join((text or "").casefold().split())


def _excluded(submission: Submission) -> tuple[set[int], set[str], set[str]]:
    """User ids, emails and affiliations that must not review this submission."""
    authors = list(submission.authors.all())
    emails = {_norm(a.email) for a in authors} | {_norm(submission.submitter.email)}
    users = {a.user_id for a in authors if a.user_id} | {submission.submitter_id}
    affiliations = {_norm(a.affiliation) for a in authors if a.affiliation}
    if submission.submitter.affiliation:
        affiliations.add(_norm(submission.submitter.affiliation))
    # Co-authors: everyone on an earlier submission with any of these authors.
    earlier = (
        Contributor.objects.filter(Q(user_id__in=users) | Q(email__in=emails))
        .exclude(submission=submission)
        .values("submission_id")
    )
    for user_id, email in Contributor.objects.filter(
        submission_id__in=earlier
    ).values_list("user_id", "email"):
        if user_id:
            users.add(user_id)
        emails.add(_norm(email))
    users |= set(
        Submission.objects.filter(pk__in=earlier).values_list("submitter_id", flat=True)
    )
    for pref in ReviewerPreference.objects.filter(
        submission=submission, kind=ReviewerPreference.Kind.OPPOSED
    ):
        if pref.email:
            emails.add(_norm(pref.email))
    return users, emails, affiliations


def _pool(submission: Submission) -> list[User]:
    journal = submission.journal
    reviewer_ids = JournalRole.objects.filter(
        journal=journal, role=Role.REVIEWER
    ).values("user_id")
    past_ids = ReviewAssignment.objects.filter(submission__journal=journal).values(
        "reviewer_id"
    )
    return list(
        User.objects.filter(is_active=True).filter(
            Q(pk__in=reviewer_ids) | Q(pk__in=past_ids)
        )
    )


def _past_review_texts(user_ids: list[int]) -> dict[int, list[str]]:
    """Titles and keywords of what each person reviewed (submitted or accepted)."""
    texts: dict[int, list[str]] = defaultdict(list)
    rows = ReviewAssignment.objects.filter(
        reviewer_id__in=user_ids,
        state__in=[AssignmentState.SUBMITTED, AssignmentState.ACCEPTED],
    ).values_list("reviewer_id", "submission__title", "submission__keywords")
    for reviewer_id, title, keywords in rows:
        texts[reviewer_id] += [t for t in (title or {}).values() if isinstance(t, str)]
        for words in (keywords or {}).values():
            texts[reviewer_id] += [w for w in words if isinstance(w, str)]
    return texts


def _statistics(user_ids: list[int]) -> dict[int, dict]:
    """Load, turnaround, decline rate and rating per person, in grouped queries."""
    qs = ReviewAssignment.objects.filter(reviewer_id__in=user_ids)
    stats: dict[int, dict] = defaultdict(dict)
    for row in (
        qs.order_by()
        .values("reviewer_id")
        .annotate(
            load=Count("pk", filter=Q(state=AssignmentState.ACCEPTED)),
            completed=Count("pk", filter=Q(state=AssignmentState.SUBMITTED)),
            declined=Count(
                "pk",
                filter=Q(state__in=[AssignmentState.DECLINED, AssignmentState.EXPIRED]),
            ),
            answered=Count(
                "pk",
                filter=Q(
                    state__in=[
                        AssignmentState.ACCEPTED,
                        AssignmentState.SUBMITTED,
                        AssignmentState.DECLINED,
                        AssignmentState.EXPIRED,
                    ]
                ),
            ),
            rating=Avg("editor_rating"),
        )
    ):
        stats[row["reviewer_id"]].update(row)
    # Turnaround in Python: date arithmetic in SQL differs between databases.
    turnaround: dict[int, list[float]] = defaultdict(list)
    for reviewer_id, invited, submitted in qs.filter(
        state=AssignmentState.SUBMITTED, submitted_at__isnull=False
    ).values_list("reviewer_id", "invited_at", "submitted_at"):
        turnaround[reviewer_id].append((submitted - invited).total_seconds() / 86400)
    for reviewer_id, days in turnaround.items():
        stats[reviewer_id]["turnaround"] = sum(days) / len(days)
    return stats


def reviewer_candidates(submission: Submission, *, limit: int = 25) -> list[Candidate]:
    """People who could review this submission, best match first.

    Candidates with no textual overlap are listed after the others, by
    lighter load, so an editor still sees who is available.
    """
    users, emails, affiliations = _excluded(submission)
    pool = [
        u
        for u in _pool(submission)
        if u.pk not in users
        and _norm(u.email) not in emails
        and not (u.affiliation and _norm(u.affiliation) in affiliations)
    ]
    if not pool:
        return []
    ids = [u.pk for u in pool]
    past = _past_review_texts(ids)
    stats = _statistics(ids)
    invited_now = set(
        ReviewAssignment.objects.filter(submission=submission)
        .exclude(state=AssignmentState.CANCELLED)
        .values_list("reviewer_id", flat=True)
    )
    suggested = {
        _norm(p.email)
        for p in ReviewerPreference.objects.filter(
            submission=submission, kind=ReviewerPreference.Kind.SUGGESTED
        )
        if p.email
    }
    docs = [tokenise(submission_text(submission))] + [
        tokenise("\n".join([u.research_interests, *past.get(u.pk, [])])) for u in pool
    ]
    vectors = tfidf_vectors(docs)
    query = vectors[0]
    candidates = []
    for user, vector in zip(pool, vectors[1:], strict=True):
        s = stats.get(user.pk, {})
        answered = s.get("answered") or 0
        common = sorted(
            (t for t in vector if t in query), key=lambda t: -vector[t] * query[t]
        )
        candidates.append(
            Candidate(
                user=user,
                score=cosine(query, vector),
                profile_terms=common[:5],
                current_load=s.get("load", 0),
                completed=s.get("completed", 0),
                average_turnaround_days=s.get("turnaround"),
                decline_rate=(s.get("declined", 0) / answered) if answered else None,
                mean_rating=s.get("rating"),
                already_invited=user.pk in invited_now,
                suggested_by_authors=_norm(user.email) in suggested,
            )
        )
    candidates.sort(key=lambda c: (-round(c.score, 6), c.current_load, c.user.pk))
    return candidates[:limit]


__all__ = ["Candidate", "reviewer_candidates", "tokenise", "tfidf_vectors"]
