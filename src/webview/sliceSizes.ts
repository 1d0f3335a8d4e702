// How a long conversation opens (no DOM here, so the tests in Node can read the numbers too).

/** Turns rendered at once when a conversation opens: enough to fill the panel several times over. */
export const FIRST_TURNS = 40;
/** Older turns rendered per idle moment afterwards, above what is shown. */
export const OLDER_TURNS_PER_SLICE = 60;
