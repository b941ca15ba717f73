// Form drafts survive a sign-in redirect: every change of a form's state is written to
// sessionStorage under its key, and read back when the form mounts again. A draft is removed
// when the form is submitted or cancelled. scrub takes out what must not be stored (secret
// header values): a restored form asks for those again.
import { useEffect, useState } from "preact/hooks";

const PREFIX = "cfm.draft.";

export function useDraft<T>(key: string, initial: T, scrub?: (v: T) => T): [T, (v: T | ((old: T) => T)) => void, () => void, boolean] {
  const [restored] = useState(() => sessionStorage.getItem(PREFIX + key) !== null);
  const [value, setValue] = useState<T>(() => {
    const raw = sessionStorage.getItem(PREFIX + key);
    if (raw === null) return initial;
    try {
      return { ...initial, ...(JSON.parse(raw) as T) };
    } catch {
      return initial;
    }
  });
  const [cleared, setCleared] = useState(false);
  useEffect(() => {
    if (!cleared) sessionStorage.setItem(PREFIX + key, JSON.stringify(scrub ? scrub(value) : value));
  }, [key, value, cleared]);
  const clear = () => {
    setCleared(true);
    sessionStorage.removeItem(PREFIX + key);
  };
  const set = (v: T | ((old: T) => T)) => {
    setCleared(false);
    setValue(v);
  };
  return [value, set, clear, restored];
}
