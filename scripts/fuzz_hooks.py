"""Schemathesis hooks for scripts/fuzz.sh, loaded through SCHEMATHESIS_HOOKS.

A well-formed Idempotency-Key gets a suffix unique to the run before each call. Schemathesis
draws keys from a small space and reuses them across cases and scenarios; the API answers a
reused key with another body with a 409 and a reused key with the same body with the original
answer, even once that resource is gone (README: Idempotency-Key). Either would be read as a
failure of the case that happened to draw the key (a create "not found" right after it was
made, because an earlier scenario had deleted it). Malformed keys are sent as generated, so
the 400 for them stays fuzzed; replay and conflict are covered by the end-to-end tests.
Negative cases are left alone: changing a header makes Schemathesis revalidate the case, which
would put back a header the case meant to leave out (Authorization).
"""

import itertools
import re

import schemathesis

_serial = itertools.count()
_WELL_FORMED = re.compile(r"^[!-~]{1,240}$")


@schemathesis.hook
def before_call(context, case, kwargs):
    headers = case.headers
    if not headers or (case.meta is not None and case.meta.generation.mode.is_negative):
        return
    key = headers.get("Idempotency-Key")
    if isinstance(key, str) and _WELL_FORMED.match(key):
        headers["Idempotency-Key"] = f"{key}.{next(_serial)}"
