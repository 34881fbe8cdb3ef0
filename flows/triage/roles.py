"""Mark the cue words of a message: negation, hedges, questions, past, resolved, irony."""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Lexicon
from .text import Doc

_BARE_NO = frozenset({"no", "nope", "nah"})


@dataclass
class Roles:
    """Cue positions in one message (word indices into Doc.words)."""

    masked: set[int] = field(default_factory=set)
    negation: dict[int, bool] = field(default_factory=dict)  # position -> clear double ("not that")
    after: set[int] = field(default_factory=set)
    flip: set[int] = field(default_factory=set)
    hedge: set[int] = field(default_factory=set)
    hypothetical: set[int] = field(default_factory=set)
    past: set[int] = field(default_factory=set)
    present: set[int] = field(default_factory=set)
    present_strong: set[int] = field(default_factory=set)
    resolved: set[int] = field(default_factory=set)
    recurring: bool = False
    irony: bool = False


def _positions(spans: list[range]) -> set[int]:
    return {i for r in spans for i in r}


def _interjection(doc: Doc, i: int, followers: frozenset[str]) -> bool:
    """A bare 'no' that answers the bot ('No, I can't breathe'), not one that negates."""
    if doc.words[i] not in _BARE_NO:
        return False
    nxt = i + 1
    while nxt < len(doc.words) and doc.words[nxt] in _BARE_NO and doc.seg[nxt] == doc.seg[i]:
        nxt += 1  # "no no no, my lips are swelling": a run of "no"s answers like one
    return nxt >= len(doc.words) or doc.seg[nxt] != doc.seg[nxt - 1] or doc.words[nxt] in followers


def _resolution_at_end(doc: Doc, i: int, end_only: frozenset[str], followers: frozenset[str]) -> bool:
    """'the swelling has gone' / 'gone now' resolve; 'gone past the line' or 'gone puffy' do not."""
    if doc.words[i] not in end_only:
        return True
    nxt = i + 1
    return nxt >= len(doc.words) or doc.seg[nxt] != doc.seg[i] or doc.words[nxt] in followers


def mark_roles(doc: Doc, lex: Lexicon) -> Roles:
    """Find every cue, resolving overlaps: pseudo-negations and resolutions are not negations."""
    cues, words = lex.cues, doc.words
    roles = Roles()
    at = [i for i, w in enumerate(words) if w in cues.all_firsts]  # scan the message once
    roles.masked = _positions(cues.pseudo.spans(words, starts=at))
    roles.flip = _positions(cues.flip.spans(words, roles.masked, at))
    roles.masked |= roles.flip
    roles.resolved = {
        i
        for span in cues.resolved.spans(words, roles.masked, at)
        for i in span
        if len(span) > 1 or _resolution_at_end(doc, span[0], cues.resolved_end_only, cues.resolved_followers)
    }
    no_longer_segments = {doc.seg[r[0]] for r in cues.no_longer.spans(words, starts=at)}
    roles.masked |= roles.resolved
    for span in cues.concord.spans(words, roles.masked, at):
        cue = next((i for i in span if words[i] in cues.negation_words), span[0])
        roles.negation[cue] = False
        roles.masked.update(i for i in span if i != cue)  # "ain't got no rash" is one negation
    for span in cues.clear_double.spans(words, roles.masked, at):
        roles.negation[span[0]] = True
        roles.masked.update(span[1:])
    for span in cues.negation.spans(words, roles.masked, at):
        i = span[0]
        if i in roles.negation or _interjection(doc, i, cues.interjection_followers):
            continue
        if doc.seg[i] in no_longer_segments:
            roles.resolved.add(i)  # "not dizzy any more" is resolved, not absent
        else:
            roles.negation[i] = False
    roles.after = {span[0] for span in cues.after.spans(words, roles.masked, at)}
    roles.hypothetical = _positions(cues.hypothetical.spans(words, roles.masked, at))
    roles.past = _positions(cues.past.spans(words, starts=at))
    roles.present = _positions(cues.present.spans(words, starts=at)) - roles.hypothetical
    roles.present_strong = _positions(cues.present_strong.spans(words, starts=at))
    roles.recurring = bool(cues.recurring.spans(words, starts=at))
    roles.hedge = _positions(cues.hedges.spans(words, starts=at))
    roles.irony = bool(cues.irony.spans(words, starts=at))
    return roles
