// What the first-call checks compare: the outcome of a probe run on our class and on the host's.

/** What a probe run gave, as text: its JSON, or the error it threw (the same error on both sides passes). */
export async function outcomeOf(run: () => Promise<string>): Promise<string> {
  try {
    return await run();
  } catch (error) {
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
}

/** Where two JSON texts part, with some context: for the status line. */
export function difference(ours: string, host: string): string {
  let at = 0;
  while (at < ours.length && ours[at] === host[at]) at++;
  const from = Math.max(0, at - 40);
  return `ours ...${ours.slice(from, at + 40)}... vs the host's ...${host.slice(from, at + 40)}...`;
}
