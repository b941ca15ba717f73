"""Schemathesis hooks for scripts/fuzz.sh, loaded through SCHEMATHESIS_HOOKS.

before_call: a well-formed Idempotency-Key gets a suffix unique to the run (process) before each call. Schemathesis
draws keys from a small space and reuses them across cases and scenarios; the API answers a
reused key with another body with a 409 and a reused key with the same body with the original
answer, even once that resource is gone (README: Idempotency-Key). Either would be read as a
failure of the case that happened to draw the key (a create "not found" right after it was
made, because an earlier scenario had deleted it). Malformed keys are sent as generated, so
the 400 for them stays fuzzed; replay and conflict are covered by the end-to-end tests.
Negative cases whose mutation is in a header are left alone: changing a header makes
Schemathesis revalidate the case, which would put back a header the case meant to leave out
(Authorization).
"""

import itertools
import re
import uuid

import regex
import schemathesis

# fuzz.sh runs six Schemathesis processes against one server; a serial alone restarts at 0 in
# each, so the same drawn key ("0") became the same "0.3" in two runs of one role: a replay of
# the earlier run's (since deleted) template, read as ST302. The run id keeps keys unique
# across processes.
_run = uuid.uuid4().hex[:8]
_serial = itertools.count()
# The document's pattern: printable ASCII, then optional trailing spaces and tabs, which HTTP
# strips before the server sees the value ("0 \t" arrives as "0"). The suffix goes after the
# value the server would see: left on the raw key, keys that differ only in trailing whitespace
# (Schemathesis draws many) reached the server as one key, and a later case replayed an earlier
# case's create, by then deleted, which Schemathesis reads as ST302 "created resource not found".
_WELL_FORMED = re.compile(r"^([!-~]{1,255})[ \t]*$")


def _header_mutation(meta):
    """Whether a negative case's mutation is in a header (or cannot be told)."""
    location = getattr(meta.phase.data, "parameter_location", None)
    return location is None or str(getattr(location, "value", location)).lower() == "header"


@schemathesis.hook
def before_call(context, case, kwargs):
    headers = case.headers
    if not headers:
        return
    meta = case.meta
    if meta is not None and meta.generation.mode.is_negative and _header_mutation(meta):
        return
    key = headers.get("Idempotency-Key")
    well_formed = _WELL_FORMED.match(key) if isinstance(key, str) else None
    if well_formed:
        # 240 characters of the drawn key, the run id and the serial stay within the 255 the
        # API takes (up to a million calls per run).
        headers["Idempotency-Key"] = f"{well_formed.group(1)[:240]}.{_run}{next(_serial)}"


# filter_failure: Schemathesis approximates \p{L} by Latin letters (schemathesis/core/jsonschema/
# patterns.py), so it sends a Hangul, Greek or CJK template category or feature as a value that
# breaks the pattern, and reports the API accepting it (ST201). The API takes every letter, as
# the document says. Such a failure is dropped only when every value of that field in the case
# matches the document's pattern under full Unicode (the `regex` module); any other value, and
# every other failure, is kept. Dropped failures are counted in Schemathesis' summary.
_UNICODE_PATTERNS = {
    "category": regex.compile(r"^[\p{L}\p{Nd} ._-]{1,64}$"),
    "features": regex.compile(r"^[\p{L}\p{Nd} ._+/-]{1,32}$"),
}


def _values(case, field):
    found = []
    if isinstance(case.query, dict) and field in case.query:
        found.append(case.query[field])
    if isinstance(case.body, dict) and field in case.body:
        value = case.body[field]
        found.extend(value if isinstance(value, list) else [value])
    return found


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if getattr(failure, "code", "") != "ST201" or "violates `pattern`" not in failure.message:
        return True
    for field, pattern in _UNICODE_PATTERNS.items():
        if field not in failure.message:
            continue
        values = _values(case, field)
        if values and all(isinstance(v, str) and pattern.match(v) for v in values):
            return False
    return True
